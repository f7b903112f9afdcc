package org.dpface.calibration.dp;

import java.util.Arrays;
import java.util.Locale;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.SplitAxis;
import org.dpface.rigs.virtual.optics.DpDisparityEstimator;
import org.dpface.rigs.virtual.optics.ThinLensDp;
import org.dpface.rigs.virtual.take.RigBinning;
import org.dpface.rigs.virtual.targets.TexturedPlane;

/**
 * Where the DP coefficient a's low bias comes from (not a test). Noise-free renders of the demo's DP
 * calibration speckle (camera 0 of virtual-8cam binned 2, 4-pixel speckle at focus):
 * <ol>
 *   <li>pure shift: the in-focus plane and the same plane moved sideways by δ px, as left and right —
 *       the estimator's own bias on a known sub-pixel shift;
 *   <li>DP: fronto-parallel planes at several depths, left and right half-aperture views — the median
 *       estimate against the thin-lens centroid disparity {@link ThinLensDp#disparityPx};
 *   <li>the calibrator on the demo's three planes, noise-free and with 14-bit sensor noise, tilt 0 and
 *       ±15°, for several smoothing σ ({@link DpCalibrationConfig#smoothingSigmaPx()}).
 * </ol>
 * Without arguments only the calibrator figures (3); with any argument also (1) and (2) for several
 * window and speckle sizes. Note (1): the rendered plane is not band-limited, so a sub-pixel move of it is
 * not an exact image shift (its figures measure the renderer's sampling as much as the estimator).
 */
public final class DpDisparityBiasMain {
  private DpDisparityBiasMain() {}

