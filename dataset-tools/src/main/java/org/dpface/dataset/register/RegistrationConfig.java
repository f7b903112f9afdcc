package org.dpface.dataset.register;

/**
 * Settings of registration and per-sample QC.
 *
 * @param sampleWidth sample width (px): the crop width cut from every camera image
 * @param sampleHeight sample height (px)
 * @param threads rasterizer threads (results do not depend on it)
 * @param minValidFraction QC: least fraction of the face region (crop pixels whose DP sum L + R is
 *     above {@code faceThreshold} × its 95th percentile) that must have registered depth
 * @param faceThreshold see {@code minValidFraction}, in (0, 1)
 * @param minDepthMm QC: nearest allowed registered depth (mm)
 * @param maxDepthMm QC: farthest allowed registered depth (mm)
 * @param maxDisparityErrorPx QC: largest allowed median |measured − predicted| DP disparity (px)
 * @param maxDisparityBiasPx QC: largest allowed |median (measured − predicted)| DP disparity (px): a
 *     mesh displaced along the view axis biases every window the same way
 * @param minDisparityWindows QC: fewest DP windows with a confident measurement
 * @param dpHalfWindow DP estimator window half size (px)
 * @param dpMaxDisparityPx DP estimator search range (px)
 * @param dpGridStep spacing of DP windows (px)
 * @param dpMinConfidence least ZNCC of a DP window to count
 * @param clipDn raw value at or above which a pixel counts as clipped (the sensor's ADC maximum)
 * @param maxClippedFraction QC: largest allowed fraction of valid pixels clipped in either DP half
 */
public record RegistrationConfig(
    int sampleWidth,
    int sampleHeight,
    int threads,
    double minValidFraction,
    double faceThreshold,
    double minDepthMm,
    double maxDepthMm,
    double maxDisparityErrorPx,
    double maxDisparityBiasPx,
    int minDisparityWindows,
    int dpHalfWindow,
    int dpMaxDisparityPx,
    int dpGridStep,
    double dpMinConfidence,
    int clipDn,
    double maxClippedFraction) {
  public RegistrationConfig {
    if (sampleWidth < 1 || sampleHeight < 1 || threads < 1) {
      throw new IllegalArgumentException("sample size and threads must be positive");
    }
    if (!(minValidFraction >= 0 && minValidFraction <= 1) || !(faceThreshold > 0 && faceThreshold < 1)) {
      throw new IllegalArgumentException("minValidFraction must be in [0, 1], faceThreshold in (0, 1)");
    }
    if (!(minDepthMm > 0 && maxDepthMm > minDepthMm)) {
      throw new IllegalArgumentException("need 0 < minDepthMm < maxDepthMm");
    }
    if (!(maxDisparityErrorPx > 0) || !(maxDisparityBiasPx > 0) || minDisparityWindows < 1 || dpHalfWindow < 1 || dpMaxDisparityPx < 1 || dpGridStep < 1) {
      throw new IllegalArgumentException("DP QC settings must be positive");
    }
    if (clipDn < 1 || clipDn > 65535 || !(maxClippedFraction >= 0 && maxClippedFraction <= 1)) {
      throw new IllegalArgumentException("clipDn must be in 1..65535, maxClippedFraction in [0, 1]");
    }
  }

  /**
   * Defaults for a {@code width × height} sample: 2 threads; QC: valid fraction ≥ 0.05 of the face
   * region (threshold 0.25; the "face region" is every lit pixel of the head — hair, ears and neck included —
   * while structured light reconstructs the projector-lit front, which covers 6–30 % of it on the virtual rig's
   * 240×320 demo takes, so 0.05 only rejects views that see almost none of the reconstruction), depth in [200, 5000] mm, median DP disagreement ≤ 0.15 px and its bias
   * ≤ 0.05 px over ≥ 5 windows
   * (15 × 15 px, ±4 px search, every 6 px, ZNCC ≥ 0.6), clipping at 16383 DN (14-bit) in ≤ 5 % of
   * valid pixels.
   */
  public static RegistrationConfig defaults(int width, int height) {
    return new RegistrationConfig(width, height, 2, 0.05, 0.25, 200, 5000, 0.15, 0.05, 5, 7, 4, 6, 0.6, 16383, 0.05);
  }

  /** A copy with other DP disagreement limits (median |error|, |bias|). */
  public RegistrationConfig withDisparityLimits(double errorPx, double biasPx) {
    return new RegistrationConfig(sampleWidth, sampleHeight, threads, minValidFraction, faceThreshold, minDepthMm, maxDepthMm, errorPx,
        biasPx, minDisparityWindows, dpHalfWindow, dpMaxDisparityPx, dpGridStep, dpMinConfidence, clipDn, maxClippedFraction);
  }

  /** A copy with another clip level. */
  public RegistrationConfig withClipDn(int dn) {
    return new RegistrationConfig(sampleWidth, sampleHeight, threads, minValidFraction, faceThreshold, minDepthMm, maxDepthMm,
        maxDisparityErrorPx, maxDisparityBiasPx, minDisparityWindows, dpHalfWindow, dpMaxDisparityPx, dpGridStep, dpMinConfidence, dn,
        maxClippedFraction);
  }
}
