package org.dpface.calibration.camera;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * Reprojection residuals of board corners through a {@link CameraModel}: each board point is moved into
 * the camera frame by {@code boardToCamera}, projected, and compared with its detected pixel.
 */
public final class Reprojection {
  private Reprojection() {}

  /**
   * Sum of squared 2D reprojection errors (px²), the largest single error (px) and the number of corners
   * counted; a corner whose pixel is NaN (dropped by a rejection rule) is skipped.
   *
   * @param objectPoints board points, interleaved x y z (mm)
   * @param pixels detected corners, interleaved u v (px)
   * @return {sum of squared errors, max error, corners}; a point behind the camera counts as infinite error
   */
  public static double[] errors(
      CameraModel camera, RigidTransform boardToCamera, double[] objectPoints, double[] pixels) {
    int n = pixels.length / 2;
    if (objectPoints.length != 3 * n) {
      throw new IllegalArgumentException(
          objectPoints.length / 3 + " object points but " + n + " pixels");
    }
    double[] p = new double[3];
    double[] uv = new double[2];
    double sum = 0;
    double max = 0;
    int counted = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(pixels[2 * i])) {
        continue;
      }
      boardToCamera.transformPoint(objectPoints[3 * i], objectPoints[3 * i + 1], objectPoints[3 * i + 2], p, 0);
      if (!camera.project(p[0], p[1], p[2], uv, 0)) {
        return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, n};
      }
      double du = uv[0] - pixels[2 * i];
      double dv = uv[1] - pixels[2 * i + 1];
      double e2 = du * du + dv * dv;
      sum += e2;
      max = Math.max(max, Math.sqrt(e2));
      counted++;
    }
    return new double[] {sum, max, counted};
  }

  /** Root mean square reprojection error over the points of one view not dropped, px. */
  public static double rms(
      CameraModel camera, RigidTransform boardToCamera, double[] objectPoints, double[] pixels) {
    double[] e = errors(camera, boardToCamera, objectPoints, pixels);
    return Math.sqrt(e[0] / Math.max(1, e[2]));
  }
}
