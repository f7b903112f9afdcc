package org.dpface.calibration.dp;

import java.util.List;
import java.util.Locale;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.virtual.optics.ThinLensDp;
import org.dpface.rigs.virtual.take.RigBinning;

/**
 * Prints DP coefficient figures on the virtual rig (not a test): per binning and depth scale, fitted
 * (a, b) vs the thin-lens truth, the largest disparity difference over the sampled depths, residuals
 * and counts. Args: binning (default 2), tilt degrees (default 15).
 * Run: {@code java -cp <test classpath> org.dpface.calibration.dp.DpCalibrationFiguresMain 2 15}.
 */
public final class DpCalibrationFiguresMain {
  private DpCalibrationFiguresMain() {}

  public static void main(String[] args) throws Exception {
    int bin = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    double tilt = Math.toRadians(args.length > 1 ? Double.parseDouble(args[1]) : 15);
    CameraSpec cam = RigBinning.binned(BundledRigs.load("virtual-8cam"), bin).cameras().get(0);
    ThinLensDp truth = ThinLensDp.of(cam);
    DpCoefficientCalibrator cal = new DpCoefficientCalibrator(DpCalibrationConfig.defaults().withThreads(2));
    double[] depths = {820, 900, 1000, 1120};
    System.out.printf(Locale.ROOT, "%s binned %d (%dx%d), truth a=%.1f b=%.4f%n", cam.id(), bin,
        cam.resolution().width(), cam.resolution().height(), truth.coefficientA(), truth.coefficientB());
    for (double scale : new double[] {1, 1.02}) {
      long t0 = System.nanoTime();
      List<DpView> views = DpPlaneViews.render(cam, depths, tilt, scale, 11);
      long t1 = System.nanoTime();
      DpCalibration c = cal.calibrate(cam.id(), cam.dualPixel().splitAxis().orElseThrow(), views);
      long t2 = System.nanoTime();
      double[] z = c.depthRangeMm();
      System.out.printf(Locale.ROOT,
          "depth x%.2f: a=%.1f (%+.3f %%) b=%.4f (%+.4f px) max|dd|=%.4f px over %.0f..%.0f mm, RMS %.4f px, "
              + "median %.4f px, inliers %d of %d (%d windows), render %.1f s, calibrate %.1f s%n",
          scale, c.a(), 100 * (c.a() / truth.coefficientA() - 1), c.b(), c.b() - truth.coefficientB(),
          c.maxDisparityDifferencePx(truth.coefficientA(), truth.coefficientB()), z[0], z[1], c.residualRmsPx(),
          c.residualMedianPx(), c.inliers(), c.windowsMeasured(), c.windowsTried(), (t1 - t0) * 1e-9,
          (t2 - t1) * 1e-9);
    }
  }
}
