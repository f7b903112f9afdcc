package org.dpface.calibration.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.SplitAxis;
import org.dpface.rigs.virtual.optics.ThinLensDp;
import org.dpface.rigs.virtual.take.RigBinning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * (a, b) of d = a/Z + b recovered from speckle planes rendered by the virtual rig's DP optics (cam0 of
 * virtual-8cam binned 2: 240x320 px, vertical split, truth a = −8315.6 px·mm, b = 8.573 px), 14-bit noise,
 * planes at 820–1120 mm tilted ±15° (both sides of the 970 mm focus).
 */
class DpCoefficientCalibratorVirtualTest {
  private static final double[] DEPTHS = {820, 900, 1000, 1120};
  private static final double TILT = Math.toRadians(15);
  /** Relative error of a vs the thin-lens truth (measured about 0.1 % with the default smoothing). */
  private static final double A_REL_TOL = 0.003;
  /** Largest fitted-minus-truth disparity over the sampled depths (px). */
  private static final double DISPARITY_TOL_PX = 0.03;
  /** Inlier residual RMS (px). */
  private static final double RESIDUAL_TOL_PX = 0.05;

  private static CameraSpec camera;
  private static ThinLensDp truth;
  private static DpCoefficientCalibrator calibrator;

  @BeforeAll
  static void setUp() throws IOException {
    camera = RigBinning.binned(BundledRigs.load("virtual-8cam"), 2).cameras().get(0);
    truth = ThinLensDp.of(camera);
    calibrator = new DpCoefficientCalibrator(DpCalibrationConfig.defaults().withThreads(2));
  }

  @Test
  void recoversThinLensCoefficients() {
    List<DpView> views = DpPlaneViews.render(camera, DEPTHS, TILT, 1, 11);
    DpCalibration cal = calibrator.calibrate(camera.id(), SplitAxis.VERTICAL, views);
    double aRel = cal.a() / truth.coefficientA() - 1;
    double dMax = cal.maxDisparityDifferencePx(truth.coefficientA(), truth.coefficientB());
    assertTrue(Math.abs(aRel) < A_REL_TOL, "a " + cal.a() + " vs " + truth.coefficientA());
    assertTrue(dMax < DISPARITY_TOL_PX, "disparity difference " + dMax + " px; " + cal);
    assertTrue(cal.residualRmsPx() < RESIDUAL_TOL_PX, "residual " + cal.residualRmsPx());
    assertTrue(cal.inliers() > 0.9 * cal.windowsMeasured(), cal.inliers() + " of " + cal.windowsMeasured());
    assertTrue(cal.windowsMeasured() > 400, "windows " + cal.windowsMeasured());
    double[] range = cal.depthRangeMm();
    assertTrue(range[0] < 800 && range[1] > 1150, "depth range " + range[0] + ".." + range[1]);
  }

  /**
   * Without smoothing, the 14-bit sensor noise biases every Lucas–Kanade shift toward zero, so a reads
   * low by more than the tolerance; the default σ 1 px smoothing removes it.
   */
  @Test
  void smoothingRemovesTheNoiseBias() {
    List<DpView> views = DpPlaneViews.render(camera, DEPTHS, TILT, 1, 11);
    DpCalibration raw = new DpCoefficientCalibrator(DpCalibrationConfig.defaults().withThreads(2)
        .withSmoothingSigmaPx(0)).calibrate(camera.id(), SplitAxis.VERTICAL, views);
    DpCalibration smooth = calibrator.calibrate(camera.id(), SplitAxis.VERTICAL, views);
    double rawRel = raw.a() / truth.coefficientA() - 1;
    double smoothRel = smooth.a() / truth.coefficientA() - 1;
    assertTrue(rawRel < -A_REL_TOL, "unsmoothed a " + raw.a() + " vs " + truth.coefficientA());
    assertTrue(Math.abs(smoothRel) < Math.abs(rawRel) / 2, "smoothed " + smoothRel + " vs unsmoothed " + rawRel);
  }

  /** Depths 2 % too far scale the fitted a by 1.02 and leave b: a shift far above the fit's own error. */
  @Test
  void depthScaledByTwoPercentShiftsTheFit() {
    DpCalibration good = calibrator.calibrate(camera.id(), SplitAxis.VERTICAL,
        DpPlaneViews.render(camera, DEPTHS, TILT, 1, 11));
    DpCalibration wrong = calibrator.calibrate(camera.id(), SplitAxis.VERTICAL,
        DpPlaneViews.render(camera, DEPTHS, TILT, 1.02, 11));
    assertEquals(1.02, wrong.a() / good.a(), 0.002, "a ratio");
    assertEquals(good.b(), wrong.b(), 0.01, "b");
    double shift = Math.abs(wrong.a() / truth.coefficientA() - 1);
    assertTrue(shift > 0.01, "a vs truth with wrong depths " + shift);
    assertTrue(wrong.maxDisparityDifferencePx(truth.coefficientA(), truth.coefficientB())
        > 3 * good.maxDisparityDifferencePx(truth.coefficientA(), truth.coefficientB()), "detectable");
  }
}
