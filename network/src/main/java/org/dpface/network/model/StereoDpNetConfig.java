package org.dpface.network.model;

/**
 * Widths and ranges of {@link StereoDpNet}.
 *
 * @param featureChannels C, channels of the DP feature extractor
 * @param downsampleLevels the cost volume is built at scale 1/2^levels (0 to 3)
 * @param numHypotheses disparity hypotheses of the cost volume (≥ 2)
 * @param minDisparityPx smallest disparity (px, full resolution, along the split axis)
 * @param maxDisparityPx largest disparity (px)
 * @param softArgminLevels disparity levels of the soft-argmin after upsampling (≥ numHypotheses)
 * @param aggregationChannels channels of the 3D cost aggregation
 * @param aggregationStages stacked residual 3D stages, each with its own disparity output (≥ 1)
 * @param normalChannels channels of the normal head
 * @param adaptiveSampling true: fuse nearest, bilinear and Fourier phase shifts with learned per-pixel
 *     weights; false: bilinear shift only
 * @param normalHypotheses J, disparity hypotheses around the prediction that the adaptive normal module
 *     back-projects to 3D (0: no module, normals refined from the soft-argmin depth by 2D convs only)
 */
public record StereoDpNetConfig(
    int featureChannels, int downsampleLevels, int numHypotheses, double minDisparityPx,
    double maxDisparityPx, int softArgminLevels, int aggregationChannels, int aggregationStages,
    int normalChannels, boolean adaptiveSampling, int normalHypotheses) {
  public StereoDpNetConfig {
    if (featureChannels < 1 || aggregationChannels < 1 || normalChannels < 1) {
      throw new IllegalArgumentException("channel counts must be >= 1");
    }
    if (downsampleLevels < 0 || downsampleLevels > 3) {
      throw new IllegalArgumentException("downsampleLevels must be in [0, 3], got " + downsampleLevels);
    }
    if (numHypotheses < 2 || softArgminLevels < numHypotheses) {
      throw new IllegalArgumentException("need 2 <= numHypotheses <= softArgminLevels");
    }
    if (!(maxDisparityPx > minDisparityPx)) {
      throw new IllegalArgumentException("need maxDisparity > minDisparity");
    }
    if (aggregationStages < 1) {
      throw new IllegalArgumentException("aggregationStages must be >= 1");
    }
    if (normalHypotheses < 0 || normalHypotheses == 1) {
      throw new IllegalArgumentException("normalHypotheses must be 0 or >= 2, got " + normalHypotheses);
    }
  }

  /**
   * A tiny variant for tests and CI: C = 8 at 1/2 scale, 8 hypotheses, 2 stages, 4 normal hypotheses.
   */
  public static StereoDpNetConfig tiny(double minDisparityPx, double maxDisparityPx) {
    return new StereoDpNetConfig(8, 1, 8, minDisparityPx, maxDisparityPx, 32, 8, 2, 8, true, 4);
  }

  /**
   * The reference widths (Kang et al. 2022): C = 32 at 1/4 scale, 8 hypotheses, 32 soft-argmin
   * levels, three stages, the 4 hypotheses nearest the prediction in the normal module.
   */
  public static StereoDpNetConfig reference(double minDisparityPx, double maxDisparityPx) {
    return new StereoDpNetConfig(32, 2, 8, minDisparityPx, maxDisparityPx, 32, 32, 3, 32, true, 4);
  }

  /** Spacing of the cost-volume hypotheses (px). */
  public double hypothesisStepPx() {
    return (maxDisparityPx - minDisparityPx) / (numHypotheses - 1);
  }

  /** Full-resolution disparity of hypothesis k. */
  public double hypothesisPx(int k) {
    return minDisparityPx + k * (maxDisparityPx - minDisparityPx) / (numHypotheses - 1);
  }

  /** Full-resolution disparity of soft-argmin level l. */
  public double levelPx(int l) {
    return minDisparityPx + l * (maxDisparityPx - minDisparityPx) / (softArgminLevels - 1);
  }
}
