package org.dpface.rigs.virtual.optics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.SplitAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The renderer against analytic ground truth on planes, ramps, points and steps. */
class DualPixelRendererTest {
  private static final double[] DEPTHS = {820, 880, 940, 1000, 1060, 1120};
  /** DP disparity from a ramp (px): kernel step k/64 plus rim quadrature and float sums. */
  private static final double RAMP_DISPARITY_TOL = 0.01;
  /** Blur diameter from a parabola (px). */
  private static final double BLUR_TOL = 0.02;
  /** Per-pixel intensity tolerance for exact-linear cases (float accumulation over ~100 taps). */
  private static final float PIXEL_TOL = 2e-5f;
  private static final int N = 64;
  private static final int MARGIN = 12;

  /** Ramp along the split axis: L − R = slope · d / 2 and L + R = ramp, so d and a/Z + b agree. */
  @ParameterizedTest
  @EnumSource(SplitAxis.class)
  void rampGivesTheThinLensDisparity(SplitAxis axis) {
    ThinLensDp optics = DpScenes.virtualCamera(axis);
    float slope = 0.01f;
    GrayF32 rad = new GrayF32(N, N);
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        rad.set(x, y, 1 + slope * (axis == SplitAxis.HORIZONTAL ? x : y));
      }
    }
    GrayF32 left = new GrayF32(1, 1);
    GrayF32 right = new GrayF32(1, 1);
    try (DualPixelRenderer r = new DualPixelRenderer(DpRenderConfig.defaults())) {
      for (double z : DEPTHS) {
        r.renderPair(rad, DpScenes.constant(N, N, (float) z), null, optics, left, right);
        for (int y = MARGIN; y < N - MARGIN; y++) {
          for (int x = MARGIN; x < N - MARGIN; x++) {
            double d = 2 * (left.get(x, y) - right.get(x, y)) / slope;
            assertEquals(optics.disparityPx(z), d, RAMP_DISPARITY_TOL, "Z=" + z + " at " + x + "," + y);
            assertEquals(rad.get(x, y), left.get(x, y) + right.get(x, y), PIXEL_TOL);
          }
        }
      }
    }
  }

  /** A parabola q·s² blurred by a disc gains q · (discrete variance): recovers |c(Z)| at two apertures. */
  @Test
  void parabolaGivesTheBlurDiameter() {
    ThinLensDp wide = DpScenes.virtualCamera(SplitAxis.VERTICAL);
    float q = 0.01f;
    GrayF32 rad = new GrayF32(N, N);
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        rad.set(x, y, q * (x - N / 2) * (x - N / 2));
      }
    }
    GrayF32 full = new GrayF32(1, 1);
    try (DualPixelRenderer r = new DualPixelRenderer(DpRenderConfig.defaults())) {
      for (ThinLensDp optics : new ThinLensDp[] {wide, wide.withFNumber(11)}) {
        for (double z : DEPTHS) {
          r.renderFull(rad, DpScenes.constant(N, N, (float) z), null, optics, full);
          double c = Math.abs(optics.blurDiameterPx(z));
          double gain = (full.get(N / 2, N / 2) - rad.get(N / 2, N / 2)) / q;
          double measured = diameterFromVariance(gain);
          assertEquals(c, measured, BLUR_TOL, "Z=" + z + " N=" + optics.lens().fNumber());
        }
      }
    }
  }

  /** A point's left and right images are its PSFs: mirror images, the left one on the −axis side behind focus. */
  @ParameterizedTest
  @EnumSource(SplitAxis.class)
  void pointPsfsMirrorAndSwapWithBlurSign(SplitAxis axis) {
    ThinLensDp optics = DpScenes.virtualCamera(axis);
    GrayF32 rad = new GrayF32(N, N);
    int c = N / 2;
    rad.set(c, c, 1f);
    GrayF32 left = new GrayF32(1, 1);
    GrayF32 right = new GrayF32(1, 1);
    try (DualPixelRenderer r = new DualPixelRenderer(DpRenderConfig.defaults())) {
      for (double z : DEPTHS) {
        r.renderPair(rad, DpScenes.constant(N, N, (float) z), null, optics, left, right);
        double ml = 0;
        double mr = 0;
        for (int y = 0; y < N; y++) {
          for (int x = 0; x < N; x++) {
            int s = axis == SplitAxis.HORIZONTAL ? x - c : y - c;
            ml += s * left.get(x, y);
            mr += s * right.get(x, y);
            int mx = axis == SplitAxis.HORIZONTAL ? 2 * c - x : x;
            int my = axis == SplitAxis.HORIZONTAL ? y : 2 * c - y;
            if (mx < N && my < N) {
              assertEquals(left.get(x, y), right.get(mx, my), 1e-7f, "mirror at Z=" + z);
            }
          }
        }
        double d = optics.disparityPx(z);
        assertEquals(-d / 4, ml, RAMP_DISPARITY_TOL / 4, "left centroid · 1/2 at Z=" + z);
        assertEquals(d / 4, mr, RAMP_DISPARITY_TOL / 4, "right centroid · 1/2 at Z=" + z);
        assertTrue(z < 970 ? ml > 0 : ml < 0, "left PSF side swaps with the blur sign");
      }
    }
  }

  /** A textured patch on a black plane: left and right each carry half the energy. */
  @Test
  void energyIsPreserved() {
    GrayF32 rad = new GrayF32(N, N);
    GrayF32 tex = DpScenes.texture(N, N, 7);
    double total = 0;
    for (int y = MARGIN; y < N - MARGIN; y++) {
      for (int x = MARGIN; x < N - MARGIN; x++) {
        rad.set(x, y, tex.get(x, y));
        total += tex.get(x, y);
      }
    }
    GrayF32 left = new GrayF32(1, 1);
    GrayF32 right = new GrayF32(1, 1);
    try (DualPixelRenderer r = new DualPixelRenderer(DpRenderConfig.defaults())) {
      for (double z : DEPTHS) {
        r.renderPair(rad, DpScenes.constant(N, N, (float) z), null,
            DpScenes.virtualCamera(SplitAxis.HORIZONTAL), left, right);
        assertEquals(total / 2, sum(left), 1e-5 * total, "left energy at Z=" + z);
        assertEquals(total / 2, sum(right), 1e-5 * total, "right energy at Z=" + z);
      }
    }
  }

  /** renderFull is left + right of renderPair, bit for bit. */
  @Test
  void fullIsLeftPlusRight() {
    GrayF32 rad = DpScenes.texture(N, N, 11);
    GrayF32 depth = DpScenes.step(N, N, SplitAxis.HORIZONTAL, N / 2, 830, 1110);
    depth.set(5, 5, 0);
    GrayF32 left = new GrayF32(1, 1);
    GrayF32 right = new GrayF32(1, 1);
    GrayF32 full = new GrayF32(1, 1);
    ThinLensDp optics = DpScenes.virtualCamera(SplitAxis.VERTICAL);
    try (DualPixelRenderer r = new DualPixelRenderer(DpRenderConfig.defaults())) {
      r.renderPair(rad, depth, null, optics, left, right);
      r.renderFull(rad, depth, null, optics, full);
    }
    float[] sum = new float[N * N];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = left.data[i] + right.data[i];
    }
    assertArrayEquals(sum, java.util.Arrays.copyOf(full.data, N * N), 0f);
  }

  /**
   * Step edges with uniform radiance, both orderings of blur and focus, with and without background:
   * every pixel of each view must stay exactly 1/2 (no dark halo from the hidden surface, no bright one).
   */
  @ParameterizedTest
  @EnumSource(SplitAxis.class)
  void uniformStepHasNoHalo(SplitAxis axis) {
    GrayF32 rad = DpScenes.constant(N, N, 1f);
    GrayF32 left = new GrayF32(1, 1);
    GrayF32 right = new GrayF32(1, 1);
    ThinLensDp optics = DpScenes.virtualCamera(axis);
    float[][] pairs = {{820, 1120}, {970, 1120}, {820, 970}, {1120, 820}, {850, 0}, {0, 1000}};
    try (DualPixelRenderer r = new DualPixelRenderer(DpRenderConfig.defaults())) {
      for (SplitAxis edgeAcross : SplitAxis.values()) {
        for (float[] p : pairs) {
          GrayF32 depth = DpScenes.step(N, N, edgeAcross, N / 2, p[0], p[1]);
          r.renderPair(rad, depth, null, optics, left, right);
          for (int i = 0; i < N * N; i++) {
            assertEquals(0.5f, left.data[i], 1e-4f, "left " + p[0] + "/" + p[1] + " at " + i);
            assertEquals(0.5f, right.data[i], 1e-4f, "right " + p[0] + "/" + p[1] + " at " + i);
          }
        }
      }
    }
  }

  /**
   * Step edges between a bright and a dark plane: the full image across the edge is monotonic and stays
   * within the two radiances (no overshoot, no hole), in every depth ordering.
   */
  @Test
  void contrastStepIsMonotonicAndBounded() {
    float bright = 1f;
    float dark = 0.25f;
    GrayF32 rad = new GrayF32(N, N);
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        rad.set(x, y, x < N / 2 ? bright : dark);
      }
    }
    GrayF32 full = new GrayF32(1, 1);
    float[][] pairs = {{820, 1120}, {1120, 820}, {970, 1120}, {1120, 970}, {820, 970}, {970, 820}};
    for (SplitAxis axis : SplitAxis.values()) {
      try (DualPixelRenderer r = new DualPixelRenderer(DpRenderConfig.defaults())) {
        for (float[] p : pairs) {
          GrayF32 depth = DpScenes.step(N, N, SplitAxis.HORIZONTAL, N / 2, p[0], p[1]);
          r.renderFull(rad, depth, null, DpScenes.virtualCamera(axis), full);
          for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
              float v = full.get(x, y);
              assertTrue(v >= dark - 1e-5f && v <= bright + 1e-5f, "bounded " + v);
              if (x > 0) {
                assertTrue(v <= full.get(x - 1, y) + 1e-5f,
                    "monotonic at " + x + "," + y + " for " + p[0] + "/" + p[1] + " " + axis);
              }
            }
          }
        }
      }
    }
  }

  /** Threads change nothing, and a second render of the same input gives the same bytes. */
  @Test
  void multiThreadedEqualsSingleThreadedAndIsDeterministic() {
    int w = 96;
    int h = 80;
    GrayF32 rad = DpScenes.texture(w, h, 3);
    GrayF32 depth = new GrayF32(w, h);
    GrayU8 mask = new GrayU8(w, h);
    bowl(depth, mask, 840, 260);
    ThinLensDp optics = DpScenes.virtualCamera(SplitAxis.VERTICAL);
    GrayF32 l1 = new GrayF32(1, 1);
    GrayF32 r1 = new GrayF32(1, 1);
    GrayF32 l3 = new GrayF32(1, 1);
    GrayF32 r3 = new GrayF32(1, 1);
    try (DualPixelRenderer st = new DualPixelRenderer(DpRenderConfig.defaults());
        DualPixelRenderer mt = new DualPixelRenderer(DpRenderConfig.defaults().withThreads(3))) {
      st.renderPair(rad, depth, mask, optics, l1, r1);
      mt.renderPair(rad, depth, mask, optics, l3, r3);
      assertArrayEquals(l1.data, l3.data, 0f);
      assertArrayEquals(r1.data, r3.data, 0f);
      mt.renderPair(rad, depth, mask, optics, l3, r3);
      assertArrayEquals(l1.data, l3.data, 0f);
      assertArrayEquals(r1.data, r3.data, 0f);
    }
  }

  /**
   * A classification made once ({@link DualPixelRenderer#classify}) and reused, also by another
   * renderer and for other radiance images, gives the same bytes as classifying on every call; layers
   * from a renderer with other settings are refused.
   */
  @Test
  void reusedLayersGiveTheSameBytesAsClassifyingEachTime() {
    int w = 96;
    int h = 80;
    GrayF32 depth = new GrayF32(w, h);
    GrayU8 mask = new GrayU8(w, h);
    bowl(depth, mask, 700, 500);
    ThinLensDp optics = DpScenes.virtualCamera(SplitAxis.HORIZONTAL);
    GrayF32 l1 = new GrayF32(1, 1);
    GrayF32 r1 = new GrayF32(1, 1);
    GrayF32 l2 = new GrayF32(1, 1);
    GrayF32 r2 = new GrayF32(1, 1);
    GrayF32 f1 = new GrayF32(1, 1);
    GrayF32 f2 = new GrayF32(1, 1);
    try (DualPixelRenderer a = new DualPixelRenderer(DpRenderConfig.defaults());
        DualPixelRenderer b = new DualPixelRenderer(DpRenderConfig.defaults().withThreads(2));
        DualPixelRenderer other = new DualPixelRenderer(DpRenderConfig.defaults().withBackgroundBlurPx(3))) {
      checkReuse(a, b, DpScenes.step(w, h, SplitAxis.VERTICAL, w / 2, 760, 1150), null, optics);
      DpLayers layers = a.classify(depth, mask, optics);
      for (long seed = 1; seed <= 3; seed++) {
        GrayF32 rad = DpScenes.texture(w, h, seed);
        if (seed == 3) {
          rad.set(0, 0, 0.7f); // a non-uniform background takes the scatter path
        }
        a.renderPair(rad, depth, mask, optics, l1, r1);
        b.renderPair(rad, layers, l2, r2);
        assertArrayEquals(l1.data, l2.data, 0f);
        assertArrayEquals(r1.data, r2.data, 0f);
        a.renderFull(rad, depth, mask, optics, f1);
        b.renderFull(rad, layers, f2);
        assertArrayEquals(f1.data, f2.data, 0f);
      }
      GrayF32 rad = DpScenes.texture(w, h, 1);
      assertThrows(IllegalArgumentException.class, () -> other.renderPair(rad, layers, l2, r2));
      assertThrows(IllegalArgumentException.class,
          () -> a.renderPair(DpScenes.texture(w + 1, h, 1), layers, l2, r2));
    }
  }

  /** A depth step (layers empty between its two sides): reused layers give the same bytes. */
  private static void checkReuse(DualPixelRenderer a, DualPixelRenderer b, GrayF32 depth, GrayU8 mask,
      ThinLensDp optics) {
    GrayF32 rad = DpScenes.texture(depth.width(), depth.height(), 9);
    for (int i = 0; i < depth.data.length; i++) {
      if (i % 7 == 0) {
        depth.data[i] = 0; // background pixels scattered through the image
        rad.data[i] = 0.25f;
      }
    }
    GrayF32 l1 = new GrayF32(1, 1);
    GrayF32 r1 = new GrayF32(1, 1);
    GrayF32 l2 = new GrayF32(1, 1);
    GrayF32 r2 = new GrayF32(1, 1);
    a.renderPair(rad, depth, mask, optics, l1, r1);
    b.renderPair(rad, a.classify(depth, mask, optics), l2, r2);
    assertArrayEquals(l1.data, l2.data, 0f);
    assertArrayEquals(r1.data, r2.data, 0f);
  }

  /** Inverts discrete variance r²/4 + ⟨φ⟩ (see DpKernelBankTest#discreteVariance) for the diameter. */
  private static double diameterFromVariance(double variance) {
    double lo = 0;
    double hi = 30;
    for (int i = 0; i < 60; i++) {
      double mid = (lo + hi) / 2;
      if (DpKernelBankTest.discreteVariance(mid / 2) < variance) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static double sum(GrayF32 img) {
    double s = 0;
    for (int i = 0; i < img.pixelCount(); i++) {
      s += img.data[i];
    }
    return s;
  }

  /**
   * A centred elliptical bowl: depth {@code centreMm} + {@code riseMm} · r² inside r &lt; 1 (r the
   * distance normalised by 2/5 of the size), 0 (no surface) outside; the mask stops at r² &lt; 0.95.
   */
  private static void bowl(GrayF32 depth, GrayU8 mask, double centreMm, double riseMm) {
    int w = depth.width();
    int h = depth.height();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double dx = (x - w / 2.0) / (w / 2.5);
        double dy = (y - h / 2.0) / (h / 2.5);
        double rr = dx * dx + dy * dy;
        depth.set(x, y, rr < 1 ? (float) (centreMm + riseMm * rr) : 0);
        mask.set(x, y, rr < 0.95 ? 1 : 0);
      }
    }
  }
}
