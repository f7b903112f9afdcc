package org.dpface.network.metrics;

import java.util.Arrays;

/**
 * Angular error of surface normals, as reported for facial DP normal estimation (Kang et al. 2022,
 * "Facial Depth and Normal Estimation using Single Dual-Pixel Camera"): per valid pixel the angle
 * between the normalised prediction and the (unit) ground truth, then mean, median, RMSE and the
 * fractions within 11.25°, 22.5° and 30°.
 *
 * <p>Normal maps are row-major H×W×3 (x, y, z interleaved, camera frame). A pixel is valid where
 * {@code mask != 0} and both vectors have non-zero finite length. Allocates one angle array per call.
 */
public final class NormalMetrics {
  private NormalMetrics() {}

  /**
   * @param predicted H×W×3, need not be unit length
   * @param truth H×W×3 unit normals
   * @param mask H×W, nonzero = valid; null = all valid
   * @param pixels H·W
   */
  public static NormalErrors compute(float[] predicted, float[] truth, byte[] mask, int pixels) {
    if (predicted.length < 3 * pixels || truth.length < 3 * pixels
        || (mask != null && mask.length < pixels)) {
      throw new IllegalArgumentException("arrays shorter than " + pixels + " pixels");
    }
    double[] angles = new double[pixels];
    int n = 0;
    for (int i = 0; i < pixels; i++) {
      if (mask != null && mask[i] == 0) {
        continue;
      }
      int k = 3 * i;
      double px = predicted[k];
      double py = predicted[k + 1];
      double pz = predicted[k + 2];
      double gx = truth[k];
      double gy = truth[k + 1];
      double gz = truth[k + 2];
      double lp = Math.sqrt(px * px + py * py + pz * pz);
      double lg = Math.sqrt(gx * gx + gy * gy + gz * gz);
      if (!(lp > 0) || !(lg > 0) || Double.isInfinite(lp) || Double.isInfinite(lg)) {
        continue;
      }
      double cos = (px * gx + py * gy + pz * gz) / (lp * lg);
      angles[n++] = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
    }
    return summarize(angles, n);
  }

  /** Summary of {@code n} angles in degrees (reorders the array's first n entries). */
  static NormalErrors summarize(double[] angles, int n) {
    if (n == 0) {
      return new NormalErrors(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          0);
    }
    double sum = 0;
    double sq = 0;
    int w11 = 0;
    int w22 = 0;
    int w30 = 0;
    for (int i = 0; i < n; i++) {
      double a = angles[i];
      sum += a;
      sq += a * a;
      w11 += a < 11.25 ? 1 : 0;
      w22 += a < 22.5 ? 1 : 0;
      w30 += a < 30 ? 1 : 0;
    }
    Arrays.sort(angles, 0, n);
    double median = (n & 1) == 1 ? angles[n / 2] : 0.5 * (angles[n / 2 - 1] + angles[n / 2]);
    return new NormalErrors(sum / n, median, Math.sqrt(sq / n), (double) w11 / n, (double) w22 / n,
        (double) w30 / n, n);
  }
}
