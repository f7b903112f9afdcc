package org.dpface.calibration.takes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.projector.ProjectorViews;
import org.dpface.calibration.rig.RigDetections;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.capture.storage.StoredCalibrationTake;
import org.dpface.core.image.GrayU16;

/**
 * Which cameras should decode a board pose's structured light, from what they saw: the board is detected in
 * every camera's {@code flat} frame of a stored board take (the operator's preview) and the cameras with the
 * largest detected board image win ({@link ProjectorViews#largestBoards}, the same rule the projector step
 * uses). No truth and no nominal pose is involved.
 */
public final class BoardPreview {
  private BoardPreview() {}

  /**
   * Up to {@code k} camera ids of {@code take} with the largest detected board, largest first; empty when no
   * camera found the board.
   *
   * @throws IOException a frame cannot be read, or the take has no {@code flat} step
   */
  public static List<String> largestViews(StoredCalibrationTake take, ChessboardSpec board, int k)
      throws IOException {
    ChessboardDetector detector = new ChessboardDetector(board);
    List<String> ids = take.cameraIds();
    List<CornerDetection> row = new ArrayList<>();
    GrayU16 img = new GrayU16(1, 1);
    GrayU16 work = new GrayU16(1, 1);
    int flat = take.step("flat");
    if (flat < 0) {
      throw new IOException(take.dir() + ": no step labelled \"flat\" (steps " + take.stepLabels() + ")");
    }
    for (int c = 0; c < ids.size(); c++) {
      row.add(TakeImages.corners(take, ids.get(c), flat, RigDetections.viewName(0, ids.get(c)), detector, img,
          work));
    }
    List<String> out = new ArrayList<>();
    for (int c : ProjectorViews.largestBoards(row, board.columns(), k)) {
      out.add(ids.get(c));
    }
    return out;
  }
}
