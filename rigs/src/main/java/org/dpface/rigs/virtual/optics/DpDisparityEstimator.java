package org.dpface.rigs.virtual.optics;

import java.util.Objects;
import org.dpface.core.image.GrayF32;
import org.dpface.rigs.SplitAxis;

/**
 * Measures dual-pixel disparity between a left and a right view in square windows: the sub-pixel shift
 * d (px, along the split axis) with right(p + d) ≈ left(p), the convention of {@link ThinLensDp}
 * (d &gt; 0 behind focus). For tests of the renderer and for dataset QC.
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>integer search: zero-mean normalised cross-correlation (ZNCC) of the window against the other
 *       view shifted by every integer in [−max, max]; parabolic refinement around the best;
 *   <li>symmetric Lucas–Kanade refinement (Lucas &amp; Kanade 1981, one parameter): both views are
 *       resampled half-way, left at p − d/2 and right at p + d/2, with the Keys cubic kernel (a = −1/2),
 *       and Gauss–Newton steps minimise the zero-mean squared difference until the step is below 1e-5
 *       px. Sampling both views symmetrically cancels most of the interpolation bias;
 *   <li>confidence: the ZNCC of the two resampled windows at the final shift, in [−1, 1].
 * </ol>
 * A window too close to the border (it needs max + 3 px of margin along the axis), without texture, or
 * whose refinement leaves [−max − 1, max + 1] gives {@link Estimate#NONE}.
 *
 * <p>Holds work buffers: not safe for concurrent use; use one estimator per thread.
 */
public final class DpDisparityEstimator {
  /**
   * @param halfWindow window half size (px): the window is (2·halfWindow + 1)² pixels
   * @param maxDisparityPx largest |d| searched (px)
   * @param maxIterations Gauss–Newton iterations at most
   */
  public record Config(int halfWindow, int maxDisparityPx, int maxIterations) {
    public Config {
      if (halfWindow < 1 || maxDisparityPx < 1 || maxIterations < 1) {
        throw new IllegalArgumentException("window, max disparity and iterations must be >= 1");
      }
    }

    /** 15 px half window (31×31), ±8 px search, 30 iterations. */
    public static Config defaults() {
      return new Config(15, 8, 30);
    }
  }

  /** One measurement: disparity (px; NaN when none) and confidence (ZNCC; 0 when none). */
  public record Estimate(double disparityPx, double confidence) {
    public static final Estimate NONE = new Estimate(Double.NaN, 0);

    public boolean isValid() {
      return !Double.isNaN(disparityPx);
    }
  }

  private final Config config;
  private final double[] ls;
  private final double[] rs;
  private final double[] lg;
  private final double[] rg;
  private final double[] zncc;
  private final double[] weights = new double[8];

  public DpDisparityEstimator(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    int n = (2 * config.halfWindow() + 1) * (2 * config.halfWindow() + 1);
    ls = new double[n];
    rs = new double[n];
    lg = new double[n];
    rg = new double[n];
    zncc = new double[2 * config.maxDisparityPx() + 1];
  }

  public Config config() {
    return config;
  }

  /** Disparity of the window centred on pixel (cx, cy). */
  public Estimate estimate(GrayF32 left, GrayF32 right, SplitAxis axis, int cx, int cy) {
    left.checkSameShape(right);
    int hw = config.halfWindow();
    int max = config.maxDisparityPx();
    int margin = max + 3;
    boolean horizontal = axis == SplitAxis.HORIZONTAL;
    int alongMargin = hw + margin;
    int xm = horizontal ? alongMargin : hw;
    int ym = horizontal ? hw : alongMargin;
    if (cx - xm < 0 || cy - ym < 0 || cx + xm >= left.width() || cy + ym >= left.height()) {
      return Estimate.NONE;
    }
    if (left.stride() != right.stride() || left.startIndex() != right.startIndex()) {
      throw new IllegalArgumentException("left and right need the same layout");
    }
    int axisStep = horizontal ? 1 : left.stride();
    int best = Integer.MIN_VALUE;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int s = -max; s <= max; s++) {
      double score = integerZncc(left, right, cx, cy, s * axisStep);
      zncc[s + max] = score;
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    if (!(bestScore > 0)) {
      return Estimate.NONE;
    }
    double d = best;
    if (best > -max && best < max) {
      double a = zncc[best + max - 1];
      double b = zncc[best + max];
      double c = zncc[best + max + 1];
      double den = a - 2 * b + c;
      if (den < 0) {
        d += 0.5 * (a - c) / den;
      }
    }
    double confidence = 0;
    for (int it = 0; it < config.maxIterations(); it++) {
      double[] stats = sampleHalfway(left, right, cx, cy, axisStep, d);
      double step = stats[0];
      confidence = stats[1];
      if (Double.isNaN(step)) {
        return Estimate.NONE;
      }
      d += step;
      if (Math.abs(d) > max + 1) {
        return Estimate.NONE;
      }
      if (Math.abs(step) < 1e-5) {
        break;
      }
    }
    return new Estimate(d, confidence);
  }

