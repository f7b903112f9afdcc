package org.dpface.rigs.virtual.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.LensSpec;
import org.dpface.rigs.SplitAxis;
import org.junit.jupiter.api.Test;

class ThinLensDpTest {
  private static final double FORMULA_TOL = 1e-9;
  private static final double FACTOR_TOL = 1e-7;

  @Test
  void blurDiameterFollowsTheThinLensFormula() {
    CameraSpec cam = DpScenes.camera0();
    ThinLensDp optics = ThinLensDp.of(cam);
    double f = 135;
    double n = 5.6;
    double g = 970;
    double pitch = 0.09648;
    for (double z : new double[] {500, 820, 880, 940, 970, 1000, 1060, 1120, 5000}) {
      double expected = (f / n) * f / (1 - f / g) * (1 / g - 1 / z) / pitch;
      assertEquals(expected, optics.blurDiameterPx(z), FORMULA_TOL * Math.max(1, Math.abs(expected)));
      assertEquals(cam.blurDiameterPx(z), optics.blurDiameterPx(z), 1e-9);
    }
    assertEquals(0, optics.blurDiameterPx(g), 1e-12);
    assertTrue(optics.blurDiameterPx(1100) > 0 && optics.blurDiameterPx(850) < 0);
  }

  @Test
  void virtualCameraCoefficients() {
    ThinLensDp optics = ThinLensDp.of(DpScenes.camera0());
    assertEquals(SplitAxis.VERTICAL, optics.splitAxis());
    double scale = (135 / 5.6) * 135 / (1 - 135.0 / 970) / 0.09648;
    double k = 4 / (3 * Math.PI);
    assertEquals(-k * scale, optics.coefficientA(), 1e-6);
    assertEquals(k * scale / 970, optics.coefficientB(), 1e-9);
    // Stated in the class comment: a ≈ −16631, b ≈ 17.15, d(820) ≈ −3.14, d(1120) ≈ +2.30.
    assertEquals(-16631, optics.coefficientA(), 1);
    assertEquals(17.15, optics.coefficientB(), 0.01);
    assertEquals(-3.14, optics.disparityPx(820), 0.01);
    assertEquals(2.30, optics.disparityPx(1120), 0.01);
  }

  @Test
  void disparityIsFactorTimesBlurZeroAtFocusAndInvertible() {
    ThinLensDp optics = ThinLensDp.of(new LensSpec(50, 2.0, 1500), 0.004, SplitAxis.HORIZONTAL, 0.3);
    qt().forAll(doubles().between(300, 20000)).checkAssert(z -> {
      double d = optics.disparityPx(z);
      assertEquals(optics.disparityFactor() * optics.blurDiameterPx(z), d, 1e-9 * Math.max(1, Math.abs(d)));
      assertEquals(z, optics.depthForDisparity(d), 1e-6 * z);
      assertEquals(Math.signum(z - 1500), Math.signum(d), 0.0);
    });
    assertEquals(0, optics.disparityPx(1500), 1e-9);
  }

  @Test
  void softSplitFactorMatchesClosedForm() {
    assertEquals(4 / (3 * Math.PI), ThinLensDp.disparityFactor(0), 0);
    for (double s : new double[] {0.001, 0.1, 0.3, 0.6, 0.9}) {
      assertEquals(closedForm(s), ThinLensDp.disparityFactor(s), FACTOR_TOL, "sigma " + s);
    }
    assertTrue(ThinLensDp.disparityFactor(0.5) < ThinLensDp.disparityFactor(0.2));
    assertThrows(IllegalArgumentException.class, () -> ThinLensDp.disparityFactor(1));
  }

  @Test
  void fNumberScalesBlur() {
    ThinLensDp optics = DpScenes.virtualCamera(SplitAxis.VERTICAL);
    ThinLensDp stopped = optics.withFNumber(16);
    assertEquals(optics.blurDiameterPx(1100) * 5.6 / 16, stopped.blurDiameterPx(1100), 1e-9);
  }

  /**
   * k(σ) = [ (1/σ) ∫₀^σ t²√(1−t²) dt + ∫_σ^1 t√(1−t²) dt ] / (π/4), with
   * ∫ t²√(1−t²) dt = (asin t − t√(1−t²)(1 − 2t²)) / 8 and ∫_σ^1 t√(1−t²) dt = (1 − σ²)^{3/2} / 3.
   */
  private static double closedForm(double s) {
    double inner = (Math.asin(s) - s * Math.sqrt(1 - s * s) * (1 - 2 * s * s)) / 8;
    double outer = Math.pow(1 - s * s, 1.5) / 3;
    return (inner / s + outer) / (Math.PI / 4);
  }
}
