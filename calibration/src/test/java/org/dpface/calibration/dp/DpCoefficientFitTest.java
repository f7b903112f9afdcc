package org.dpface.calibration.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The robust line fit on synthetic samples: exact data, noise with gross outliers, degenerate depths. */
class DpCoefficientFitTest {
  private static final double A = -26996.5;
  private static final double B = 32.98;
  private final DpCoefficientCalibrator calibrator = new DpCoefficientCalibrator(DpCalibrationConfig.defaults());

  @Test
  void exactSamplesGiveExactCoefficients() {
    int n = 50;
    double[] w = new double[n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1 / (700.0 + 10 * i);
      d[i] = A * w[i] + B;
    }
    DpCalibration c = calibrator.fit("cam", w, d, n);
    assertEquals(A, c.a(), 1e-6 * Math.abs(A));
    assertEquals(B, c.b(), 1e-8);
    assertEquals(n, c.inliers());
    assertEquals(0, c.residualRmsPx(), 1e-9);
  }

  @Test
  void grossOutliersAreRejected() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 400;
    double[] w = new double[n];
    double[] d = new double[n];
    boolean[] bad = new boolean[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1 / r.nextDouble(750, 1250);
      d[i] = A * w[i] + B + 0.05 * r.nextGaussian();
      if (i % 5 == 0) {
        d[i] += r.nextBoolean() ? r.nextDouble(1, 6) : -r.nextDouble(1, 6); // 20 % wrong matches
        bad[i] = true;
      }
    }
    DpCalibration c = calibrator.fit("cam", w, d, n);
    assertEquals(A, c.a(), 0.01 * Math.abs(A));
    assertEquals(0, c.maxDisparityDifferencePx(A, B), 0.02);
    assertEquals(0.05, c.residualRmsPx(), 0.01);
    for (int i = 0; i < n; i++) {
      if (bad[i]) {
        assertFalse(c.inlier()[i], "outlier " + i + " kept");
      }
    }
    assertTrue(c.inliers() > 0.75 * n && c.inliers() <= 0.8 * n, "inliers " + c.inliers());
  }

  @Test
  void singleDepthIsRejected() {
    int n = 30;
    double[] w = new double[n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1 / (1000.0 + 0.1 * i);
      d[i] = A * w[i] + B;
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> calibrator.fit("cam", w, d, n));
    assertTrue(e.getMessage().contains("several depths"), e.getMessage());
  }
}
