package org.dpface.calibration.camera;

import java.util.Arrays;
import java.util.Objects;

/**
 * Settings of a single-camera calibration.
 *
 * @param distortion coefficients to estimate (default {@link DistortionModel#RADIAL3_TANGENTIAL})
 * @param fixAspectRatio estimate one focal length (fx = fy) instead of two
 * @param outlierFactor a view is flagged as an outlier when its RMS exceeds this many times the median
 *     view RMS (default 3) ...
 * @param outlierFloorPx ... and also exceeds this absolute RMS, px (default 0.25), so uniformly tiny
 *     residuals are not flagged
 * @param minViews fewest detected views accepted (≥ 3, default 3; Zhang's method needs 3 planes for 5
 *     intrinsics)
 */
public record CalibrationConfig(
    DistortionModel distortion,
    boolean fixAspectRatio,
    double outlierFactor,
    double outlierFloorPx,
    int minViews) {
  public CalibrationConfig {
    Objects.requireNonNull(distortion, "distortion");
    if (!(outlierFactor > 1) || !Double.isFinite(outlierFactor)) {
      throw new IllegalArgumentException("outlierFactor must be finite and > 1, got " + outlierFactor);
    }
    if (!(outlierFloorPx >= 0) || !Double.isFinite(outlierFloorPx)) {
      throw new IllegalArgumentException("outlierFloorPx must be finite and >= 0, got " + outlierFloorPx);
    }
    if (minViews < 3) {
      throw new IllegalArgumentException("minViews must be >= 3, got " + minViews);
    }
  }

  /** The defaults: 5-term distortion, free aspect ratio, outliers above max(3 × median, 0.25 px). */
  public static CalibrationConfig defaults() {
    return new CalibrationConfig(DistortionModel.RADIAL3_TANGENTIAL, false, 3.0, 0.25, 3);
  }

  /**
   * The view RMS (px) above which a view is flagged an outlier: max(outlierFactor × median of
   * {@code viewRmsPx}, outlierFloorPx); the floor alone when there are no views.
   */
  public double outlierThresholdPx(double[] viewRmsPx) {
    double[] s = viewRmsPx.clone();
    Arrays.sort(s);
    int n = s.length;
    double median = n == 0 ? 0 : n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    return Math.max(outlierFactor * median, outlierFloorPx);
  }

  /** A copy with another distortion model. */
  public CalibrationConfig withDistortion(DistortionModel model) {
    return new CalibrationConfig(model, fixAspectRatio, outlierFactor, outlierFloorPx, minViews);
  }

  /** A copy with the aspect ratio fixed or free. */
  public CalibrationConfig withFixAspectRatio(boolean fix) {
    return new CalibrationConfig(distortion, fix, outlierFactor, outlierFloorPx, minViews);
  }
}