  public static void main(String[] args) throws Exception {
    CameraSpec cam = RigBinning.binned(BundledRigs.load("virtual-8cam"), 2).cameras().get(0);
    SplitAxis axis = cam.dualPixel().splitAxis().orElseThrow();
    ThinLensDp optics = ThinLensDp.of(cam);
    double focus = cam.lens().focusDistanceMm();
    double pxMm = focus * cam.pixelPitchMm() / cam.lens().sensorDistanceMm();
    System.out.printf(Locale.ROOT, "camera %s %dx%d, split %s, a %.2f b %.4f px, pixel footprint at focus %.3f mm%n",
        cam.id(), cam.resolution().width(), cam.resolution().height(), axis, optics.coefficientA(),
        optics.coefficientB(), pxMm);
    calibratorFigures(cam, axis, optics);
    if (args.length == 0) {
      return;
    }
    for (double featurePx : new double[] {2, 4, 8}) {
      try (TexturedPlane plane = new TexturedPlane(1200, featurePx * pxMm, 3, 2)) {
        System.out.printf(Locale.ROOT, "%nspeckle %.0f px%n", featurePx);
        // 1. pure shift at focus, along the split axis
        GrayF32 l0 = new GrayF32(1, 1);
        GrayF32 r0 = new GrayF32(1, 1);
        GrayF32 depth = new GrayF32(1, 1);
        GrayU8 mask = new GrayU8(1, 1);
        plane.render(cam, TexturedPlane.facing(focus, 0), l0, r0, depth, mask);
        GrayF32 base = sum(l0, r0);
        for (int hw : new int[] {7, 15}) {
          StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  pure shift, half window %d: ", hw));
          for (double delta : new double[] {0.1, 0.25, 0.5, 1, 2}) {
            // moving the plane by −δ footprints along the axis moves the image by +δ px
            double[] t = axis == SplitAxis.HORIZONTAL ? new double[] {-delta * pxMm, 0, 0} : new double[] {0, -delta * pxMm, 0};
            RigidTransform pose = RigidTransform.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {t[0], t[1], focus});
            GrayF32 l1 = new GrayF32(1, 1);
            GrayF32 r1 = new GrayF32(1, 1);
            plane.render(cam, pose, l1, r1, depth, mask);
            double[] m = measure(base, sum(l1, r1), axis, hw);
            sb.append(String.format(Locale.ROOT, "δ %.2f → %.4f (%+.2f %%); ", delta, m[0], 100 * (m[0] / delta - 1)));
          }
          System.out.println(sb);
        }
        // 2. DP pairs at depths
        for (int hw : new int[] {7, 15, 25}) {
          StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  DP, half window %d: ", hw));
          double[] zs = {840, 900, 960, 1030, 1100};
          double[] ds = new double[zs.length];
          for (int k = 0; k < zs.length; k++) {
            double z = zs[k];
            GrayF32 l = new GrayF32(1, 1);
            GrayF32 r = new GrayF32(1, 1);
            plane.render(cam, TexturedPlane.facing(z, 0), l, r, depth, mask);
            double truth = optics.disparityPx(z);
            double[] m = measure(l, r, axis, hw);
            ds[k] = m[0];
            sb.append(String.format(Locale.ROOT, "Z %.0f: %+.4f vs %+.4f (%+.4f px); ", z, m[0], truth, m[0] - truth));
          }
          // least squares d = a/Z + b
          double sx = 0, sy = 0, sxx = 0, sxy = 0;
          for (int k = 0; k < zs.length; k++) {
            double x = 1 / zs[k];
            sx += x;
            sy += ds[k];
            sxx += x * x;
            sxy += x * ds[k];
          }
          int n = zs.length;
          double a = (n * sxy - sx * sy) / (n * sxx - sx * sx);
          sb.append(String.format(Locale.ROOT, "fit a %.1f (%+.2f %%)", a, 100 * (a / optics.coefficientA() - 1)));
          System.out.println(sb);
        }
      }
    }
  }

  /**
   * The calibrator on the demo's planes (840, 960, 1100 mm, ±tilt), noise-free floats or exposed through
   * the default 14-bit sensor, to separate the estimator on rendered DP from noise and tilt.
   */
  static void calibratorFigures(CameraSpec cam, SplitAxis axis, ThinLensDp optics) {
    double feature = 4 * cam.lens().focusDistanceMm() * cam.pixelPitchMm() / cam.lens().sensorDistanceMm();
    double[] depths = {840, 960, 1100};
    for (double tiltDeg : new double[] {0, 15}) {
      for (boolean noisy : new boolean[] {false, true}) {
       for (double sigma : new double[] {0, 1, 1.5, 2}) {
        DpCoefficientCalibrator cal = new DpCoefficientCalibrator(DpCalibrationConfig.defaults().withSmoothingSigmaPx(sigma));
        java.util.List<DpView> views = new java.util.ArrayList<>();
        try (TexturedPlane plane = new TexturedPlane(1200, feature, 7, 2);
            org.dpface.rigs.virtual.render.RowExecutor rows = new org.dpface.rigs.virtual.render.RowExecutor(2)) {
          for (int p = 0; p < depths.length; p++) {
            GrayF32 l = new GrayF32(1, 1);
            GrayF32 r = new GrayF32(1, 1);
            GrayF32 depth = new GrayF32(1, 1);
            GrayU8 mask = new GrayU8(1, 1);
            double t = Math.toRadians(p % 2 == 0 ? tiltDeg : -tiltDeg);
            plane.render(cam, TexturedPlane.facing(depths[p], t), l, r, depth, mask);
            if (noisy) {
              org.dpface.core.image.GrayU16 l16 = new org.dpface.core.image.GrayU16(1, 1);
              org.dpface.core.image.GrayU16 r16 = new org.dpface.core.image.GrayU16(1, 1);
              org.dpface.rigs.virtual.render.SensorModel sensor = org.dpface.rigs.virtual.render.SensorModel.defaults();
              sensor.expose(l, 7, 2L * p, l16, rows);
              sensor.expose(r, 7, 2L * p + 1, r16, rows);
              DpView v = DpView.ofU16("plane" + p, l16, r16, depth, mask);
              views.add(v);
            } else {
              views.add(new DpView("plane" + p, l, r, depth, mask));
            }
          }
        }
        DpCalibration c = cal.calibrate(cam.id(), axis, views);
        System.out.printf(Locale.ROOT, "calibrator, tilt ±%.0f°, %s, smoothing σ %.1f: a %.1f (%+.2f %%), b %.4f (truth %.4f), RMS %.4f px, %d windows%n",
            tiltDeg, noisy ? "14-bit sensor noise" : "noise-free", sigma, c.a(), 100 * (c.a() / optics.coefficientA() - 1), c.b(),
            optics.coefficientB(), c.residualRmsPx(), c.inliers());
       }
      }
    }
  }

  private static GrayF32 sum(GrayF32 a, GrayF32 b) {
    GrayF32 s = new GrayF32(a.width(), a.height());
    for (int y = 0; y < a.height(); y++) {
      for (int x = 0; x < a.width(); x++) {
        s.set(x, y, a.get(x, y) + b.get(x, y));
      }
    }
    return s;
  }

  /** Median estimate over a grid of windows in the central part of the image. */
  private static double[] measure(GrayF32 l, GrayF32 r, SplitAxis axis, int hw) {
    DpDisparityEstimator est = new DpDisparityEstimator(new DpDisparityEstimator.Config(hw, 8, 50));
    double[] v = new double[4000];
    int n = 0;
    for (int y = 40; y < l.height() - 40; y += 9) {
      for (int x = 40; x < l.width() - 40; x += 9) {
        DpDisparityEstimator.Estimate e = est.estimate(l, r, axis, x, y);
        if (e.isValid() && n < v.length) {
          v[n++] = e.disparityPx();
        }
      }
    }
    double[] s = Arrays.copyOf(v, n);
    Arrays.sort(s);
    return new double[] {s[n / 2], n};
  }
}
