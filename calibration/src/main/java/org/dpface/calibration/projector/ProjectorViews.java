package org.dpface.calibration.projector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dpface.calibration.detect.CornerDetection;

/** Helpers to plan the views of a projector calibration session. */
public final class ProjectorViews {
  private ProjectorViews() {}

  /**
   * The {@code k} cameras (indices into {@code detections}) whose detected board covers the most image
   * area (quadrilateral of the four outer corners, px²): the finest sampling of the decoded projector
   * coordinates per board square. Ties keep the lower index; failed and {@code null} detections are
   * never chosen.
   *
   * @param detections one pose's detections, per camera
   * @param columns the board's corners per row
   */
  public static List<Integer> largestBoards(List<CornerDetection> detections, int columns, int k) {
    List<Integer> found = new ArrayList<>();
    double[] area = new double[detections.size()];
    for (int c = 0; c < detections.size(); c++) {
      CornerDetection d = detections.get(c);
      if (d == null || !d.isFound()) {
        continue;
      }
      double[] p = d.corners();
      int n = p.length / 2;
      int rows = n / columns;
      int[] quad = {0, columns - 1, n - 1, (rows - 1) * columns};
      double a = 0;
      for (int i = 0; i < 4; i++) {
        int s = quad[i];
        int t = quad[(i + 1) % 4];
        a += p[2 * s] * p[2 * t + 1] - p[2 * t] * p[2 * s + 1];
      }
      area[c] = Math.abs(a) / 2;
      found.add(c);
    }
    found.sort(Comparator.<Integer>comparingDouble(c -> -area[c]).thenComparingInt(c -> c));
    return List.copyOf(found.subList(0, Math.min(k, found.size())));
  }
}
