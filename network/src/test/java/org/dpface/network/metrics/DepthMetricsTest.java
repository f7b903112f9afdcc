package org.dpface.network.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DepthMetricsTest {
  private static final double TOL = 1e-9;

  @Test
  void handComputedErrorsOverMaskedPixels() {
    // valid: (p, g) = (110, 100), (90, 100), (1000, 1000); masked out: pixel 3; invalid truth: pixel 4
    float[] p = {110, 90, 1000, 5, 7};
    float[] g = {100, 100, 1000, 50, 0};
    byte[] mask = {1, 1, 1, 0, 1};
    DepthErrors e = DepthMetrics.compute(p, g, mask, 5);
    assertEquals(3, e.count());
    assertEquals((0.1 + 0.1 + 0) / 3, e.absRel(), TOL);
    assertEquals((10 + 10 + 0) / 3.0, e.absDiff(), TOL);
    assertEquals((1.0 + 1.0 + 0) / 3, e.sqRel(), TOL);
    assertEquals(Math.sqrt(200 / 3.0), e.rmse(), TOL);
    double l1 = Math.log(1.1);
    double l2 = Math.log(0.9);
    assertEquals(Math.sqrt((l1 * l1 + l2 * l2) / 3), e.rmseLog(), TOL);
    // ratios 1.1, 1.111.., 1: only the exact pixel is within 1.01^3 = 1.0303; all within 1.25
    assertEquals(1 / 3.0, e.delta101(), TOL);
    assertEquals(1 / 3.0, e.delta101Sq(), TOL);
    assertEquals(1 / 3.0, e.delta101Cube(), TOL);
    assertEquals(1.0, e.delta125(), TOL);
  }

  @Test
  void deltaThresholdsSeparate() {
    // ratios 1.005 (< 1.01), 1.015 (< 1.0201), 1.025 (< 1.030301), 1.2 (< 1.25), 1.3
    float[] g = {1000, 1000, 1000, 1000, 1000};
    float[] p = {1005, 1015, 1025, 1200, 1300};
    DepthErrors e = DepthMetrics.compute(p, g, null, 5);
    assertEquals(0.2, e.delta101(), TOL);
    assertEquals(0.4, e.delta101Sq(), TOL);
    assertEquals(0.6, e.delta101Cube(), TOL);
    assertEquals(0.8, e.delta125(), TOL);
  }

  @Test
  void affineErrorsVanishForAffineInverseDepth() {
    // predicted inverse depth = 0.5 · true inverse depth + 0.2 (1/m): the ranking and the affine fit
    // are exact, while the plain errors are large
    int n = 50;
    float[] g = new float[n];
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      g[i] = 800 + 7 * i;
      double inv = 1000.0 / g[i];
      p[i] = (float) (1000 / (0.5 * inv + 0.2));
    }
    DepthErrors e = DepthMetrics.compute(p, g, null, n);
    assertEquals(0, e.aiwe1(), 1e-5);
    assertEquals(0, e.aiwe2(), 1e-5);
    assertEquals(0, e.oneMinusSpearman(), 1e-12);
    assertTrue(e.absRel() > 0.1);
  }

  @Test
  void noValidPixelGivesNan() {
    DepthErrors e = DepthMetrics.compute(new float[] {1, 2}, new float[] {0, 0}, null, 2);
    assertEquals(0, e.count());
    assertTrue(Double.isNaN(e.rmse()));
    assertTrue(Double.isNaN(e.aiwe1()));
  }

  @Test
  void nonPositivePredictionClampedNotSkipped() {
    DepthErrors e = DepthMetrics.compute(new float[] {-5}, new float[] {100}, null, 1);
    assertEquals(1, e.count());
    assertEquals(99, e.absDiff(), TOL);
  }
}
