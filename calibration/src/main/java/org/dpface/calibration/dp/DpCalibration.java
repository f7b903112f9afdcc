package org.dpface.calibration.dp;

import java.util.Objects;
import org.dpface.calibration.io.DpCoefficients;

/**
 * Result of {@link DpCoefficientCalibrator}: the fitted d = a / Z + b of one camera and its samples.
 *
 * @param cameraId the camera
 * @param a coefficient a (px·mm)
 * @param b coefficient b (px)
 * @param residualRmsPx RMS residual over the inliers (px)
 * @param residualMedianPx median |residual| over all samples (px)
 * @param robustScalePx the robust residual scale (1.4826 × MAD, floored; px) inliers were judged by
 * @param inliers samples within the inlier band
 * @param windowsMeasured windows with a valid, confident disparity and a usable depth (= samples)
 * @param windowsTried windows looked at
 * @param inverseDepth per sample 1 / median window depth (1/mm); do not modify
 * @param disparityPx per sample measured disparity (px); do not modify
 * @param inlier per sample inlier flag; do not modify
 */
public record DpCalibration(
    String cameraId,
    double a,
    double b,
    double residualRmsPx,
    double residualMedianPx,
    double robustScalePx,
    int inliers,
    int windowsMeasured,
    int windowsTried,
    double[] inverseDepth,
    double[] disparityPx,
    boolean[] inlier) {
  public DpCalibration {
    Objects.requireNonNull(cameraId, "cameraId");
    if (inverseDepth.length != disparityPx.length || inverseDepth.length != inlier.length) {
      throw new IllegalArgumentException("sample arrays differ in length");
    }
  }

  /** Fitted disparity (px) at planar depth {@code zMm}. */
  public double disparityAt(double zMm) {
    return a / zMm + b;
  }

  /** Smallest and largest sample depth (mm) among inliers: {zMin, zMax}. */
  public double[] depthRangeMm() {
    double wMin = Double.POSITIVE_INFINITY;
    double wMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < inverseDepth.length; i++) {
      if (inlier[i]) {
        wMin = Math.min(wMin, inverseDepth[i]);
        wMax = Math.max(wMax, inverseDepth[i]);
      }
    }
    return new double[] {1 / wMax, 1 / wMin};
  }

  /**
   * Largest |d_fit(Z) − d_other(Z)| (px) over the inliers' depth range, for another model
   * d = otherA / Z + otherB (e.g. the thin-lens prediction from lens metadata). The difference is linear
   * in 1/Z, so its largest magnitude is at an end of the range.
   */
  public double maxDisparityDifferencePx(double otherA, double otherB) {
    double[] z = depthRangeMm();
    double d0 = Math.abs(disparityAt(z[0]) - (otherA / z[0] + otherB));
    double d1 = Math.abs(disparityAt(z[1]) - (otherA / z[1] + otherB));
    return Math.max(d0, d1);
  }

  /** What {@code calibration.json} stores: a, b, inlier RMS and inlier count. */
  public DpCoefficients coefficients() {
    return new DpCoefficients(a, b, residualRmsPx, inliers);
  }
}
