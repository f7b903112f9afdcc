package org.dpface.rigs.virtual.optics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import org.dpface.core.image.GrayF32;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.SplitAxis;

/** Synthetic inputs for the DP optics tests: seeded textures, planes and steps. */
final class DpScenes {
  private DpScenes() {}

  /** The optics of {@code virtual-8cam}'s camera 0 with the given split axis. */
  static ThinLensDp virtualCamera(SplitAxis axis) {
    ThinLensDp cam0 = ThinLensDp.of(camera0());
    return ThinLensDp.of(cam0.lens(), cam0.pixelPitchMm(), axis, 0);
  }

  /** Camera 0 of the bundled {@code virtual-8cam} rig. */
  static CameraSpec camera0() {
    try {
      return BundledRigs.load("virtual-8cam").cameras().get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Seeded band-limited random texture in [~0.1, ~0.9]: white noise smoothed twice with the binomial
   * [1 2 1]/4 per axis (Gaussian-like, σ ≈ 1 px), so it has strong detail down to 2-3 px periods
   * without aliasing.
   */
  static GrayF32 texture(int w, int h, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    GrayF32 img = new GrayF32(w, h);
    for (int i = 0; i < w * h; i++) {
      img.data[i] = (float) random.nextDouble(-1, 1);
    }
    GrayF32 tmp = new GrayF32(w, h);
    for (int pass = 0; pass < 2; pass++) {
      binomial(img, tmp, true);
      binomial(tmp, img, false);
    }
    for (int i = 0; i < w * h; i++) {
      img.data[i] = 0.5f + 0.9f * img.data[i];
    }
    return img;
  }

  private static void binomial(GrayF32 src, GrayF32 dst, boolean horizontal) {
    int w = src.width();
    int h = src.height();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int xa = horizontal ? Math.max(0, x - 1) : x;
        int xb = horizontal ? Math.min(w - 1, x + 1) : x;
        int ya = horizontal ? y : Math.max(0, y - 1);
        int yb = horizontal ? y : Math.min(h - 1, y + 1);
        dst.set(x, y, 0.25f * src.get(xa, ya) + 0.5f * src.get(x, y) + 0.25f * src.get(xb, yb));
      }
    }
  }

  static GrayF32 constant(int w, int h, float value) {
    GrayF32 img = new GrayF32(w, h);
    img.fill(value);
    return img;
  }

  /** Depth that is {@code nearMm} where the along-axis coordinate (x or y) is below {@code edge}, else far. */
  static GrayF32 step(int w, int h, SplitAxis across, int edge, float firstMm, float secondMm) {
    GrayF32 d = new GrayF32(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int s = across == SplitAxis.HORIZONTAL ? x : y;
        d.set(x, y, s < edge ? firstMm : secondMm);
      }
    }
    return d;
  }
}
