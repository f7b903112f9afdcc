package org.dpface.cli.demo;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * Analytic ground truth for an axis-aligned ellipsoid seen by a camera: per pixel, the exact ray–surface
 * intersection (planar depth in mm) and the exact unit normal in the camera frame, facing the camera.
 * Used to score rendered depth and normals.
 */
final class EllipsoidTruth {
  private final double[] centre;
  private final double[] semiAxes;

  /** Centre and semi-axes in the world frame (mm); axes aligned with the world axes. */
  EllipsoidTruth(double[] centre, double[] semiAxes) {
    this.centre = centre.clone();
    this.semiAxes = semiAxes.clone();
  }

  /**
   * Fills {@code depth} (planar Z, 0 where the ray misses) and {@code normal} (3 per pixel) for every
   * pixel centre of {@code camera}.
   */
  void render(CameraModel camera, RigidTransform worldToCamera, float[] depth, float[] normal) {
    RigidTransform cameraToWorld = worldToCamera.invert();
    double[] c = cameraToWorld.translation();
    double[] ray = new double[3];
    double[] dw = new double[3];
    double[] n = new double[3];
    double[] p = new double[3];
    double[] q = new double[3];
    double[] nc = new double[3];
    for (int k = 0; k < 3; k++) {
      p[k] = (c[k] - centre[k]) / semiAxes[k];
    }
    int w = camera.width();
    for (int v = 0; v < camera.height(); v++) {
      for (int u = 0; u < w; u++) {
        int i = v * w + u;
        depth[i] = 0;
        normal[3 * i] = normal[3 * i + 1] = normal[3 * i + 2] = 0;
        if (!camera.pixelRay(u, v, ray, 0)) {
          continue;
        }
        cameraToWorld.transformDirection(ray[0], ray[1], ray[2], dw, 0);
        double a = 0;
        double b = 0;
        double cc = -1;
        for (int k = 0; k < 3; k++) {
          q[k] = dw[k] / semiAxes[k];
          a += q[k] * q[k];
          b += 2 * p[k] * q[k];
          cc += p[k] * p[k];
        }
        double disc = b * b - 4 * a * cc;
        if (disc < 0) {
          continue;
        }
        double t = (-b - Math.sqrt(disc)) / (2 * a);
        if (!(t > 0)) {
          continue;
        }
        depth[i] = (float) (t * ray[2]);
        for (int k = 0; k < 3; k++) {
          double x = c[k] + t * dw[k];
          n[k] = (x - centre[k]) / (semiAxes[k] * semiAxes[k]);
        }
        worldToCamera.transformDirection(n[0], n[1], n[2], nc, 0);
        double len = Math.sqrt(nc[0] * nc[0] + nc[1] * nc[1] + nc[2] * nc[2]);
        double sign = (nc[0] * ray[0] + nc[1] * ray[1] + nc[2] * ray[2]) > 0 ? -1 : 1;
        for (int k = 0; k < 3; k++) {
          normal[3 * i + k] = (float) (sign * nc[k] / len);
        }
      }
    }
  }
}
