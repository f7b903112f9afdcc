package org.dpface.calibration.opencv;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;

/**
 * Copies between dpface image buffers and OpenCV {@link Mat}s. Pixel (u, v) = (column, row) maps to
 * Mat (col, row); both put integer coordinates at pixel centres, so no offset is applied. Every method
 * allocates and returns a new object the caller owns: close returned Mats (try-with-resources).
 */
public final class OpenCvImages {
  private OpenCvImages() {}

  /** A new CV_8UC1 Mat holding a copy of {@code image} (honours its stride and start index). */
  public static Mat toMat(GrayU8 image) {
    int w = image.width();
    int h = image.height();
    Mat m = new Mat(h, w, CV_8UC1);
    BytePointer ptr = m.data();
    long step = m.step();
    for (int y = 0; y < h; y++) {
      ptr.position(y * step).put(image.data, image.indexOf(0, y), w);
    }
    ptr.position(0);
    return m;
  }

  /**
   * A new CV_8UC1 Mat from a linear 16-bit image, stretched so the image's minimum maps to 0 and its
   * maximum to 255 (rounded). Chessboard detection only needs contrast, not absolute levels; a flat
   * image maps to all zeros.
   */
  public static Mat toMat8(GrayU16 image) {
    int w = image.width();
    int h = image.height();
    int lo = 65535;
    int hi = 0;
    for (int y = 0; y < h; y++) {
      int idx = image.indexOf(0, y);
      for (int x = 0; x < w; x++) {
        int v = image.data[idx + x] & 0xFFFF;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    double scale = hi > lo ? 255.0 / (hi - lo) : 0;
    byte[] row = new byte[w];
    Mat m = new Mat(h, w, CV_8UC1);
    BytePointer ptr = m.data();
    long step = m.step();
    for (int y = 0; y < h; y++) {
      int idx = image.indexOf(0, y);
      for (int x = 0; x < w; x++) {
        row[x] = (byte) Math.round(((image.data[idx + x] & 0xFFFF) - lo) * scale);
      }
      ptr.position(y * step).put(row, 0, w);
    }
    ptr.position(0);
    return m;
  }

  /** A new GrayU8 copy of a CV_8UC1 Mat. */
  public static GrayU8 toGrayU8(Mat m) {
    if (m.type() != CV_8UC1) {
      throw new IllegalArgumentException("expected a CV_8UC1 Mat, got type " + m.type());
    }
    GrayU8 out = new GrayU8(m.cols(), m.rows());
    BytePointer ptr = m.data();
    long step = m.step();
    for (int y = 0; y < m.rows(); y++) {
      ptr.position(y * step).get(out.data, out.indexOf(0, y), m.cols());
    }
    ptr.position(0);
    return out;
  }
}
