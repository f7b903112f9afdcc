package org.dpface.network.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

  /**
   * {@link DpOps#conv3} against the exact (double) 3×3×3 "same" convolution, on both of its paths (batch of one:
   * depth axis moved last; batch of two: plain), with DJL's own Conv3d on the same weights as the yardstick: every
   * output within float rounding of the exact sum (1e-6 of Σ|w·x| + |bias|), and the two implementations within
   * twice that of each other; input and weight gradients likewise.
   */
  @Test
  void conv3MatchesTheExactConvolutionOnBothPaths() {
    for (int n : new int[] {1, 2}) {
      try (NDManager m = NDManager.newBaseManager()) {
        int c = 5;
        int f = 8;
        int d = 4;
        int h = 64; // N·C·H·W > 20480 ≥ N·C·D·H: libtorch picks oneDNN on the depth-last path only
        int w = 72;
        SplittableRandom rng = new SplittableRandom(n);
        float[] x = gaussian(rng, n * c * d * h * w, 1);
        Shape xs = new Shape(n, c, d, h, w);
        DpOps.Conv3d ours = DpOps.conv3(f);
        ai.djl.nn.convolutional.Conv3d djl = ai.djl.nn.convolutional.Conv3d.builder()
            .setKernelShape(new Shape(3, 3, 3)).setFilters(f).optPadding(new Shape(1, 1, 1)).build();
        ours.initialize(m, DataType.FLOAT32, xs);
        djl.initialize(m, DataType.FLOAT32, xs);
        float[] wt = gaussian(rng, f * c * 27, 0.2);
        float[] bias = gaussian(rng, f, 0.1);
        for (var blk : List.of(ours, djl)) {
          blk.getParameters().get("weight").getArray().set(wt);
          blk.getParameters().get("bias").getArray().set(bias);
        }
        double[][] exact = exactConv(x, wt, bias, n, c, f, d, h, w);
        float[][] got = new float[2][];
        float[][] gx = new float[2][];
        float[][] gw = new float[2][];
        int i = 0;
        for (var blk : List.of(ours, djl)) {
          NDArray in = m.create(x, xs);
          in.setRequiresGradient(true);
          NDArray gradOut = m.create(gaussian(new SplittableRandom(9), n * f * d * h * w, 1), new Shape(n, f, d, h, w));
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = blk.forward(new ai.djl.training.ParameterStore(m, false), new NDList(in), true).head();
            assertEquals(new Shape(n, f, d, h, w), y.getShape());
            got[i] = y.toFloatArray();
            gc.backward(y.mul(gradOut).sum());
          }
          gx[i] = in.getGradient().toFloatArray();
          gw[i] = blk.getParameters().get("weight").getArray().getGradient().toFloatArray();
          i++;
        }
        for (int k = 0; k < exact[0].length; k++) {
          double tol = 1e-6 * exact[1][k];
          assertEquals(exact[0][k], got[0][k], tol, "n=" + n + " output " + k + " (ours)");
          assertEquals(exact[0][k], got[1][k], tol, "n=" + n + " output " + k + " (DJL Conv3d)");
          assertEquals(got[1][k], got[0][k], 2 * tol, "n=" + n + " output " + k + " ours vs DJL");
        }
        assertClose(gx[1], gx[0], 1e-5, "input gradient, n=" + n);
        assertClose(gw[1], gw[0], 1e-5, "weight gradient, n=" + n);
      }
    }
  }

  /** The replacement keeps DJL Conv3d's parameter names and shapes inside a SequentialBlock (checkpoints, Adam). */
  @Test
  void conv3KeepsDjlParameterNames() {
    try (NDManager m = NDManager.newBaseManager()) {
      Shape xs = new Shape(1, 3, 4, 8, 8);
      SequentialBlock ours = new SequentialBlock().add(DpOps.act(DpOps.conv3(4))).add(DpOps.conv3(2));
      SequentialBlock djl = new SequentialBlock()
          .add(DpOps.act(ai.djl.nn.convolutional.Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).setFilters(4)
              .optPadding(new Shape(1, 1, 1)).build()))
          .add(ai.djl.nn.convolutional.Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).setFilters(2)
              .optPadding(new Shape(1, 1, 1)).build());
      ours.initialize(m, DataType.FLOAT32, xs);
      djl.initialize(m, DataType.FLOAT32, xs);
      List<String> a = new ArrayList<>();
      List<String> b = new ArrayList<>();
      for (Pair<String, Parameter> p : ours.getParameters()) {
        a.add(p.getKey() + " " + p.getValue().getArray().getShape());
      }
      for (Pair<String, Parameter> p : djl.getParameters()) {
        b.add(p.getKey() + " " + p.getValue().getArray().getShape());
      }
      assertEquals(b, a);
      assertEquals(4, a.size());
    }
  }

  private static void assertClose(float[] expected, float[] actual, double relTol, String what) {
    double scale = 0;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int k = 0; k < expected.length; k++) {
      assertEquals(expected[k], actual[k], relTol * scale, what + " [" + k + "]");
    }
  }

  private static float[] gaussian(SplittableRandom rng, int n, double sigma) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rng.nextGaussian() * sigma);
    }
    return v;
  }

  /** {exact output, Σ|w·x| + |bias|} of a 3×3×3 zero-padded convolution, NCDHW. */
  private static double[][] exactConv(float[] x, float[] wt, float[] bias, int n, int c, int f, int d, int h,
      int w) {
    int out = n * f * d * h * w;
    double[] y = new double[out];
    double[] mag = new double[out];
    for (int b = 0; b < n; b++) {
      for (int o = 0; o < f; o++) {
        for (int z = 0; z < d; z++) {
          for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
              double acc = bias[o];
              double abs = Math.abs(bias[o]);
              for (int ci = 0; ci < c; ci++) {
                for (int kz = 0; kz < 3; kz++) {
                  for (int kv = 0; kv < 3; kv++) {
                    for (int ku = 0; ku < 3; ku++) {
                      int zz = z + kz - 1;
                      int vv = v + kv - 1;
                      int uu = u + ku - 1;
                      if (zz < 0 || zz >= d || vv < 0 || vv >= h || uu < 0 || uu >= w) {
                        continue;
                      }
                      double p = (double) wt[(((o * c + ci) * 3 + kz) * 3 + kv) * 3 + ku]
                          * x[(((b * c + ci) * d + zz) * h + vv) * w + uu];
                      acc += p;
                      abs += Math.abs(p);
                    }
                  }
                }
              }
              int k = (((b * f + o) * d + z) * h + v) * w + u;
              y[k] = acc;
              mag[k] = abs;
            }
          }
        }
      }
    }
    return new double[][] {y, mag};
  }
}
