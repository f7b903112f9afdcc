package org.dpface.network.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormalMetricsTest {
  @Test
  void handComputedAngles() {
    // truth (0,0,-1) everywhere; predictions at 0°, 10°, 20° (unnormalised, length 2), 45°, and 90°
    // (masked out)
    double r10 = Math.toRadians(10);
    double r20 = Math.toRadians(20);
    float[] truth = new float[15];
    for (int i = 0; i < 5; i++) {
      truth[3 * i + 2] = -1;
    }
    float[] pred = {
        0, 0, -1,
        (float) Math.sin(r10), 0, (float) -Math.cos(r10),
        0, (float) (2 * Math.sin(r20)), (float) (-2 * Math.cos(r20)),
        1, 0, -1,
        1, 0, 0};
    byte[] mask = {1, 1, 1, 1, 0};
    NormalErrors e = NormalMetrics.compute(pred, truth, mask, 5);
    assertEquals(4, e.count());
    assertEquals((0 + 10 + 20 + 45) / 4.0, e.meanDeg(), 1e-4);
    assertEquals(15, e.medianDeg(), 1e-4);
    assertEquals(Math.sqrt((100 + 400 + 2025) / 4.0), e.rmseDeg(), 1e-4);
    assertEquals(0.5, e.within11(), 1e-12);
    assertEquals(0.75, e.within22(), 1e-12);
    assertEquals(0.75, e.within30(), 1e-12);
  }

  @Test
  void zeroLengthPredictionIsSkipped() {
    NormalErrors e = NormalMetrics.compute(new float[] {0, 0, 0, 0, 0, -1},
        new float[] {0, 0, -1, 0, 0, -1}, null, 2);
    assertEquals(1, e.count());
    assertEquals(0, e.meanDeg(), 1e-6);
    assertEquals(0, e.medianDeg(), 1e-6);
  }
}
