package org.dpface.calibration.rig;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * Accuracy of a calibrated camera against a known truth (the virtual rig's description): the figures
 * reported for issue 7. Focal error as a fraction, principal point in px, distortion as the largest pixel
 * displacement difference over the image, rotation in degrees, camera centre distance in mm.
 *
 * @param focalError (fx/fx_true + fy/fy_true)/2 − 1
 * @param principalPointPx distance between the principal points, px
 * @param distortionPx largest difference of the distortion displacement over a grid on the image, px
 * @param rotationDeg angle of worldToCamera_true⁻¹ · worldToCamera, degrees
 * @param centreMm distance between the camera centres in the world frame, mm
 */
public record CalibrationErrors(
    double focalError, double principalPointPx, double distortionPx, double rotationDeg, double centreMm) {
  /** Grid steps per image side for {@link #distortionPx(CameraModel, CameraModel)}. */
  private static final int GRID = 16;

  /** Errors of {@code model} / {@code worldToCamera} against the truth. */
  public static CalibrationErrors of(CameraModel model, RigidTransform worldToCamera, CameraModel trueModel,
      RigidTransform trueWorldToCamera) {
    double focal = 0.5 * (model.fx() / trueModel.fx() + model.fy() / trueModel.fy()) - 1;
    double pp = Math.hypot(model.cx() - trueModel.cx(), model.cy() - trueModel.cy());
    return new CalibrationErrors(focal, pp, distortionPx(model, trueModel),
        Math.toDegrees(worldToCamera.rotationAngleTo(trueWorldToCamera)),
        centreDistanceMm(worldToCamera, trueWorldToCamera));
  }

  /**
   * Largest difference (px, scaled by the true focal lengths) between the two models' distortion of the
   * same normalized point, over a {@value #GRID}×{@value #GRID} grid of the true camera's pixels
   * (undistorted through the true model). Isolates the distortion terms from focal length and principal
   * point errors.
   */
  public static double distortionPx(CameraModel model, CameraModel trueModel) {
    double[] n = new double[2];
    double[] a = new double[2];
    double[] b = new double[2];
    double worst = 0;
    for (int j = 0; j <= GRID; j++) {
      for (int i = 0; i <= GRID; i++) {
        double u = -0.5 + trueModel.width() * (double) i / GRID;
        double v = -0.5 + trueModel.height() * (double) j / GRID;
        if (!trueModel.unproject(u, v, n, 0)) {
          continue;
        }
        model.distortNormalized(n[0], n[1], a, 0);
        trueModel.distortNormalized(n[0], n[1], b, 0);
        worst = Math.max(worst, Math.hypot((a[0] - b[0]) * trueModel.fx(), (a[1] - b[1]) * trueModel.fy()));
      }
    }
    return worst;
  }

  /** Distance (mm) between the camera centres of two worldToCamera transforms, in the world frame. */
  public static double centreDistanceMm(RigidTransform worldToCamera, RigidTransform other) {
    return worldToCamera.invert().translationDistanceTo(other.invert());
  }
}
