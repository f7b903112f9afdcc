package org.dpface.calibration.rig;

import java.util.Objects;
import org.dpface.calibration.camera.CalibrationConfig;

/**
 * Settings of a multi-camera rig calibration ({@link RigCalibrator}).
 *
 * @param camera per-camera intrinsic calibration settings (distortion model, outlier rule, fewest views
 *     per camera)
 * @param refineIntrinsics also refine fx fy cx cy and the distortion terms in the joint bundle adjustment
 *     (default true: with a long lens a single camera's focal length and board distances trade off, and
 *     the other cameras' views of the same board poses pin it down); false keeps each camera's
 *     single-camera (Zhang) intrinsics
 * @param huberPx Huber threshold on a corner's 2D reprojection error, px (default 1)
 * @param maxIterations Levenberg–Marquardt iteration cap (default 100)
 * @param rejectSigmas after the refinement a corner whose 2D reprojection error exceeds this many robust
 *     standard deviations of all corners' errors (and {@code rejectFloorPx}) is dropped and the refinement
 *     rerun (default 6: a Gaussian corner reaches it with probability 1.5e-8); 0 keeps every corner
 * @param rejectFloorPx a corner is never dropped below this error, px (default 0.1)
 */
public record RigCalibrationConfig(CalibrationConfig camera, boolean refineIntrinsics, double huberPx,
    int maxIterations, double rejectSigmas, double rejectFloorPx) {
  public RigCalibrationConfig {
    if (!(rejectSigmas >= 0) || !Double.isFinite(rejectSigmas) || !(rejectFloorPx >= 0)
        || !Double.isFinite(rejectFloorPx)) {
      throw new IllegalArgumentException("rejectSigmas and rejectFloorPx must be finite and >= 0, got "
          + rejectSigmas + ", " + rejectFloorPx);
    }
    Objects.requireNonNull(camera, "camera");
    if (!(huberPx > 0) || !Double.isFinite(huberPx)) {
      throw new IllegalArgumentException("huberPx must be finite and > 0, got " + huberPx);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
  }

  /**
   * Default camera settings, intrinsics refined jointly, Huber 1 px, 100 iterations, corners beyond 6
   * robust sigmas (at least 0.1 px) dropped.
   */
  public static RigCalibrationConfig defaults() {
    return new RigCalibrationConfig(CalibrationConfig.defaults(), true, 1.0, 100, 6, 0.1);
  }

  /** A copy with other per-camera settings. */
  public RigCalibrationConfig withCamera(CalibrationConfig c) {
    return new RigCalibrationConfig(c, refineIntrinsics, huberPx, maxIterations, rejectSigmas, rejectFloorPx);
  }

  /** A copy with joint intrinsic refinement on or off. */
  public RigCalibrationConfig withRefineIntrinsics(boolean on) {
    return new RigCalibrationConfig(camera, on, huberPx, maxIterations, rejectSigmas, rejectFloorPx);
  }

  /** A copy with another corner rejection rule (0 sigmas: keep every corner). */
  public RigCalibrationConfig withCornerRejection(double sigmas, double floorPx) {
    return new RigCalibrationConfig(camera, refineIntrinsics, huberPx, maxIterations, sigmas, floorPx);
  }
}
