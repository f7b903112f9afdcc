package org.dpface.core.camera;

import java.util.SplittableRandom;

/**
 * Seeded random camera models of realistic magnitude for tests, restricted to distortions that are
 * monotonic (invertible) over the whole image with a margin.
 *
 * <p>Each model comes with {@link Sample#maxUndistortedRadius}: every pixel of the image has its
 * undistorted normalized radius below it, and the radial map r -> r·radial(r²) is strictly increasing
 * (derivative >= {@link #MIN_SLOPE}) on [0, maxUndistortedRadius].
 */
final class RandomCameras {
  /** Smallest accepted slope of the radial map inside the sampled field. */
  static final double MIN_SLOPE = 0.2;

  /** Margin on the distorted corner radius that the monotonic region must cover. */
  private static final double FIELD_MARGIN = 1.15;

  private RandomCameras() {}

  /** A camera and the undistorted normalized radius that bounds its image. */
  record Sample(CameraModel camera, double maxUndistortedRadius) {}

  /**
   * A random camera: 1000..2000 px wide (4:3), focal length 0.8..1.4 x width, principal point within
   * 30 px of the centre, |k1| < 0.3, |k2| < 0.15, |k3| < 0.05, |p1|, |p2| < 1e-3 and, when
   * {@code rational}, |k4| < 0.3, |k5| < 0.1, |k6| < 0.05. Draws again (same stream, so still
   * deterministic) until the distortion is monotonic over the image.
   */
  static Sample create(SplittableRandom rnd, boolean rational) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int width = 1000 + 4 * rnd.nextInt(251);
      int height = width * 3 / 4;
      double fx = width * rnd.nextDouble(0.8, 1.4);
      double fy = fx * rnd.nextDouble(0.99, 1.01);
      double cx = (width - 1) / 2.0 + rnd.nextDouble(-30, 30);
      double cy = (height - 1) / 2.0 + rnd.nextDouble(-30, 30);
      double[] d = new double[rational ? 8 : 5];
      d[0] = rnd.nextDouble(-0.3, 0.3);
      d[1] = rnd.nextDouble(-0.15, 0.15);
      d[2] = rnd.nextDouble(-1e-3, 1e-3);
      d[3] = rnd.nextDouble(-1e-3, 1e-3);
      d[4] = rnd.nextDouble(-0.05, 0.05);
      if (rational) {
        d[5] = rnd.nextDouble(-0.3, 0.3);
        d[6] = rnd.nextDouble(-0.1, 0.1);
        d[7] = rnd.nextDouble(-0.05, 0.05);
      }
      CameraModel cam = new CameraModel(width, height, fx, fy, cx, cy, d);
      double rMax = monotonicFieldRadius(cam);
      if (rMax > 0) {
        return new Sample(cam, rMax);
      }
    }
    throw new IllegalStateException("no monotonic camera drawn in 1000 attempts");
  }

  /**
   * Walks r from 0 in small steps while the radial map stays increasing with slope >= MIN_SLOPE and a
   * positive denominator; returns the r at which the map first exceeds FIELD_MARGIN times the largest
   * distorted corner radius, or -1 if the monotonic region ends first.
   */
  static double monotonicFieldRadius(CameraModel cam) {
    double[] d = cam.distortion();
    double rdCorner = 0;
    for (double u : new double[] {-0.5, cam.width() - 0.5}) {
      for (double v : new double[] {-0.5, cam.height() - 0.5}) {
        rdCorner = Math.max(rdCorner, Math.hypot((u - cam.cx()) / cam.fx(), (v - cam.cy()) / cam.fy()));
      }
    }
    double target = FIELD_MARGIN * rdCorner;
    double step = 1e-3;
    for (double r = 0; r < 4; r += step) {
      double r2 = r * r;
      double num = 1 + r2 * (d[0] + r2 * (d[1] + r2 * d[4]));
      double den = 1 + r2 * (d[5] + r2 * (d[6] + r2 * d[7]));
      if (den < MIN_SLOPE || num < MIN_SLOPE) {
        return -1;
      }
      double dnum = d[0] + r2 * (2 * d[1] + r2 * 3 * d[4]);
      double dden = d[5] + r2 * (2 * d[6] + r2 * 3 * d[7]);
      double slope = num / den + 2 * r2 * (dnum * den - num * dden) / (den * den);
      if (slope < MIN_SLOPE) {
        return -1;
      }
      if (r * num / den >= target) {
        return r;
      }
    }
    return -1;
  }
}
