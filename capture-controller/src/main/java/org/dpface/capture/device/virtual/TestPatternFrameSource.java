package org.dpface.capture.device.virtual;

import java.util.List;
import org.dpface.core.image.GrayU16;

/**
 * Stand-in {@link FrameSource} until the virtual rig's take renderer adapter lands: every pixel encodes
 * which camera, step and view it belongs to, so a stored frame can be checked exactly and cheaply.
 *
 * <p>Pixel value at (x, y): {@code (seed·7919 + camera·4099 + step·257 + view·131 + x·3 + y·5) mod 65536}
 * with {@code camera} the index of the id in the constructor's list and view 0 = left, 1 = right (see
 * {@link #expected}). A smooth ramp, so PNG compression stays quick.
 */
public final class TestPatternFrameSource implements FrameSource {
  private final List<String> cameraIds;
  private final int steps;
  private final long seed;

  /**
   * @param cameraIds the cameras it renders for, in a fixed order
   * @param steps steps per take
   * @param seed changes every pixel (e.g. per take), so takes are distinguishable
   */
  public TestPatternFrameSource(List<String> cameraIds, int steps, long seed) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    this.cameraIds = List.copyOf(cameraIds);
    this.steps = steps;
    this.seed = seed;
  }

  @Override
  public int stepCount() {
    return steps;
  }

  /** 16: the pattern uses every bit of its 16-bit values. */
  @Override
  public int sensorBits(String cameraId, int step) {
    return 16;
  }

  @Override
  public void renderStep(String cameraId, int step, GrayU16 left, GrayU16 right) {
    fill(cameraId, step, 0, left);
    fill(cameraId, step, 1, right);
  }

  /** The value {@link #renderStep} writes at (x, y) of {@code view} (0 left, 1 right). */
  public int expected(String cameraId, int step, int view, int x, int y) {
    return (int) ((base(cameraId, step, view) + x * 3L + y * 5L) & 0xFFFF);
  }

  private long base(String cameraId, int step, int view) {
    int cam = cameraIds.indexOf(cameraId);
    if (cam < 0) {
      throw new IllegalArgumentException("unknown camera " + cameraId + "; known: " + cameraIds);
    }
    if (step < 0 || step >= steps) {
      throw new IllegalArgumentException("step " + step + " not in 0.." + (steps - 1));
    }
    return seed * 7919L + cam * 4099L + step * 257L + view * 131L;
  }

  private void fill(String cameraId, int step, int view, GrayU16 img) {
    long b = base(cameraId, step, view);
    for (int y = 0; y < img.height(); y++) {
      int row = img.startIndex() + y * img.stride();
      long v = b + y * 5L;
      for (int x = 0; x < img.width(); x++) {
        img.data[row + x] = (short) ((v + x * 3L) & 0xFFFF);
      }
    }
  }
}
