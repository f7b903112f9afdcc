package org.dpface.calibration.projector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.junit.jupiter.api.Test;

/** {@link LocalHomography} on decoded maps generated from a known homography (camera px → projector px). */
class LocalHomographyTest {
  private static final double EXACT_PX = 1e-6;
  /** 0.05 px decode noise averaged over ~170 pixels: the mapped point within 0.02 px. */
  private static final double NOISY_PX = 0.02;
  /** A homography with perspective (planar board seen obliquely), camera (x, y) → projector (u, v). */
  private static final double[] H = {1.7, 0.2, 40, -0.15, 1.6, 30, 4e-4, -2e-4, 1};

  private static void apply(double x, double y, double[] out) {
    double d = H[6] * x + H[7] * y + H[8];
    out[0] = (H[0] * x + H[1] * y + H[2]) / d;
    out[1] = (H[3] * x + H[4] * y + H[5]) / d;
  }

  /** Maps of 64x48 px decoded through {@link #H}, Gaussian noise sigma, a fraction of gross outliers. */
  private static DecodedMaps maps(double sigma, double outliers, long seed) {
    DecodedMaps d = new DecodedMaps();
    d.reshape(64, 48);
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] q = new double[2];
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        apply(x, y, q);
        double gu = gauss(rnd) * sigma;
        double gv = gauss(rnd) * sigma;
        if (rnd.nextDouble() < outliers) {
          gu += 20 + 40 * rnd.nextDouble();
          gv -= 30 * rnd.nextDouble();
        }
        d.projU.set(x, y, (float) (q[0] + gu));
        d.projV.set(x, y, (float) (q[1] + gv));
        d.mask.set(x, y, 1);
      }
    }
    return d;
  }

  private static double gauss(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  void mapsASubPixelPointExactlyThroughNoiseFreeCodes() {
    DecodedMaps d = maps(0, 0, 1);
    LocalHomography lh = new LocalHomography(6, 0.35, 0.5);
    double[] got = new double[2];
    double[] want = new double[2];
    for (double[] p : new double[][] {{20.3, 17.8}, {31.5, 24.5}, {40.05, 30.9}}) {
      assertTrue(lh.map(d, p[0], p[1], got));
      apply(p[0], p[1], want);
      assertEquals(want[0], got[0], EXACT_PX);
      assertEquals(want[1], got[1], EXACT_PX);
      assertEquals(169, lh.lastInlierCount());
    }
  }

  @Test
  void rejectsGrossOutliersAndAveragesNoise() {
    DecodedMaps d = maps(0.05, 0.15, 2);
    LocalHomography lh = new LocalHomography(6, 0.35, 0.5);
    double[] got = new double[2];
    double[] want = new double[2];
    assertTrue(lh.map(d, 30.4, 22.6, got));
    apply(30.4, 22.6, want);
    assertEquals(want[0], got[0], NOISY_PX);
    assertEquals(want[1], got[1], NOISY_PX);
    assertTrue(lh.lastInlierCount() < 169 * 0.95, "outliers dropped: " + lh.lastInlierCount());
    assertTrue(lh.lastRmsPx() < 0.15, "inlier rms " + lh.lastRmsPx());
  }

  @Test
  void refusesAWindowWithTooFewDecodedPixels() {
    DecodedMaps d = maps(0, 0, 3);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        if ((x + y) % 4 != 0) {
          d.mask.set(x, y, 0);
        }
      }
    }
    LocalHomography lh = new LocalHomography(6, 0.35, 0.5);
    assertFalse(lh.map(d, 30, 20, new double[2]));
    assertTrue(lh.lastPixelCount() < 0.35 * 169);
    // at the image corner only a quarter of the window exists
    assertFalse(new LocalHomography(6, 0.35, 0.5).map(maps(0, 0, 4), 0, 0, new double[2]));
  }
}
