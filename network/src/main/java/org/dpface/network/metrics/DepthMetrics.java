package org.dpface.network.metrics;

/**
 * Depth errors over the valid pixels of one depth map, as reported for facial DP depth estimation
 * (Kang et al. 2022, "Facial Depth and Normal Estimation using Single Dual-Pixel Camera").
 *
 * <p>With prediction p and truth g (planar depth, mm), per valid pixel: AbsRel = |p − g|/g,
 * AbsDiff = |p − g|, SqRel = (p − g)²/g, RMSE = √mean (p − g)², RMSE-log = √mean (ln p − ln g)²,
 * δ &lt; t = fraction with max(p/g, g/p) &lt; t for t ∈ {1.01, 1.01², 1.01³, 1.25}; and the
 * affine-invariant errors of {@link AffineInvariant} on inverse depth in 1/m (1000 / Z_mm).
 *
 * <p>A pixel is valid where {@code mask != 0} and g is finite and &gt; 0. Predictions that are not
 * finite or below {@link #MIN_PREDICTION_MM} are clamped to that floor, so a wild prediction counts as a
 * large error instead of being skipped. Allocates three work arrays per call.
 */
public final class DepthMetrics {
  /** Floor (mm) applied to predictions before ratios and logarithms. */
  public static final double MIN_PREDICTION_MM = 1.0;

  private DepthMetrics() {}

  /**
   * @param predicted H×W predicted depth (mm)
   * @param truth H×W true depth (mm), ≤ 0 = invalid
   * @param mask H×W, nonzero = valid; null = all pixels with valid truth
   * @param pixels H·W
   */
  public static DepthErrors compute(float[] predicted, float[] truth, byte[] mask, int pixels) {
    if (predicted.length < pixels || truth.length < pixels || (mask != null && mask.length < pixels)) {
      throw new IllegalArgumentException("arrays shorter than " + pixels + " pixels");
    }
    double[] invTrue = new double[pixels];
    double[] invPred = new double[pixels];
    int n = 0;
    double absRel = 0;
    double absDiff = 0;
    double sqRel = 0;
    double sq = 0;
    double sqLog = 0;
    int d1 = 0;
    int d2 = 0;
    int d3 = 0;
    int d125 = 0;
    final double t1 = 1.01;
    final double t2 = t1 * t1;
    final double t3 = t2 * t1;
    for (int i = 0; i < pixels; i++) {
      double g = truth[i];
      if ((mask != null && mask[i] == 0) || !(g > 0) || Double.isInfinite(g)) {
        continue;
      }
      double p = predicted[i];
      if (!(p >= MIN_PREDICTION_MM) || Double.isInfinite(p)) {
        p = Double.isInfinite(p) && p > 0 ? Float.MAX_VALUE : MIN_PREDICTION_MM;
      }
      double e = p - g;
      absRel += Math.abs(e) / g;
      absDiff += Math.abs(e);
      sqRel += e * e / g;
      sq += e * e;
      double le = Math.log(p) - Math.log(g);
      sqLog += le * le;
      double ratio = Math.max(p / g, g / p);
      d1 += ratio < t1 ? 1 : 0;
      d2 += ratio < t2 ? 1 : 0;
      d3 += ratio < t3 ? 1 : 0;
      d125 += ratio < 1.25 ? 1 : 0;
      invTrue[n] = 1000 / g;
      invPred[n] = 1000 / p;
      n++;
    }
    if (n == 0) {
      double nan = Double.NaN;
      return new DepthErrors(nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, 0);
    }
    return new DepthErrors(absRel / n, absDiff / n, sqRel / n, Math.sqrt(sq / n), Math.sqrt(sqLog / n),
        (double) d1 / n, (double) d2 / n, (double) d3 / n, (double) d125 / n,
        AffineInvariant.aiwe1(invTrue, invPred, n), AffineInvariant.aiwe2(invTrue, invPred, n),
        AffineInvariant.oneMinusSpearman(invTrue, invPred, n), n);
  }
}
