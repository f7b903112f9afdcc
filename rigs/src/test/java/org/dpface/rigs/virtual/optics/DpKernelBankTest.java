package org.dpface.rigs.virtual.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class DpKernelBankTest {
  /** Sums of float taps. */
  private static final double SUM_TOL = 2e-6;
  /** Centroid (px) against the continuous half-disc centroid: quadrature of the anti-aliased rim. */
  private static final double CENTROID_TOL = 2e-3;
  /** Variance (px²) against {@link #discreteVariance}. */
  private static final double VARIANCE_TOL = 5e-3;

  @Test
  void halvesSumToOneHalfAndMirrorEachOther() {
    DpKernelBank bank = new DpKernelBank(1.0 / 32, 16, 0);
    for (double c : new double[] {0, 0.1, 0.5, 1, 2.3, 5, 9.7, 16}) {
      DpKernelBank.Kernel k = bank.kernelFor(c);
      double sr = 0;
      double sl = 0;
      for (int t = 0; t < k.size(); t++) {
        sr += k.right[t];
        sl += k.left[t];
        int mirror = find(k, -k.alongAxis[t], k.acrossAxis[t]);
        assertEquals(k.right[t], k.left[mirror], 0f, "mirror tap, c=" + c);
      }
      assertEquals(0.5, sr, SUM_TOL, "right sum c=" + c);
      assertEquals(0.5, sl, SUM_TOL, "left sum c=" + c);
    }
  }

  @Test
  void momentsMatchTheContinuousHalfDiscs() {
    for (double sigma : new double[] {0, 0.4}) {
      DpKernelBank bank = new DpKernelBank(1.0 / 32, 16, sigma);
      double factor = ThinLensDp.disparityFactor(sigma);
      for (double c : new double[] {0.5, 1, 2.3, 5, 9.7, 16}) {
        DpKernelBank.Kernel k = bank.kernelFor(c);
        double mr = 0;
        double varAcross = 0;
        double varAlongFull = 0;
        for (int t = 0; t < k.size(); t++) {
          mr += k.right[t] * k.alongAxis[t];
          double full = k.right[t] + k.left[t];
          varAcross += full * k.acrossAxis[t] * k.acrossAxis[t];
          varAlongFull += full * k.alongAxis[t] * k.alongAxis[t];
        }
        // right centroid at +k·c/2 with mass 1/2
        assertEquals(factor * k.diameterPx / 2, 2 * mr, CENTROID_TOL, "centroid c=" + c + " sigma=" + sigma);
        double expected = discreteVariance(k.diameterPx / 2);
        assertEquals(expected, varAcross, VARIANCE_TOL, "variance c=" + c);
        assertEquals(expected, varAlongFull, VARIANCE_TOL, "variance c=" + c);
      }
    }
  }

  @Test
  void quantisesAndClampsAndCaches() {
    DpKernelBank bank = new DpKernelBank(0.25, 4, 0);
    assertEquals(4, bank.indexOf(1.1));
    assertEquals(4, bank.indexOf(-1.1));
    assertEquals(16, bank.indexOf(100));
    assertSame(bank.kernelFor(1.0), bank.kernelFor(-1.05));
    assertEquals(0, bank.kernelFor(0).radius);
  }

  /**
   * Second moment about 0 of the disc of radius r sampled through the tent: linear interpolation gives
   * Σ n² tent(n − y) = y² + φ(y), φ = frac(y)·(1 − frac(y)), so the moment is r²/4 + ∫ p(y) φ(y) dy with
   * the disc's marginal p(y) = 2√(r² − y²) / (π r²); integrated by the midpoint rule.
   */
  static double discreteVariance(double r) {
    int n = 200_000;
    double sum = 0;
    double mass = 0;
    for (int i = 0; i < n; i++) {
      double y = -r + (i + 0.5) * 2 * r / n;
      double p = Math.sqrt(Math.max(0, r * r - y * y));
      double frac = y - Math.floor(y);
      sum += p * (y * y + frac * (1 - frac));
      mass += p;
    }
    return sum / mass;
  }

  private static int find(DpKernelBank.Kernel k, int along, int across) {
    for (int t = 0; t < k.size(); t++) {
      if (k.alongAxis[t] == along && k.acrossAxis[t] == across) {
        return t;
      }
    }
    throw new AssertionError("no tap at " + along + ", " + across);
  }
}
