package org.dpface.network.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DpOpsTest {
  @Test
  void integerAndBilinearShiftsMoveContentAlongWidth() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray ramp = m.arange(0f, 8f).reshape(1, 1, 1, 8);
      assertArrayEquals(new float[] {2, 3, 4, 5, 6, 7, 0, 0},
          DpOps.shiftInt(ramp, 2).toFloatArray());
      assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 3, 4},
          DpOps.shiftInt(ramp, -3).toFloatArray());
      // y[j] = x(j + 0.25) = j + 0.25 away from the right border
      float[] b = DpOps.shiftBilinear(ramp, 0.25).toFloatArray();
      for (int j = 0; j < 7; j++) {
        assertEquals(j + 0.25f, b[j], 1e-6f);
      }
      float[] nb = DpOps.shiftBilinear(ramp, -1.5).toFloatArray();
      assertEquals(0.5f, nb[2], 1e-6f);
      assertEquals(4.5f, nb[6], 1e-6f);
    }
  }

  @Test
  void phaseShiftIsCircularForIntegersAndBandLimitedForFractions() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] x = {1, 4, -2, 3, 0, 5, 2, -1};
      NDArray a = m.create(x, new Shape(1, 1, 1, 8));
      float[] y = DpOps.shiftPhase(a, 3).toFloatArray();
      for (int j = 0; j < 8; j++) {
        assertEquals(x[(j + 3) % 8], y[j], 1e-5f);
      }
      // a sinusoid inside the band shifts exactly by a fraction of a pixel
      int w = 16;
      float[] s = new float[w];
      for (int j = 0; j < w; j++) {
        s[j] = (float) Math.cos(2 * Math.PI * 3 * j / w);
      }
      float[] ys = DpOps.shiftPhase(m.create(s, new Shape(1, w)), 0.4).toFloatArray();
      for (int j = 0; j < w; j++) {
        assertEquals(Math.cos(2 * Math.PI * 3 * (j + 0.4) / w), ys[j], 1e-5);
      }
    }
  }

  @Test
  void planeNormalsFromBackProjectedDepth() {
    try (NDManager m = NDManager.newBaseManager()) {
      // plane Z = 1000 + 0.5·X seen by fx = fy = 1000, cx = cy = 7.5: depth Z = 1000 / (1 - 0.5 x̄)
      int h = 16;
      int w = 16;
      float[] z = new float[h * w];
      for (int v = 0; v < h; v++) {
        for (int u = 0; u < w; u++) {
          z[v * w + u] = (float) (1000 / (1 - 0.5 * (u - 7.5) / 1000));
        }
      }
      NDArray depth = m.create(z, new Shape(1, 1, h, w));
      NDArray k = m.create(new float[] {1000, 1000, 7.5f, 7.5f}, new Shape(1, 4));
      float[] n = DpOps.normalsFromPoints(DpOps.backProject(depth, k)).toFloatArray();
      double len = Math.sqrt(1.25);
      int i = 5 * w + 9;
      assertEquals(0.5 / len, n[i], 2e-3);
      assertEquals(0, n[h * w + i], 2e-3);
      assertEquals(-1 / len, n[2 * h * w + i], 2e-3);
    }
  }
}
