package org.dpface.calibration.takes;

import java.io.IOException;
import java.util.OptionalInt;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.rig.CornerOrder;
import org.dpface.capture.storage.RawLayout;
import org.dpface.capture.storage.StoredCalibrationTake;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.PngImages;

/**
 * Reads the frames of a stored calibration take: a DP camera's two halves, or their sum (the full aperture); and
 * the board's corners in such a sum.
 */
final class TakeImages {
  private TakeImages() {}

  /**
   * The full scale of {@code cameraId}'s summed frames in {@code t} ({@link RawLayout#summedFullScale}): from
   * the sensor bit depth the take recorded, or {@code override} when given ({@code --sensor-bits}).
   *
   * @throws IOException naming take.json's {@code sensorBits} when the take recorded none for the camera
   */
  static int summedFullScale(StoredCalibrationTake t, String cameraId, Integer override) throws IOException {
    if (override != null) {
      return RawLayout.summedFullScale(override);
    }
    OptionalInt bits = t.sensorBits(cameraId);
    if (bits.isEmpty()) {
      throw new IOException(t.dir().resolve(RawLayout.takeSidecar()) + ": no sensor bit depth recorded for "
          + cameraId + " (field sensorBits; takes stored before dpface recorded it), and its 16-bit PNG frames do"
          + " not say how many bits the sensor fills; give it with --sensor-bits N (the virtual rig's cameras: 14)");
    }
    return RawLayout.summedFullScale(bits.getAsInt());
  }

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

  /**
   * The board's corners in {@code cameraId}'s full-aperture frame at {@code step} (the {@code flat} step), in the
   * canonical order ({@link CornerOrder}); the rule the camera step and the preview share.
   *
   * @param name the detection's view name
   * @param img frame buffer (overwritten)
   * @param work scratch buffer
   */
  static CornerDetection corners(StoredCalibrationTake t, String cameraId, int step, String name,
      ChessboardDetector detector, GrayU16 img, GrayU16 work) throws IOException {
    readSum(t, cameraId, step, img, work);
    return CornerOrder.canonical(detector.board(), img, detector.detect(name, img));
  }
}
