package org.dpface.core.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;
import org.junit.jupiter.api.Test;

/** Tilted planes against the exact ray-plane depth and the analytic normal. */
class RasterizerPlaneTest {
  /**
   * Depth tolerance (mm) at ~900-1100 mm: float32 vertex rounding (≤ 3.1e-5 mm per coordinate) plus
   * float32 depth rounding (half ulp ≤ 6.1e-5 mm).
   */
  static final double DEPTH_TOL_MM = 1.5e-4;
  /** Normal tolerance (rad): float32 vertices over edges ≥ 10 mm, float32 output. */
  static final double NORMAL_TOL_RAD = 1e-4;

  static final double TILT = Math.toRadians(30);
  static final double[] CENTRE = {20, -10, 900};
  // Plane axes: s = x, t = (0, cos, sin) tilted 30° about x; normal n = s x t.
  static final double[] S = {1, 0, 0};
  static final double[] T = {0, Math.cos(TILT), Math.sin(TILT)};
  static final double[] N = {0, -Math.sin(TILT), Math.cos(TILT)};

  static final CameraModel PINHOLE = new CameraModel(160, 120, 150, 152, 79.3, 60.2);
  static final CameraModel DISTORTED =
      new CameraModel(160, 120, 150, 152, 79.3, 60.2, -0.2, 0.05, 1e-3, -5e-4, 0);

  @Test
  void coarseAndFinePlanesGiveExactDepthAndNormal() {
    for (CameraModel cam : new CameraModel[] {PINHOLE, DISTORTED}) {
      for (int n : new int[] {1, 3, 40}) {
        checkPlane(cam, TestScenes.planeGrid(CENTRE, S, T, 2000, n), "grid " + n + " " + cam);
      }
    }
  }

  private static void checkPlane(CameraModel cam, TriangleMesh mesh, String what) {
    try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(2))) {
      RenderTarget out = r.render(mesh, cam, RigidTransform.identity());
      double d = N[0] * CENTRE[0] + N[1] * CENTRE[1] + N[2] * CENTRE[2];
      double[] ray = new double[2];
      double maxDepthErr = 0;
      double maxAngle = 0;
      for (int v = 0; v < cam.height(); v++) {
        for (int u = 0; u < cam.width(); u++) {
          // The 4 m plane covers the whole view: every pixel must be hit (no cracks between triangles).
          assertEquals(RenderTarget.MASK_VALID, out.mask.get(u, v), what + " hole at " + u + "," + v);
          assertTrue(out.triangleId.get(u, v) >= 0, what);
          cam.unproject(u, v, ray, 0);
          double zExact = d / (N[0] * ray[0] + N[1] * ray[1] + N[2]);
          maxDepthErr = Math.max(maxDepthErr, Math.abs(out.depth.get(u, v) - zExact));
          // Oriented toward the camera: the analytic normal N has N · X = d > 0, so expect -N.
          double angle = angle(-N[0], -N[1], -N[2], out.normal.get(u, v, 0), out.normal.get(u, v, 1),
              out.normal.get(u, v, 2));
          maxAngle = Math.max(maxAngle, angle);
        }
      }
      assertTrue(maxDepthErr <= DEPTH_TOL_MM, what + ": depth error " + maxDepthErr);
      assertTrue(maxAngle <= NORMAL_TOL_RAD, what + ": normal error " + maxAngle);
    }
  }

  /** Angle (rad) between two vectors, well conditioned near 0 (atan2 of |a x b| and a · b). */
  static double angle(double ax, double ay, double az, double bx, double by, double bz) {
    double cx = ay * bz - az * by, cy = az * bx - ax * bz, cz = ax * by - ay * bx;
    return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), ax * bx + ay * by + az * bz);
  }

  /** A floor crossing the near plane and reaching behind the camera is clipped exactly per pixel. */
  @Test
  void floorCrossingNearPlaneIsClippedExactly() {
    double floorY = 100;
    TriangleMesh floor = TestScenes.planeGrid(
        new double[] {0, floorY, 0}, new double[] {0, 0, 1}, new double[] {1, 0, 0}, 5000, 1);
    double near = 200;
    double far = 3000;
    for (CameraModel cam : new CameraModel[] {PINHOLE, DISTORTED}) {
      try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withNearFar(near, far).withThreads(1))) {
        RenderTarget out = r.render(floor, cam, RigidTransform.identity());
        double[] ray = new double[2];
        int checked = 0;
        for (int v = 0; v < cam.height(); v++) {
          for (int u = 0; u < cam.width(); u++) {
            cam.unproject(u, v, ray, 0);
            double z = ray[1] > 0 ? floorY / ray[1] : Double.POSITIVE_INFINITY;
            boolean inside = z > near && z <= far && Math.abs(ray[0] * z) <= 5000;
            // Skip pixels within 0.1% of the near/far limits, where float rounding may decide.
            if (Math.abs(z - near) < 1e-3 * near || Math.abs(z - far) < 1e-3 * far) {
              continue;
            }
            assertEquals(inside ? 1 : 0, out.mask.get(u, v), cam + " pixel " + u + "," + v + " z=" + z);
            if (inside) {
              assertEquals(z, out.depth.get(u, v), DEPTH_TOL_MM * z / 900, "depth");
              checked++;
            } else {
              assertEquals(0f, out.depth.get(u, v));
              assertEquals(RenderTarget.NO_TRIANGLE, out.triangleId.get(u, v));
            }
          }
        }
        assertTrue(checked > cam.width() * cam.height() / 10, "too few floor pixels: " + checked);
      }
    }
  }
}
