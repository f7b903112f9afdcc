package org.dpface.rigs.virtual.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZigguratNormalTest {
  /** Draws per statistic. */
  static final int N = 400_000;

  @Test
  void layersHaveEqualAreaAndTheTopLayerCloses() {
    for (int i = 1; i < ZigguratNormal.LAYERS - 1; i++) {
      double area = ZigguratNormal.X[i] * (ZigguratNormal.F[i + 1] - ZigguratNormal.F[i]);
      assertEquals(ZigguratNormal.V, area, 1e-12, "layer " + i);
    }
    int top = ZigguratNormal.LAYERS - 1;
    assertEquals(ZigguratNormal.V, ZigguratNormal.X[top] * (1 - ZigguratNormal.F[top]), 1e-9, "top layer");
  }

  @Test
  void momentsAndTailProbabilitiesMatchTheStandardNormal() {
    long key = CounterRng.frameKey(5, 9);
    double sum = 0;
    double sum2 = 0;
    double sum4 = 0;
    int beyond1 = 0;
    int beyond2 = 0;
    int beyond3 = 0;
    int beyondR = 0;
    for (int i = 0; i < N; i++) {
      double z = ZigguratNormal.draw(key, i, 1 << 20);
      sum += z;
      sum2 += z * z;
      sum4 += z * z * z * z;
      double a = Math.abs(z);
      beyond1 += a > 1 ? 1 : 0;
      beyond2 += a > 2 ? 1 : 0;
      beyond3 += a > 3 ? 1 : 0;
      beyondR += a > ZigguratNormal.R ? 1 : 0;
    }
    assertEquals(0, sum / N, 5 / Math.sqrt(N), "mean");
    assertEquals(1, sum2 / N, 5 * Math.sqrt(2.0 / N), "variance");
    assertEquals(3, sum4 / N, 5 * Math.sqrt(96.0 / N), "fourth moment");
    checkProportion(0.31731050786291415, beyond1, "|z| > 1");
    checkProportion(0.04550026389635842, beyond2, "|z| > 2");
    checkProportion(0.0026997960632601866, beyond3, "|z| > 3");
    checkProportion(2.580324876539013e-4, beyondR, "|z| > R (the tail)");
    assertTrue(beyondR > 0, "tail reached");
  }

  private static void checkProportion(double p, int count, String what) {
    assertEquals(p, (double) count / N, 5 * Math.sqrt(p * (1 - p) / N), what);
  }

  @Test
  void drawsArePureFunctionsOfTheKey() {
    long key = CounterRng.frameKey(1, 2);
    for (int i = 0; i < 1000; i++) {
      assertEquals(ZigguratNormal.draw(key, i, 7), ZigguratNormal.draw(key, i, 7));
    }
  }
}
