package org.dpface.calibration.dp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.SplitAxis;
import org.dpface.rigs.virtual.optics.DpDisparityEstimator;

/**
 * Calibrates one dual-pixel camera's defocus coefficients (a, b) of d = a / Z + b (DESIGN.md: d in px
 * along the split axis, d &gt; 0 behind focus, Z planar depth in mm) from views of textured surfaces with
 * known depth.
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>per view, a grid of windows ({@link DpCalibrationConfig#gridStep()} apart): DP disparity by
 *       {@link DpDisparityEstimator} (ZNCC search + symmetric Lucas–Kanade refinement); a window is kept
 *       when its estimate is valid with ZNCC ≥ {@code minConfidence}, at least {@code minValidFraction} of
 *       its pixels have depth, and its depths spread by at most {@code maxDepthSpread} (p95 − p5 over the
 *       median); its sample is (1 / median depth, d). Both views are first smoothed by a Gaussian of
 *       {@link DpCalibrationConfig#smoothingSigmaPx()}: sensor noise in the resampled views and their
 *       gradients biases the Lucas–Kanade shift toward zero (a read about 0.6 % low on the demo's planes);
 *       a symmetric blur keeps the half-aperture PSFs' centroid separation;
 *   <li>a line d = a·w + b in w = 1/Z (centred on the mean w for conditioning): least squares, then
 *       iteratively reweighted least squares with Huber weights (Huber 1964; k = 1.345 σ, σ = 1.4826 ×
 *       median absolute deviation of the residuals, floored at {@code minScalePx}), 50 iterations at most;
 *   <li>inliers: |residual| ≤ {@code inlierSigmas} × σ; a final unweighted least-squares fit on them gives
 *       (a, b); the report has the inlier RMS, the median |residual| over all samples and the counts.
 * </ol>
 * The depths must span a range (the slope a is unobservable from a single depth): the inliers' 1/Z must
 * spread by at least 2 % of its mean, or the calibration fails.
 *
 * <p>Deterministic: results do not depend on {@link DpCalibrationConfig#threads()}. Thread-safe (holds no
 * mutable state; work buffers are per task).
 */
public final class DpCoefficientCalibrator {
  private static final double HUBER_K = 1.345;
  private static final double MAD_TO_SIGMA = 1.4826;
  private static final int MAX_IRLS = 50;
  private static final double MIN_RELATIVE_SPREAD = 0.02;

  private final DpCalibrationConfig config;

