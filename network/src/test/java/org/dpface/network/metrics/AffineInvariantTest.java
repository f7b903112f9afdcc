package org.dpface.network.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AffineInvariantTest {
  @Test
  void l2FitByHand() {
    // x = 0..3, y = 0,0,0,1: alpha = Sxy/Sxx = 1.5/5 = 0.3, beta = 0.25 - 0.45 = -0.2,
    // residuals 0.2, -0.1, -0.4, 0.3 -> mean square 0.075
    double[] y = {0, 0, 0, 1};
    double[] x = {0, 1, 2, 3};
    assertEquals(Math.sqrt(0.075), AffineInvariant.aiwe2(y, x, 4), 1e-12);
  }

  @Test
  void l1FitIgnoresTheOutlier() {
    // the L1 line runs through the three collinear points (alpha = beta = 0): residuals 0,0,0,1
    double[] y = {0, 0, 0, 1};
    double[] x = {0, 1, 2, 3};
    assertEquals(0.25, AffineInvariant.aiwe1(y, x, 4), 1e-6);
  }

  @Test
  void l1FitOfLineWithOneOutlier() {
    // y = 2x + 1 except one point 5 too high: L1 keeps the line, mean |r| = 5/6
    double[] x = {0, 1, 2, 3, 4, 5};
    double[] y = {1, 3, 5, 12, 9, 11};
    assertEquals(5 / 6.0, AffineInvariant.aiwe1(y, x, 6), 1e-6);
  }

  @Test
  void spearmanByHand() {
    // ranks 1,2,3,4 vs 1,3,2,4: rho = 1 - 6*2/(4*15) = 0.8
    assertEquals(0.2, AffineInvariant.oneMinusSpearman(new double[] {1, 2, 3, 4},
        new double[] {10, 30, 20, 40}, 4), 1e-12);
    // a perfectly reversed order counts as perfect (|rho| = 1)
    assertEquals(0, AffineInvariant.oneMinusSpearman(new double[] {1, 2, 3},
        new double[] {3, 2, 1}, 3), 1e-12);
  }

  @Test
  void tiedRanksAreAveraged() {
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, AffineInvariant.ranks(new double[] {1, 5, 5, 9}, 4));
    assertArrayEquals(new double[] {2, 2, 2}, AffineInvariant.ranks(new double[] {3, 3, 3}, 3));
  }
}
