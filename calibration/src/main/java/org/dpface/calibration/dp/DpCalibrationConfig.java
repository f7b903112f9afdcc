package org.dpface.calibration.dp;

/**
 * Settings of {@link DpCoefficientCalibrator}.
 *
 * @param halfWindow measurement window half size (px); the window is (2·halfWindow + 1)² (default 15)
 * @param maxDisparityPx largest |d| searched (px, default 8)
 * @param gridStep distance between window centres (px, default 16)
 * @param minConfidence smallest ZNCC of the left and right windows at the found shift (default 0.8)
 * @param minValidFraction smallest share of window pixels with valid depth (default 0.95)
 * @param maxDepthSpread largest (p95 − p5) / median of the window's depths (default 0.05): windows across
 *     a depth edge or on a steep slope are dropped
 * @param minScalePx floor of the robust residual scale (px, default 0.01), so exact data does not make
 *     every sample an outlier
 * @param inlierSigmas a sample is an inlier when |residual| ≤ this × robust scale (default 3)
 * @param minSamples fewest inliers accepted (default 20)
 * @param threads worker threads (results do not depend on it; default 1)
 * @param smoothingSigmaPx σ (px) of a Gaussian both views are smoothed with before measuring (default 1;
 *     0 = none). Symmetric smoothing keeps the L–R centroid separation (the thin-lens disparity) but
 *     removes the sensor noise that biases the Lucas–Kanade shift low: on the demo's planes (240x320,
 *     14-bit noise, ±15° tilt) a came out −0.75 % unsmoothed, +0.02 % at σ 1 (noise-free: −0.24 % / −0.05 %)
 */
public record DpCalibrationConfig(
    int halfWindow,
    int maxDisparityPx,
    int gridStep,
    double minConfidence,
    double minValidFraction,
    double maxDepthSpread,
    double minScalePx,
    double inlierSigmas,
    int minSamples,
    int threads,
    double smoothingSigmaPx) {
  public DpCalibrationConfig {
    if (halfWindow < 1 || maxDisparityPx < 1 || gridStep < 1 || minSamples < 3 || threads < 1) {
      throw new IllegalArgumentException("window, disparity, step, threads must be >= 1 and minSamples >= 3");
    }
    if (!(minConfidence >= -1 && minConfidence <= 1)) {
      throw new IllegalArgumentException("minConfidence must be in [-1, 1], got " + minConfidence);
    }
    if (!(minValidFraction > 0 && minValidFraction <= 1)) {
      throw new IllegalArgumentException("minValidFraction must be in (0, 1], got " + minValidFraction);
    }
    if (!(maxDepthSpread > 0) || !(minScalePx > 0) || !(inlierSigmas > 0)) {
      throw new IllegalArgumentException("maxDepthSpread, minScalePx and inlierSigmas must be positive");
    }
    if (!(smoothingSigmaPx >= 0) || !Double.isFinite(smoothingSigmaPx)) {
      throw new IllegalArgumentException("smoothingSigmaPx must be finite and >= 0, got " + smoothingSigmaPx);
    }
  }

  /** The defaults listed above. */
  public static DpCalibrationConfig defaults() {
    return new DpCalibrationConfig(15, 8, 16, 0.8, 0.95, 0.05, 0.01, 3, 20, 1, 1.0);
  }

  /** A copy with another window half size (px). */
  public DpCalibrationConfig withHalfWindow(int h) {
    return new DpCalibrationConfig(h, maxDisparityPx, gridStep, minConfidence, minValidFraction,
        maxDepthSpread, minScalePx, inlierSigmas, minSamples, threads, smoothingSigmaPx);
  }

  /** A copy with another grid step (px). */
  public DpCalibrationConfig withGridStep(int step) {
    return new DpCalibrationConfig(halfWindow, maxDisparityPx, step, minConfidence, minValidFraction,
        maxDepthSpread, minScalePx, inlierSigmas, minSamples, threads, smoothingSigmaPx);
  }

  /** A copy with another largest searched disparity (px). */
  public DpCalibrationConfig withMaxDisparityPx(int px) {
    return new DpCalibrationConfig(halfWindow, px, gridStep, minConfidence, minValidFraction,
        maxDepthSpread, minScalePx, inlierSigmas, minSamples, threads, smoothingSigmaPx);
  }

  /** A copy with another thread count. */
  public DpCalibrationConfig withThreads(int n) {
    return new DpCalibrationConfig(halfWindow, maxDisparityPx, gridStep, minConfidence, minValidFraction,
        maxDepthSpread, minScalePx, inlierSigmas, minSamples, n, smoothingSigmaPx);
  }

  /** A copy with another smoothing σ (px; 0 = none). */
  public DpCalibrationConfig withSmoothingSigmaPx(double sigma) {
    return new DpCalibrationConfig(halfWindow, maxDisparityPx, gridStep, minConfidence, minValidFraction,
        maxDepthSpread, minScalePx, inlierSigmas, minSamples, threads, sigma);
  }
}
