package org.dpface.reconstruction.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;

/**
 * The primitive arrays behind one decode's frames, resolved once per decode so the row loops never go
 * through {@link ImageBase} or a per-pixel type test. Values are integers; {@link #fullScale} is the value
 * the thresholds are fractions of: the frames' declared full scale (a 12-bit sensor stored unshifted in
 * 16-bit frames: 4095), or by default the sample type's nominal one, 255 when every frame is 8-bit, else
 * 65535 (8-bit frames in a mixed sequence are promoted by x257, which maps 255 to 65535 exactly).
 */
final class FrameRows {
  final int count;
  final int width;
  final int height;
  /** Full-scale value: the declared one, else 255 (all frames 8-bit) or 65535. */
  final int fullScale;
  private final byte[][] bytes;
  private final short[][] shorts;
  private final int[] start;
  private final int[] stride;
  private final int u8Scale;

  private FrameRows(List<? extends ImageBase> frames, int declaredFullScale) {
    count = frames.size();
    width = frames.get(0).width();
    height = frames.get(0).height();
    bytes = new byte[count][];
    shorts = new short[count][];
    start = new int[count];
    stride = new int[count];
    boolean all8 = true;
    for (int f = 0; f < count; f++) {
      ImageBase img = frames.get(f);
      start[f] = img.startIndex();
      stride[f] = img.stride();
      if (img instanceof GrayU8 g) {
        bytes[f] = g.data;
      } else {
        shorts[f] = ((GrayU16) img).data;
        all8 = false;
      }
    }
    int nominal = all8 ? 255 : 65535;
    if (declaredFullScale > nominal || declaredFullScale < 0) {
      throw new IllegalArgumentException("full scale " + declaredFullScale + " does not fit the frames: "
          + (all8 ? "8-bit frames reach at most 255" : "16-bit frames reach at most 65535"));
    }
    boolean mixed = !all8 && Arrays.stream(bytes).anyMatch(Objects::nonNull);
    if (mixed && declaredFullScale != 0 && declaredFullScale != nominal) {
      throw new IllegalArgumentException("full scale " + declaredFullScale + " given for a sequence mixing 8-bit"
          + " and 16-bit frames; such a sequence is decoded in 65535ths (8-bit frames x257)");
    }
    fullScale = declaredFullScale == 0 ? nominal : declaredFullScale;
    u8Scale = all8 ? 1 : 257;
  }

  /**
   * Validates and wraps {@code frames}: each a GrayU8 or GrayU16, all of one size.
   *
   * @throws IllegalArgumentException otherwise
   */
  static FrameRows of(List<? extends ImageBase> frames) {
    return of(frames, 0);
  }

  /**
   * As {@link #of(List)} with the frames' full-scale value, 0 for the sample type's nominal one.
   *
   * @throws IllegalArgumentException also when {@code fullScale} exceeds the sample type's range or is given
   *     (other than 65535) for a sequence mixing 8- and 16-bit frames
   */
  static FrameRows of(List<? extends ImageBase> frames, int fullScale) {
    ImageBase first = frames.get(0);
    for (int f = 0; f < frames.size(); f++) {
      ImageBase img = frames.get(f);
      checkType(img, f);
      if (img.width() != first.width() || img.height() != first.height()) {
        throw new IllegalArgumentException("frame " + f + " is " + img.width() + "x" + img.height()
            + ", frame 0 is " + first.width() + "x" + first.height());
      }
    }
    return new FrameRows(frames, fullScale);
  }

  /** Throws unless {@code frame} is a GrayU8 or GrayU16. */
  static void checkType(ImageBase frame, int index) {
    if (!(frame instanceof GrayU8) && !(frame instanceof GrayU16)) {
      throw new IllegalArgumentException("frame " + index + " is a " + frame.getClass().getSimpleName()
          + "; the decoder reads GrayU8 or GrayU16");
    }
  }

  /**
   * True when every frame's rows follow one another without gaps (stride == width), so that pixel p of the
   * image flattened row after row lies at {@code read(f, 0, p, ...)}.
   */
  boolean compact() {
    for (int f = 0; f < count; f++) {
      if (stride[f] != width) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes pixels x0 .. x0 + n - 1 of row y of frame f into {@code dst[0, n)}; x0 may run past the row end
   * when the frames are {@link #compact()}. A plain widening loop on purpose (on JDK 25 with AVX-512, C2's
   * code for loops that mix byte loads with several int loads/stores measured several times slower than this
   * loop followed by an int-only loop), and the widening goes through float: C2 (JDK 25, AVX-512) turns
   * {@code b & 0xFF} of a byte (or {@code s & 0xFFFF} of a short) into slow vector code, about 0.25 ns per
   * byte, while {@code ((int) (float) b) & 0xFF} vectorises 3-4x faster. Both are exact (every byte and short
   * is a float exactly), so the values are the same.
   */
  void read(int f, int y, int x0, int n, int[] dst) {
    int i = start[f] + y * stride[f] + x0;
    byte[] b = bytes[f];
    if (b != null && u8Scale == 1) {
      for (int x = 0; x < n; x++) {
        dst[x] = ((int) (float) b[i + x]) & 0xFF;
      }
    } else if (b != null) {
      for (int x = 0; x < n; x++) {
        dst[x] = (((int) (float) b[i + x]) & 0xFF) * 257;
      }
    } else {
      short[] s = shorts[f];
      for (int x = 0; x < n; x++) {
        dst[x] = ((int) (float) s[i + x]) & 0xFFFF;
      }
    }
  }

  /** Pixel (x, y) of frame f in units of {@link #fullScale}. */
  int value(int f, int x, int y) {
    int i = start[f] + y * stride[f] + x;
    byte[] b = bytes[f];
    return b != null ? (b[i] & 0xFF) * u8Scale : shorts[f][i] & 0xFFFF;
  }
}
