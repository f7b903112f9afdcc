package org.dpface.network.metrics;

import java.util.Arrays;

/**
 * Affine-invariant depth errors on inverse depth (Garg et al. 2019, "Learning Single Camera Depth
 * Estimation using Dual-Pixels"): DP disparity fixes depth only up to an affine map of inverse depth,
 * so the prediction is first fitted to the truth by ŷ ↦ α·ŷ + β and the residual is reported.
 *
 * <ul>
 *   <li>AIWE(1) = min over α, β of mean |y − (α·ŷ + β)|, solved by iteratively reweighted least
 *       squares (weights 1 / max(|r|, ε));
 *   <li>AIWE(2) = min over α, β of √ mean (y − (α·ŷ + β))², closed-form least squares;
 *   <li>1 − |ρs|, ρs the Spearman rank correlation of y and ŷ (ties get average ranks).
 * </ul>
 * Uniform weights over the given samples. Units are those of the inputs ({@link DepthMetrics} passes
 * inverse metres).
 */
public final class AffineInvariant {
  /** IRLS iterations for AIWE(1). */
  static final int IRLS_ITERATIONS = 100;
  /** IRLS residual floor, relative to the spread of y. */
  static final double IRLS_EPS = 1e-9;

  private AffineInvariant() {}

  /** AIWE(2): RMS residual of the least-squares fit y ≈ α·ŷ + β over the first n samples. */
  public static double aiwe2(double[] y, double[] yHat, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    double[] ab = weightedFit(y, yHat, null, n);
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - (ab[0] * yHat[i] + ab[1]);
      sq += r * r;
    }
    return Math.sqrt(sq / n);
  }

  /** AIWE(1): mean absolute residual of the L1 fit y ≈ α·ŷ + β over the first n samples (IRLS). */
  public static double aiwe1(double[] y, double[] yHat, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    double scale = 0;
    for (int i = 0; i < n; i++) {
      scale = Math.max(scale, Math.abs(y[i]));
    }
    double eps = IRLS_EPS * Math.max(scale, 1e-30);
    double[] w = new double[n];
    Arrays.fill(w, 1);
    double[] ab = weightedFit(y, yHat, w, n);
    double best = meanAbsResidual(y, yHat, ab, n);
    for (int it = 0; it < IRLS_ITERATIONS; it++) {
      for (int i = 0; i < n; i++) {
        w[i] = 1 / Math.max(Math.abs(y[i] - (ab[0] * yHat[i] + ab[1])), eps);
      }
      ab = weightedFit(y, yHat, w, n);
      best = Math.min(best, meanAbsResidual(y, yHat, ab, n));
    }
    return best;
  }

  /** 1 − |Spearman ρ| of the first n samples; 1 when either side is constant. */
  public static double oneMinusSpearman(double[] y, double[] yHat, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    double[] ry = ranks(y, n);
    double[] rp = ranks(yHat, n);
    double my = 0;
    double mp = 0;
    for (int i = 0; i < n; i++) {
      my += ry[i];
      mp += rp[i];
    }
    my /= n;
    mp /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double a = ry[i] - my;
      double b = rp[i] - mp;
      sxy += a * b;
      sxx += a * a;
      syy += b * b;
    }
    if (sxx == 0 || syy == 0) {
      return 1;
    }
    return 1 - Math.abs(sxy / Math.sqrt(sxx * syy));
  }

  /** Ranks 1..n with ties averaged (sorted copy + binary search; no boxing). */
  static double[] ranks(double[] v, int n) {
    double[] sorted = Arrays.copyOf(v, n);
    Arrays.sort(sorted);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      int lo = lowerBound(sorted, v[i]);
      int hi = lowerBound(sorted, Math.nextUp(v[i])) - 1;
      r[i] = 0.5 * (lo + hi) + 1;
    }
    return r;
  }

  /** First index whose value is &gt;= key (Arrays.sort order). */
  private static int lowerBound(double[] sorted, double key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Double.compare(sorted[mid], key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double meanAbsResidual(double[] y, double[] yHat, double[] ab, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.abs(y[i] - (ab[0] * yHat[i] + ab[1]));
    }
    return s / n;
  }

  /** Weighted least squares {α, β} of y ≈ α·x + β (w null = uniform); α = 0 for constant x. */
  private static double[] weightedFit(double[] y, double[] x, double[] w, int n) {
    double sw = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1 : w[i];
      sw += wi;
      sx += wi * x[i];
      sy += wi * y[i];
    }
    double mx = sx / sw;
    double my = sy / sw;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1 : w[i];
      double dx = x[i] - mx;
      sxx += wi * dx * dx;
      sxy += wi * dx * (y[i] - my);
    }
    double alpha = sxx > 0 ? sxy / sxx : 0;
    return new double[] {alpha, my - alpha * mx};
  }
}
