package org.dpface.core.geom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RigidAlignmentTest {
  private static final double EXACT_MM = 1e-9;

  @Test
  void recoversRandomPosesExactlyIncludingHalfTurns() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int trial = 0; trial < 200; trial++) {
      double[] axis = {rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1)};
      double norm = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
      double angle = trial < 10 ? Math.PI : rnd.nextDouble(0, Math.PI);
      double[] rvec = {axis[0] / norm * angle, axis[1] / norm * angle, axis[2] / norm * angle};
      RigidTransform truth = RigidTransform.fromRodrigues(rvec,
          new double[] {rnd.nextDouble(-500, 500), rnd.nextDouble(-500, 500), rnd.nextDouble(-500, 500)});
      int n = 3 + rnd.nextInt(10);
      double[] a = new double[3 * n];
      double[] b = new double[3 * n];
      for (int i = 0; i < a.length; i++) {
        a[i] = rnd.nextDouble(-300, 300);
      }
      for (int i = 0; i < n; i++) {
        truth.transformPoint(a[3 * i], a[3 * i + 1], a[3 * i + 2], b, 3 * i);
      }
      RigidTransform fit = RigidAlignment.fit(a, b);
      double[] p = new double[3];
      for (int i = 0; i < n; i++) {
        fit.transformPoint(a[3 * i], a[3 * i + 1], a[3 * i + 2], p, 0);
        for (int k = 0; k < 3; k++) {
          assertEquals(b[3 * i + k], p[k], EXACT_MM * 1e3, "trial " + trial);
        }
      }
    }
  }

  @Test
  void noisyPointsGiveTheLeastSquaresPoseNotAWorseOne() {
    SplittableRandom rnd = new SplittableRandom(3);
    RigidTransform truth = RigidTransform.fromRodrigues(new double[] {0.1, -0.2, 0.05}, new double[] {5, -3, 2});
    int n = 16;
    double[] a = new double[3 * n];
    double[] b = new double[3 * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextDouble(-500, 500);
    }
    for (int i = 0; i < n; i++) {
      truth.transformPoint(a[3 * i], a[3 * i + 1], a[3 * i + 2], b, 3 * i);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] += rnd.nextGaussian() * 0.5;
    }
    double fitCost = cost(RigidAlignment.fit(a, b), a, b);
    assertTrue(fitCost <= cost(truth, a, b) + 1e-9, fitCost + " vs the true pose " + cost(truth, a, b));
  }

  @Test
  void refusesTooFewPoints() {
    assertThrows(IllegalArgumentException.class, () -> RigidAlignment.fit(new double[6], new double[6]));
    assertThrows(IllegalArgumentException.class, () -> RigidAlignment.fit(new double[9], new double[12]));
  }

  private static double cost(RigidTransform t, double[] a, double[] b) {
    double[] p = new double[3];
    double sum = 0;
    for (int i = 0; i < a.length / 3; i++) {
      t.transformPoint(a[3 * i], a[3 * i + 1], a[3 * i + 2], p, 0);
      for (int k = 0; k < 3; k++) {
        sum += (p[k] - b[3 * i + k]) * (p[k] - b[3 * i + k]);
      }
    }
    return sum;
  }
}
