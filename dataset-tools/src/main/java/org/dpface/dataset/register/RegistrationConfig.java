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
   * 240×320 demo takes, so 0.05 only rejects views that see almost none of the reconstruction), depth in [200, 5000] mm, median DP disagreement ≤ 0.25 px and its bias
   * ≤ 0.20 px over ≥ 5 windows
   * (15 × 15 px, ±4 px search, every 6 px, ZNCC ≥ 0.6), clipping at 16383 DN (14-bit) in ≤ 5 % of
   * valid pixels.
   *
   * <p>The DP limits come from the virtual rig's truth ({@code QcDisparityStudy} on {@code dpface demo --quick}):
   * with a perfect registration (true mesh, true cameras) the estimator measures d = 1.006·(a/Z + b) − 0.082 px
   * over 75k windows — slope right, so no sign/axis error, but a constant offset of −0.04…−0.10 px per camera
   * on shaded, shadowed faces (−0.02 px on the unshadowed test lab), up to ±0.2 px on oblique views; per
   * sample the bias spans q05…q95 = −0.155…+0.122 px and |error| reaches 0.18 px (q95). The old limits
   * (0.15 / 0.05 px) failed 102 of 186 perfectly registered samples; these pass 181 of 186. They still
   * reject a mesh displaced along the view axis by ≳ 25 mm at 240×320 (−a·ΔZ/Z² ≈ 0.0083 px/mm) or
   * ≳ 35 mm at 120×160; the statistic cannot see sub-centimetre misregistration at these resolutions.
   */
  public static RegistrationConfig defaults(int width, int height) {
    return new RegistrationConfig(width, height, 2, 0.05, 0.25, 200, 5000, 0.25, 0.20, 5, 7, 4, 6, 0.6, 16383, 0.05);
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
