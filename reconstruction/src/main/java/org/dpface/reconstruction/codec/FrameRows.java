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

  /** Writes row y of {@code frame} into {@code out[0..width)} and raises {@code max} per pixel. */
  static void read(ImageBase frame, int y, float[] out, float[] max) {
    int w = frame.width();
    int i = frame.indexOf(0, y);
    if (frame instanceof GrayU8 g) {
      byte[] d = g.data;
      for (int x = 0; x < w; x++) {
        float v = (d[i + x] & 0xFF) * INV_U8;
        out[x] = v;
        max[x] = Math.max(max[x], v);
      }
    } else {
      short[] d = ((GrayU16) frame).data;
      for (int x = 0; x < w; x++) {
        float v = (d[i + x] & 0xFFFF) * INV_U16;
        out[x] = v;
        max[x] = Math.max(max[x], v);
      }
    }
  }
}
