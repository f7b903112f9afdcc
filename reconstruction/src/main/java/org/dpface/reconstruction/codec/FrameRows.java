package org.dpface.reconstruction.codec;

import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;

/** Reads one row of an 8- or 16-bit gray frame as floats relative to the frame's full scale. */
final class FrameRows {
  private static final float INV_U8 = 1f / 255f;
  private static final float INV_U16 = 1f / 65535f;

  private FrameRows() {}

  /** Throws unless {@code frame} is a GrayU8 or GrayU16. */
  static void checkType(ImageBase frame, int index) {
    if (!(frame instanceof GrayU8) && !(frame instanceof GrayU16)) {
      throw new IllegalArgumentException("frame " + index + " is a " + frame.getClass().getSimpleName()
          + "; the decoder reads GrayU8 or GrayU16");
    }
  }

  /**
   * Writes pixels x0 .. x0 + n - 1 of row y of {@code frame} into {@code out[off .. off + n)} and raises
   * {@code max[0..n)} per pixel.
   */
  static void read(ImageBase frame, int x0, int y, int n, float[] out, int off, float[] max) {
    int w = n;
    int i = frame.indexOf(x0, y);
    if (frame instanceof GrayU8 g) {
      byte[] d = g.data;
      for (int x = 0; x < w; x++) {
        float v = (d[i + x] & 0xFF) * INV_U8;
        out[off + x] = v;
        max[x] = Math.max(max[x], v);
      }
    } else {
      short[] d = ((GrayU16) frame).data;
      for (int x = 0; x < w; x++) {
        float v = (d[i + x] & 0xFFFF) * INV_U16;
        out[off + x] = v;
        max[x] = Math.max(max[x], v);
      }
    }
  }
}
