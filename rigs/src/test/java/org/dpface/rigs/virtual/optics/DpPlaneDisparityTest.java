package org.dpface.rigs.virtual.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.dpface.core.image.GrayF32;
import org.dpface.rigs.SplitAxis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test: a textured fronto-parallel plane at depth Z, rendered as a DP pair, has a
 * measured disparity matching d = a/Z + b of the optics within 0.1 px, on both sides of focus and for
 * both split axes.
 */
class DpPlaneDisparityTest {
  private static final double[] DEPTHS = {820, 880, 940, 1000, 1060, 1120};
  /** The tolerance on the median of the window estimates (px). */
  private static final double DISPARITY_TOL = 0.1;
  /** Spread allowed between windows (px). */
  private static final double WINDOW_SPREAD_TOL = 0.15;
  private static final int SIZE = 160;

  @ParameterizedTest
  @EnumSource(SplitAxis.class)
  void texturedPlaneDisparityMatchesOptics(SplitAxis axis) {
    ThinLensDp optics = DpScenes.virtualCamera(axis);
    GrayF32 rad = DpScenes.texture(SIZE, SIZE, 20240501L);
    GrayF32 left = new GrayF32(1, 1);
    GrayF32 right = new GrayF32(1, 1);
    DpDisparityEstimator estimator = new DpDisparityEstimator(DpDisparityEstimator.Config.defaults());
    try (DualPixelRenderer r = new DualPixelRenderer(DpRenderConfig.defaults())) {
      for (double z : DEPTHS) {
        r.renderPair(rad, DpScenes.constant(SIZE, SIZE, (float) z), null, optics, left, right);
        double[] d = new double[9];
        int n = 0;
        for (int j = 0; j < 3; j++) {
          for (int i = 0; i < 3; i++) {
            DpDisparityEstimator.Estimate e =
                estimator.estimate(left, right, axis, 50 + 30 * i, 50 + 30 * j);
            assertTrue(e.isValid() && e.confidence() > 0.9, "estimate " + e + " at Z=" + z);
            d[n++] = e.disparityPx();
          }
        }
        Arrays.sort(d);
        double expected = optics.disparityPx(z);
        assertEquals(expected, d[4], DISPARITY_TOL, "median disparity at Z=" + z + " " + axis);
        assertEquals(expected, d[0], WINDOW_SPREAD_TOL, "lowest window at Z=" + z);
        assertEquals(expected, d[8], WINDOW_SPREAD_TOL, "highest window at Z=" + z);
      }
    }
  }

  /** The estimator on an exactly shifted texture (no defocus): recovers the shift, sign included. */
  @Test
  void estimatorRecoversKnownShift() {
    GrayF32 tex = DpScenes.texture(SIZE, SIZE, 5);
    GrayF32 left = new GrayF32(SIZE, SIZE);
    GrayF32 right = new GrayF32(SIZE, SIZE);
    DpDisparityEstimator estimator = new DpDisparityEstimator(DpDisparityEstimator.Config.defaults());
    for (int shift : new int[] {-5, -2, 0, 3, 6}) {
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          left.set(x, y, tex.get(x, y));
          int xs = Math.floorMod(x - shift, SIZE);
          right.set(x, y, tex.get(xs, y)); // right(p + shift) = left(p)
        }
      }
      DpDisparityEstimator.Estimate e = estimator.estimate(left, right, SplitAxis.HORIZONTAL, 80, 80);
      assertEquals(shift, e.disparityPx(), 1e-3);
      assertEquals(1, e.confidence(), 1e-6);
    }
    assertFalse(estimator.estimate(left, right, SplitAxis.HORIZONTAL, 5, 80).isValid(), "border");
    GrayF32 flat = DpScenes.constant(SIZE, SIZE, 0.5f);
    assertFalse(estimator.estimate(flat, flat, SplitAxis.VERTICAL, 80, 80).isValid(), "no texture");
  }
}
