package org.dpface.calibration.rig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.core.image.GrayU16;

/**
 * Detects a chessboard in every image of a rig calibration session and puts each detection into the
 * canonical corner order ({@link CornerOrder}), ready for {@link RigCalibrator}.
 */
public final class RigDetections {
  private RigDetections() {}

  /** The source name of a view: {@code pose03/cam1}. */
  public static String viewName(int pose, String cameraId) {
    return String.format(Locale.ROOT, "pose%02d/%s", pose, cameraId);
  }

  /**
   * Detects and orders corners of every (pose, camera) image.
   *
   * @param imagesByPose per pose, per camera (rig order), the image; {@code null} where none was taken
   * @return per pose, per camera, the detection ({@code null} where there was no image)
   */
  public static List<List<CornerDetection>> detect(
      ChessboardDetector detector, List<String> cameraIds, List<List<GrayU16>> imagesByPose) {
    List<List<CornerDetection>> out = new ArrayList<>(imagesByPose.size());
    for (int p = 0; p < imagesByPose.size(); p++) {
      List<GrayU16> row = imagesByPose.get(p);
      if (row.size() != cameraIds.size()) {
        throw new IllegalArgumentException("pose " + p + " has " + row.size() + " images for "
            + cameraIds.size() + " cameras");
      }
      List<CornerDetection> dets = new ArrayList<>(row.size());
      for (int c = 0; c < row.size(); c++) {
        GrayU16 img = row.get(c);
        if (img == null) {
          dets.add(null);
          continue;
        }
        CornerDetection d = detector.detect(viewName(p, cameraIds.get(c)), img);
        dets.add(CornerOrder.canonical(detector.board(), img, d));
      }
      out.add(dets);
    }
    return out;
  }
}