  /**
   * Estimates on a grid of window centres (step px apart, the first at (step/2, step/2)); outputs are
   * reshaped to ⌈w/step⌉ × ⌈h/step⌉; cells without an estimate get NaN disparity and 0 confidence.
   */
  public void estimateGrid(GrayF32 left, GrayF32 right, SplitAxis axis, int step, GrayF32 disparity,
      GrayF32 confidence) {
    if (step < 1) {
      throw new IllegalArgumentException("step must be >= 1, got " + step);
    }
    int gw = (left.width() + step - 1) / step;
    int gh = (left.height() + step - 1) / step;
    disparity.reshape(gw, gh);
    confidence.reshape(gw, gh);
    for (int j = 0; j < gh; j++) {
      for (int i = 0; i < gw; i++) {
        Estimate e = estimate(left, right, axis, i * step + step / 2, j * step + step / 2);
        disparity.data[disparity.indexOf(i, j)] = (float) e.disparityPx();
        confidence.data[confidence.indexOf(i, j)] = (float) e.confidence();
      }
    }
  }

  private double integerZncc(GrayF32 left, GrayF32 right, int cx, int cy, int shift) {
    int hw = config.halfWindow();
    double sl = 0;
    double sr = 0;
    double sll = 0;
    double srr = 0;
    double slr = 0;
    int n = 0;
    for (int y = cy - hw; y <= cy + hw; y++) {
      int i = left.indexOf(cx - hw, y);
      for (int x = -hw; x <= hw; x++, i++) {
        double l = left.data[i];
        double r = right.data[i + shift];
        sl += l;
        sr += r;
        sll += l * l;
        srr += r * r;
        slr += l * r;
        n++;
      }
    }
    double vl = sll - sl * sl / n;
    double vr = srr - sr * sr / n;
    double cov = slr - sl * sr / n;
    return vl > 0 && vr > 0 ? cov / Math.sqrt(vl * vr) : 0;
  }

  /**
   * Samples left at p − d/2 and right at p + d/2 (Keys cubic along the axis) with their derivatives;
   * returns {Gauss–Newton step, ZNCC}. The step is NaN without texture.
   */
  private double[] sampleHalfway(GrayF32 left, GrayF32 right, int cx, int cy, int axisStep, double d) {
    double lpos = -d / 2;
    double rpos = d / 2;
    int li = (int) Math.floor(lpos);
    int ri = (int) Math.floor(rpos);
    keys(lpos - li, weights, 0);
    keys(rpos - ri, weights, 4);
    int hw = config.halfWindow();
    int n = 0;
    double ml = 0;
    double mr = 0;
    double mg = 0;
    for (int y = cy - hw; y <= cy + hw; y++) {
      int i = left.indexOf(cx - hw, y);
      for (int x = -hw; x <= hw; x++, i++) {
        double l = 0;
        double r = 0;
        double gl = 0;
        double gr = 0;
        for (int m = -1; m <= 2; m++) {
          float lv = left.data[i + (li + m) * axisStep];
          float rv = right.data[i + (ri + m) * axisStep];
          l += weights[m + 1] * lv;
          r += weights[m + 5] * rv;
          gl += derivative(lpos - li - m) * lv;
          gr += derivative(rpos - ri - m) * rv;
        }
        ls[n] = l;
        rs[n] = r;
        lg[n] = gl;
        rg[n] = gr;
        ml += l;
        mr += r;
        mg += 0.5 * (gl + gr);
        n++;
      }
    }
    ml /= n;
    mr /= n;
    mg /= n;
    double num = 0;
    double den = 0;
    double vl = 0;
    double vr = 0;
    double cov = 0;
    for (int k = 0; k < n; k++) {
      double el = ls[k] - ml;
      double er = rs[k] - mr;
      double j = 0.5 * (lg[k] + rg[k]) - mg;
      double e = er - el;
      num += e * j;
      den += j * j;
      vl += el * el;
      vr += er * er;
      cov += el * er;
    }
    double step = den > 0 ? -num / den : Double.NaN;
    double score = vl > 0 && vr > 0 ? cov / Math.sqrt(vl * vr) : 0;
    return new double[] {step, score};
  }

  /** Keys cubic (a = −1/2) weights of samples −1, 0, 1, 2 for fractional position t ∈ [0, 1). */
  private static void keys(double t, double[] w, int off) {
    w[off] = kernel(t + 1);
    w[off + 1] = kernel(t);
    w[off + 2] = kernel(1 - t);
    w[off + 3] = kernel(2 - t);
  }

  /** Keys cubic convolution kernel, a = −1/2. */
  private static double kernel(double s) {
    double x = Math.abs(s);
    if (x < 1) {
      return (1.5 * x - 2.5) * x * x + 1;
    }
    if (x < 2) {
      return ((-0.5 * x + 2.5) * x - 4) * x + 2;
    }
    return 0;
  }

  /** d/ds of the interpolant's weight for a sample at offset −s, i.e. kernel'(s). */
  private static double derivative(double s) {
    double x = Math.abs(s);
    double sign = s < 0 ? -1 : 1;
    if (x < 1) {
      return sign * (4.5 * x - 5) * x;
    }
    if (x < 2) {
      return sign * ((-1.5 * x + 5) * x - 4);
    }
    return 0;
  }
}