  public DpCoefficientCalibrator(DpCalibrationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public DpCalibrationConfig config() {
    return config;
  }

  /**
   * Calibrates camera {@code cameraId} with split axis {@code axis} from {@code views}.
   *
   * @throws IllegalArgumentException when too few windows qualify or the depths span no range
   */
  public DpCalibration calibrate(String cameraId, SplitAxis axis, List<DpView> views) {
    Objects.requireNonNull(axis, "axis");
    List<double[]> rows = measure(axis, views);
    int tried = 0;
    int n = 0;
    for (double[] r : rows) {
      tried += (int) r[0];
      n += (r.length - 1) / 2;
    }
    double[] w = new double[n];
    double[] d = new double[n];
    int k = 0;
    for (double[] r : rows) {
      for (int i = 1; i < r.length; i += 2, k++) {
        w[k] = r[i];
        d[k] = r[i + 1];
      }
    }
    if (n < config.minSamples()) {
      throw new IllegalArgumentException(cameraId + ": only " + n + " of " + tried
          + " windows have a confident disparity and a usable depth; need " + config.minSamples());
    }
    return fit(cameraId, w, d, tried);
  }

  /** Per (view, grid row) task: {windows tried, w0, d0, w1, d1, ...}, in view then row order. */
  private List<double[]> measure(SplitAxis axis, List<DpView> views) {
    int step = config.gridStep();
    List<Task> tasks = new ArrayList<>();
    for (DpView v : views) {
      GrayF32[] lr = config.smoothingSigmaPx() > 0
          ? new GrayF32[] {GaussianSmoothing.apply(v.left(), config.smoothingSigmaPx()),
              GaussianSmoothing.apply(v.right(), config.smoothingSigmaPx())}
          : sameLayout(v.left(), v.right());
      int gh = (v.left().height() + step - 1) / step;
      for (int j = 0; j < gh; j++) {
        tasks.add(new Task(lr[0], lr[1], v.depthMm(), v.mask(), axis, j * step + step / 2));
      }
    }
    List<double[]> out = new ArrayList<>(tasks.size());
    if (config.threads() == 1 || tasks.size() < 2) {
      for (Task t : tasks) {
        out.add(t.call());
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
      Thread th = new Thread(r, "dp-calibration");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<double[]>> futures = new ArrayList<>();
      for (Task t : tasks) {
        futures.add(pool.submit(t::call));
      }
      for (Future<double[]> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("DP measurement failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One grid row of one view. */
  private final class Task {
    private final GrayF32 left;
    private final GrayF32 right;
    private final GrayF32 depth;
    private final GrayU8 mask;
    private final SplitAxis axis;
    private final int cy;

    Task(GrayF32 left, GrayF32 right, GrayF32 depth, GrayU8 mask, SplitAxis axis, int cy) {
      this.left = left;
      this.right = right;
      this.depth = depth;
      this.mask = mask;
      this.axis = axis;
      this.cy = cy;
    }

    double[] call() {
      int hw = config.halfWindow();
      int step = config.gridStep();
      DpDisparityEstimator est = new DpDisparityEstimator(
          new DpDisparityEstimator.Config(hw, config.maxDisparityPx(), 30));
      float[] zs = new float[(2 * hw + 1) * (2 * hw + 1)];
      int gw = (left.width() + step - 1) / step;
      double[] out = new double[1 + 2 * gw];
      int n = 0;
      int tried = 0;
      for (int i = 0; i < gw; i++) {
        int cx = i * step + step / 2;
        if (cx - hw < 0 || cy - hw < 0 || cx + hw >= left.width() || cy + hw >= left.height()) {
          continue;
        }
        tried++;
        int count = 0;
        for (int y = cy - hw; y <= cy + hw; y++) {
          for (int x = cx - hw; x <= cx + hw; x++) {
            float z = depth.get(x, y);
            if (mask.get(x, y) != 0 && z > 0 && Float.isFinite(z)) {
              zs[count++] = z;
            }
          }
        }
        if (count < config.minValidFraction() * zs.length) {
          continue;
        }
        Arrays.sort(zs, 0, count);
        double median = zs[count / 2];
        double spread = zs[(int) (0.95 * (count - 1))] - zs[(int) (0.05 * (count - 1))];
        if (spread > config.maxDepthSpread() * median) {
          continue;
        }
        DpDisparityEstimator.Estimate e = est.estimate(left, right, axis, cx, cy);
        if (!e.isValid() || e.confidence() < config.minConfidence()) {
          continue;
        }
        out[1 + 2 * n] = 1 / median;
        out[2 + 2 * n] = e.disparityPx();
        n++;
      }
      double[] trimmed = Arrays.copyOf(out, 1 + 2 * n);
      trimmed[0] = tried;
      return trimmed;
    }
  }

  /** Robust line fit d = a·w + b (see the class comment). */
  DpCalibration fit(String cameraId, double[] w, double[] d, int tried) {
    int n = w.length;
    double[] weight = new double[n];
    Arrays.fill(weight, 1);
    double[] r = new double[n];
    double[] line = weightedLine(w, d, weight);
    double sigma = config.minScalePx();
    for (int it = 0; it < MAX_IRLS; it++) {
      residuals(w, d, line, r);
      sigma = robustScale(r);
      double k = HUBER_K * sigma;
      for (int i = 0; i < n; i++) {
        double a = Math.abs(r[i]);
        weight[i] = a <= k ? 1 : k / a;
      }
      double[] next = weightedLine(w, d, weight);
      boolean done = Math.abs(next[0] - line[0]) * spread(w) < 1e-9 && Math.abs(next[1] - line[1]) < 1e-9;
      line = next;
      if (done) {
        break;
      }
    }
    residuals(w, d, line, r);
    sigma = robustScale(r);
    boolean[] inlier = new boolean[n];
    double[] unit = new double[n];
    int inliers = 0;
    for (int i = 0; i < n; i++) {
      inlier[i] = Math.abs(r[i]) <= config.inlierSigmas() * sigma;
      unit[i] = inlier[i] ? 1 : 0;
      inliers += inlier[i] ? 1 : 0;
    }
    if (inliers < config.minSamples()) {
      throw new IllegalArgumentException(cameraId + ": only " + inliers + " inliers of " + n
          + " samples; need " + config.minSamples());
    }
    double wMin = Double.POSITIVE_INFINITY;
    double wMax = Double.NEGATIVE_INFINITY;
    double wMean = 0;
    for (int i = 0; i < n; i++) {
      if (inlier[i]) {
        wMin = Math.min(wMin, w[i]);
        wMax = Math.max(wMax, w[i]);
        wMean += w[i] / inliers;
      }
    }
    if (wMax - wMin < MIN_RELATIVE_SPREAD * wMean) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "%s: sample depths %.0f..%.0f mm span too little to fit d = a/Z + b; use surfaces at several depths",
          cameraId, 1 / wMax, 1 / wMin));
    }
    line = weightedLine(w, d, unit);
    residuals(w, d, line, r);
    double ss = 0;
    double[] abs = new double[n];
    for (int i = 0; i < n; i++) {
      if (inlier[i]) {
        ss += r[i] * r[i];
      }
      abs[i] = Math.abs(r[i]);
    }
    Arrays.sort(abs);
    double median = n % 2 == 1 ? abs[n / 2] : 0.5 * (abs[n / 2 - 1] + abs[n / 2]);
    return new DpCalibration(cameraId, line[0], line[1], Math.sqrt(ss / inliers), median, sigma, inliers, n,
        tried, w, d, inlier);
  }

  /** Weighted least-squares line {a, b} of d on w, centred on the weighted mean of w. */
  private static double[] weightedLine(double[] w, double[] d, double[] weight) {
    double sw = 0;
    double mw = 0;
    double md = 0;
    for (int i = 0; i < w.length; i++) {
      sw += weight[i];
      mw += weight[i] * w[i];
      md += weight[i] * d[i];
    }
    mw /= sw;
    md /= sw;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < w.length; i++) {
      double x = w[i] - mw;
      sxx += weight[i] * x * x;
      sxy += weight[i] * x * (d[i] - md);
    }
    double a = sxx > 0 ? sxy / sxx : 0;
    return new double[] {a, md - a * mw};
  }

  private static void residuals(double[] w, double[] d, double[] line, double[] r) {
    for (int i = 0; i < w.length; i++) {
      r[i] = d[i] - (line[0] * w[i] + line[1]);
    }
  }

  private static double spread(double[] w) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : w) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return hi - lo;
  }

  /** 1.4826 × median absolute deviation from the median, at least {@code minScalePx}. */
  private double robustScale(double[] r) {
    double[] s = r.clone();
    Arrays.sort(s);
    double med = median(s);
    for (int i = 0; i < s.length; i++) {
      s[i] = Math.abs(r[i] - med);
    }
    Arrays.sort(s);
    return Math.max(config.minScalePx(), MAD_TO_SIGMA * median(s));
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }

  /** The two images with one compact layout (the estimator needs equal strides); copies when needed. */
  private static GrayF32[] sameLayout(GrayF32 left, GrayF32 right) {
    if (left.stride() == right.stride() && left.startIndex() == right.startIndex()) {
      return new GrayF32[] {left, right};
    }
    return new GrayF32[] {compact(left), compact(right)};
  }

  private static GrayF32 compact(GrayF32 in) {
    GrayF32 out = new GrayF32(in.width(), in.height());
    for (int y = 0; y < in.height(); y++) {
      System.arraycopy(in.data, in.indexOf(0, y), out.data, out.indexOf(0, y), in.width());
    }
    return out;
  }
}
