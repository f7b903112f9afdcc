package org.dpface.calibration.projector;

import java.util.Objects;
import org.dpface.calibration.camera.CalibrationConfig;
import org.dpface.calibration.camera.DistortionModel;

/**
 * Settings of a projector calibration ({@link ProjectorCalibrator}).
 *
 * @param windowRadiusPx half side of the camera-pixel window around a corner whose decoded projector
 *     coordinates fit the local homography (window (2r + 1)², default 6 px)
 * @param minValidFraction fewest decoded pixels in the window, as a fraction of its area (default 0.35;
 *     dark squares decode less reliably than light ones)
 * @param inlierFloorPx a decoded pixel is an outlier of the local homography when its residual exceeds
 *     max(3 × 1.4826 × MAD, this), projector px (default 0.5)
 * @param intrinsics the inverse-camera (Zhang) step: distortion model, outlier rule, fewest views
 *     (default k1 k2 p1 p2, at least 4 views)
 * @param huberPx Huber threshold of the joint refinement, projector px (default 1)
 * @param maxIterations Levenberg–Marquardt iteration cap of the joint refinement (default 100)
 */
public record ProjectorCalibrationConfig(int windowRadiusPx, double minValidFraction, double inlierFloorPx,
    CalibrationConfig intrinsics, double huberPx, int maxIterations) {
  public ProjectorCalibrationConfig {
    if (windowRadiusPx < 2) {
      throw new IllegalArgumentException("windowRadiusPx must be >= 2, got " + windowRadiusPx);
    }
    if (!(minValidFraction > 0 && minValidFraction <= 1)) {
      throw new IllegalArgumentException("minValidFraction must be in (0, 1], got " + minValidFraction);
    }
    if (!(inlierFloorPx > 0) || !Double.isFinite(inlierFloorPx)) {
      throw new IllegalArgumentException("inlierFloorPx must be finite and > 0, got " + inlierFloorPx);
    }
    Objects.requireNonNull(intrinsics, "intrinsics");
    if (!(huberPx > 0) || !Double.isFinite(huberPx)) {
      throw new IllegalArgumentException("huberPx must be finite and > 0, got " + huberPx);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
  }

  /** Window radius 6 px, 35 % valid, inlier floor 0.5 px, k1 k2 p1 p2, ≥ 4 views, Huber 1 px, 100 iterations. */
  public static ProjectorCalibrationConfig defaults() {
    CalibrationConfig c = CalibrationConfig.defaults().withDistortion(DistortionModel.RADIAL2_TANGENTIAL);
    c = new CalibrationConfig(c.distortion(), c.fixAspectRatio(), c.outlierFactor(), c.outlierFloorPx(), 4);
    return new ProjectorCalibrationConfig(6, 0.35, 0.5, c, 1.0, 100);
  }

  /** A copy with another window radius. */
  public ProjectorCalibrationConfig withWindowRadiusPx(int r) {
    return new ProjectorCalibrationConfig(r, minValidFraction, inlierFloorPx, intrinsics, huberPx, maxIterations);
  }

  /** A copy with other inverse-camera settings. */
  public ProjectorCalibrationConfig withIntrinsics(CalibrationConfig c) {
    return new ProjectorCalibrationConfig(windowRadiusPx, minValidFraction, inlierFloorPx, c, huberPx, maxIterations);
  }
}
