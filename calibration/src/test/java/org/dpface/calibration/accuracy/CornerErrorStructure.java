package org.dpface.calibration.accuracy;

import java.util.List;
import java.util.Locale;
import org.dpface.calibration.detect.CornerDetection;

/**
 * Diagnostics of the corner errors (detected − true): how much is a per-view affine field (shift, scale,
 * shear: correlated over the board, which calibration cannot average away) and how much is local, and
 * the mean error against the true corner's sub-pixel phase (pixel locking).
 */
final class CornerErrorStructure {
  private CornerErrorStructure() {}

  static void print(DemoCalibrationSession s, List<List<CornerDetection>> dets) {
    double shift = 0;
    double affine = 0;
    double local = 0;
    long n = 0;
    int bins = 10;
    double[] phaseSum = new double[bins];
    int[] phaseN = new int[bins];
    for (int p = 0; p < dets.size(); p++) {
      for (int c = 0; c < s.cameraIds.size(); c++) {
        double[] t = s.trueCorners.get(p).get(c);
        if (t == null) {
          continue;
        }
        double[] g = dets.get(p).get(c).corners();
        int k = t.length / 2;
        double mx = 0;
        double my = 0;
        double ex = 0;
        double ey = 0;
        for (int i = 0; i < k; i++) {
          mx += t[2 * i] / k;
          my += t[2 * i + 1] / k;
          ex += (g[2 * i] - t[2 * i]) / k;
          ey += (g[2 * i + 1] - t[2 * i + 1]) / k;
        }
        // least squares e - ē = A (x - x̄), per error axis
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        double[] bx = new double[2];
        double[] by = new double[2];
        for (int i = 0; i < k; i++) {
          double dx = t[2 * i] - mx;
          double dy = t[2 * i + 1] - my;
          double fx = g[2 * i] - t[2 * i] - ex;
          double fy = g[2 * i + 1] - t[2 * i + 1] - ey;
          sxx += dx * dx;
          sxy += dx * dy;
          syy += dy * dy;
          bx[0] += dx * fx;
          bx[1] += dy * fx;
          by[0] += dx * fy;
          by[1] += dy * fy;
        }
        double det = sxx * syy - sxy * sxy;
        double a00 = (syy * bx[0] - sxy * bx[1]) / det;
        double a01 = (sxx * bx[1] - sxy * bx[0]) / det;
        double a10 = (syy * by[0] - sxy * by[1]) / det;
        double a11 = (sxx * by[1] - sxy * by[0]) / det;
        for (int i = 0; i < k; i++) {
          double dx = t[2 * i] - mx;
          double dy = t[2 * i + 1] - my;
          double px = a00 * dx + a01 * dy;
          double py = a10 * dx + a11 * dy;
          double fx = g[2 * i] - t[2 * i] - ex;
          double fy = g[2 * i + 1] - t[2 * i + 1] - ey;
          shift += ex * ex + ey * ey;
          affine += px * px + py * py;
          local += (fx - px) * (fx - px) + (fy - py) * (fy - py);
          n++;
          double phase = t[2 * i] - Math.floor(t[2 * i]);
          int b = Math.min(bins - 1, (int) (phase * bins));
          phaseSum[b] += g[2 * i] - t[2 * i];
          phaseN[b]++;
        }
      }
    }
    System.out.printf(Locale.ROOT, "corner error RMS split: per-view shift %.4f, per-view affine %.4f, local %.4f px%n",
        Math.sqrt(shift / n), Math.sqrt(affine / n), Math.sqrt(local / n));
    StringBuilder sb = new StringBuilder("mean du by sub-pixel phase of u (0.1 bins):");
    for (int b = 0; b < bins; b++) {
      sb.append(String.format(Locale.ROOT, " %+.4f", phaseSum[b] / Math.max(1, phaseN[b])));
    }
    System.out.println(sb);
  }
}
