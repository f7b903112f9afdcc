package org.dpface.reconstruction.triangulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.dpface.core.geom.RigidTransform;
import org.junit.jupiter.api.Test;

class TwoViewTriangulationTest {
  static final double F1 = 1600;
  static final double F2 = 1200;
  /** Noise-free recovery tolerance (mm) for points ~1 m away. */
  static final double EXACT_TOL_MM = 1e-8;
  /** Relative slack when comparing reprojection costs (niter2 is optimal to rounding). */
  static final double COST_SLACK = 1e-9;
  static final int TRIALS = 2000;

  @Test
  void noiseFreeRecoveryAndL2IsTheSmallestReprojectionCost() {
    Random rnd = new Random(42);
    double[] o = new double[TwoViewTriangulation.OUT_SIZE];
    double[] q = new double[3];
    for (int trial = 0; trial < TRIALS; trial++) {
      RigidTransform v1ToV2 = RigidTransform.fromRodrigues(
          new double[] {0.2 * rnd.nextGaussian(), 0.5 * rnd.nextGaussian(), 0.1 * rnd.nextGaussian()},
          new double[] {200 + 300 * rnd.nextDouble(), 50 * rnd.nextGaussian(), 30 * rnd.nextGaussian()});
      TwoViewTriangulation tv = new TwoViewTriangulation(v1ToV2, F1, F2);
      double[] p = {100 * rnd.nextGaussian(), 100 * rnd.nextGaussian(), 800 + 400 * rnd.nextDouble()};
      v1ToV2.transformPoint(p[0], p[1], p[2], q, 0);
      if (!(q[2] > 100)) {
        continue;
      }
      double x1 = p[0] / p[2];
      double y1 = p[1] / p[2];
      double x2 = q[0] / q[2];
      double y2 = q[1] / q[2];
      for (TriangulationMethod m : TriangulationMethod.values()) {
        assertTrue(tv.triangulate(m, x1, y1, x2, y2, o, 0));
        for (int a = 0; a < 3; a++) {
          assertEquals(p[a], o[a], EXACT_TOL_MM, m + " trial " + trial);
        }
        assertEquals(0, o[TwoViewTriangulation.RAY_DISTANCE], EXACT_TOL_MM);
      }
      // perturb by 0.5 px and compare the reprojection costs in pixels
      double n1x = x1 + 0.5 * rnd.nextGaussian() / F1;
      double n1y = y1 + 0.5 * rnd.nextGaussian() / F1;
      double n2x = x2 + 0.5 * rnd.nextGaussian() / F2;
      double n2y = y2 + 0.5 * rnd.nextGaussian() / F2;
      double[] cost = new double[TriangulationMethod.values().length];
      for (TriangulationMethod m : TriangulationMethod.values()) {
        assertTrue(tv.triangulate(m, n1x, n1y, n2x, n2y, o, 0));
        v1ToV2.transformPoint(o[0], o[1], o[2], q, 0);
        double e1x = F1 * (o[0] / o[2] - n1x);
        double e1y = F1 * (o[1] / o[2] - n1y);
        double e2x = F2 * (q[0] / q[2] - n2x);
        double e2y = F2 * (q[1] / q[2] - n2y);
        cost[m.ordinal()] = e1x * e1x + e1y * e1y + e2x * e2x + e2y * e2y;
        if (m == TriangulationMethod.CAMERA_RAY) {
          assertEquals(0, e1x * e1x + e1y * e1y, 1e-12, "camera-ray keeps view 1 exact");
        }
      }
      double l2 = cost[TriangulationMethod.OPTIMAL_L2.ordinal()];
      for (double c : cost) {
        assertTrue(l2 <= c * (1 + COST_SLACK) + 1e-18, "L2 cost " + l2 + " > " + c + " trial " + trial);
      }
    }
  }

  @Test
  void parallelRaysAndPointsBehindAreRefused() {
    TwoViewTriangulation tv = new TwoViewTriangulation(RigidTransform.translation(-100, 0, 0), F1, F1);
    double[] o = new double[TwoViewTriangulation.OUT_SIZE];
    assertFalse(tv.triangulate(TriangulationMethod.MIDPOINT, 0.1, 0, 0.1, 0, o, 0), "parallel");
    // view 2 sits at x = +100 in view 1: rays diverging (view 1 left, view 2 right) meet behind the cameras
    assertFalse(tv.triangulate(TriangulationMethod.MIDPOINT, -0.1, 0, 0.1, 0, o, 0), "behind");
    assertTrue(tv.triangulate(TriangulationMethod.MIDPOINT, 0.05, 0, -0.05, 0, o, 0));
    assertEquals(1000, o[2], 1e-9);
  }
}
