package org.dpface.calibration.rig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drops misdetected corners after a bundle adjustment so the rerun is not pulled by them: the Huber loss
 * bounds a 2–3 px misdetection's pull but does not remove it, and next to corner noise of a few hundredths
 * of a pixel one such corner, or one smeared view, shifts a camera's focal length measurably.
 *
 * <p>Rule, evaluated afresh each round on the detections as they were (a corner dropped in an earlier round
 * comes back when the refined model explains it): with e the 2D reprojection errors of all corners, the
 * robust per-axis standard deviation is σ = median(e) / √(2 ln 2) (e of a Gaussian corner is Rayleigh(σ));
 * a corner with e > max(k σ, floor) is dropped (its pixels set to NaN); when that is more than half of its
 * view's corners, the view is wrong as a whole (a misordered or smeared detection) and all its corners go,
 * unless its camera would be left with fewer than {@code minViews} views.
 */
final class CornerRejection {
  private static final double RAYLEIGH_MEDIAN = Math.sqrt(2 * Math.log(2));

  /**
   * @param observations {@code detected} with the dropped corners' pixels NaN (same order and size)
   * @param perCamera corners dropped per camera
   * @param changed whether the dropped set differs from {@code current}'s
   * @param thresholdPx the error threshold used, px
   */
  record Outcome(List<BundleAdjuster.Observation> observations, int[] perCamera, boolean changed,
      double thresholdPx) {}

  private CornerRejection() {}

  /**
   * One round.
   *
   * @param detected every observation as detected
   * @param current the observations the refinement {@code res} used (same order; dropped corners NaN)
   * @param minViews a camera never loses a whole view below this many views
   */
  static Outcome apply(BundleAdjuster ba, BundleAdjuster.Result res, List<BundleAdjuster.Observation> detected,
      List<BundleAdjuster.Observation> current, int cameras, int points, double sigmas, double floorPx,
      int minViews) {
    double[] r = new double[2 * points];
    double[][] errors = new double[detected.size()][points];
    double[] all = new double[detected.size() * points];
    int n = 0;
    for (int i = 0; i < detected.size(); i++) {
      BundleAdjuster.Observation o = detected.get(i);
      ba.residuals(res.models()[o.camera()], res.worldToCamera()[o.camera()], res.boardToWorld()[o.pose()],
          o.pixels(), r);
      for (int k = 0; k < points; k++) {
        errors[i][k] = Math.hypot(r[2 * k], r[2 * k + 1]);
        all[n++] = errors[i][k];
      }
    }
    int[] perCamera = new int[cameras];
    if (n == 0 || sigmas <= 0) {
      return new Outcome(detected, perCamera, false, Double.POSITIVE_INFINITY);
    }
    Arrays.sort(all, 0, n);
    double median = n % 2 == 1 ? all[n / 2] : 0.5 * (all[n / 2 - 1] + all[n / 2]);
    double threshold = Math.max(sigmas * median / RAYLEIGH_MEDIAN, floorPx);
    int[] views = new int[cameras];
    for (BundleAdjuster.Observation o : detected) {
      views[o.camera()]++;
    }
    List<BundleAdjuster.Observation> out = new ArrayList<>(detected.size());
    boolean changed = false;
    for (int i = 0; i < detected.size(); i++) {
      BundleAdjuster.Observation o = detected.get(i);
      int c = o.camera();
      int over = 0;
      for (int k = 0; k < points; k++) {
        over += errors[i][k] > threshold ? 1 : 0;
      }
      boolean wholeView = 2 * over > points && views[c] > minViews;
      views[c] -= wholeView ? 1 : 0;
      double[] px = o.pixels().clone();
      int dropped = 0;
      for (int k = 0; k < points; k++) {
        if (wholeView || errors[i][k] > threshold && 2 * over <= points) {
          px[2 * k] = Double.NaN;
          px[2 * k + 1] = Double.NaN;
          dropped++;
        }
      }
      perCamera[c] += dropped;
      BundleAdjuster.Observation now = dropped == 0 ? o : new BundleAdjuster.Observation(c, o.pose(), px);
      changed |= !Arrays.equals(nanMask(now.pixels()), nanMask(current.get(i).pixels()));
      out.add(now);
    }
    return new Outcome(out, perCamera, changed, threshold);
  }

  private static boolean[] nanMask(double[] px) {
    boolean[] m = new boolean[px.length];
    for (int i = 0; i < px.length; i++) {
      m[i] = Double.isNaN(px[i]);
    }
    return m;
  }
}
