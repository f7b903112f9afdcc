package org.dpface.calibration.takes;

import java.io.IOException;
import org.dpface.capture.storage.StoredCalibrationTake;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.PngImages;

/** Reads the frames of a stored calibration take: a DP camera's two halves, or their sum (the full aperture). */
final class TakeImages {
  private TakeImages() {}

  /** Left + right view of {@code cameraId} at {@code step} (16-bit, clamped), into {@code out}. */
  static GrayU16 readSum(StoredCalibrationTake t, String cameraId, int step, GrayU16 out, GrayU16 work)
      throws IOException {
    PngImages.readGrayU16(t.leftPng(cameraId, step), out);
    PngImages.readGrayU16(t.rightPng(cameraId, step), work);
    if (out.width() != work.width() || out.height() != work.height()) {
      throw new IOException(t.dir() + ": left and right views of " + cameraId + " step " + step + " differ in size");
    }
    if (out.width() != t.width() || out.height() != t.height()) {
      throw new IOException(t.leftPng(cameraId, step) + ": " + out.width() + "x" + out.height()
          + " px, take.json says " + t.width() + "x" + t.height());
    }
    for (int y = 0; y < out.height(); y++) {
      int a = out.indexOf(0, y);
      int b = work.indexOf(0, y);
      for (int x = 0; x < out.width(); x++) {
        int v = (out.data[a + x] & 0xFFFF) + (work.data[b + x] & 0xFFFF);
        out.data[a + x] = (short) Math.min(0xFFFF, v);
      }
    }
    return out;
  }
}
