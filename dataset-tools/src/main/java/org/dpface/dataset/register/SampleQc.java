package org.dpface.dataset.register;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.rigs.SplitAxis;
import org.dpface.rigs.virtual.optics.DpDisparityEstimator;

/**
 * Per-sample QC of a {@link RegisteredView} against the DP pair it will be stored with.
 *
 * <p>Checks, all over the sample crop:
 * <ol>
 *   <li>coverage: the face region is the set of pixels whose DP sum L + R exceeds
 *       {@link RegistrationConfig#faceThreshold()} × its 95th percentile (the lit subject, not the dark
 *       background); at least {@link RegistrationConfig#minValidFraction()} of it must have depth;
 *   <li>depth range: every registered depth within [minDepthMm, maxDepthMm];
 *   <li>DP agreement: {@link DpDisparityEstimator} on the pair at windows every
 *       {@link RegistrationConfig#dpGridStep()} px whose whole window has registered depth, confident
 *       ones (ZNCC ≥ dpMinConfidence) compared with d = a / Z + b at the window centre; the median
 *       |difference| must stay ≤ maxDisparityErrorPx and the median signed difference (bias) within
 *       ±maxDisparityBiasPx. A mesh displaced along the view axis by ΔZ shifts every prediction by about
 *       −a·ΔZ/Z² px (0.0057 px/mm for virtual-8cam binned 4× at 900 mm); the estimator's own offset on
 *       shaded faces (−0.04 … −0.10 px, up to ±0.2 px on oblique views, measured against the virtual
 *       rig's truth) sets the default limits, so the check catches gross misregistration (≳ 25–35 mm),
 *       not millimetres (see the module README for the figures);
 *   <li>exposure: the fraction of valid pixels at or above the clip level (the recorded sensor depth's maximum,
 *       2^bits − 1, else clipDn) in either half ≤ maxClippedFraction.
 * </ol>
 * Holds estimator buffers: one instance per thread.
 */
public final class SampleQc {
  private final RegistrationConfig config;
  private final DpDisparityEstimator estimator;
  private final GrayF32 leftF = new GrayF32(1, 1);
  private final GrayF32 rightF = new GrayF32(1, 1);

  public SampleQc(RegistrationConfig config) {
    this.config = config;
    this.estimator = new DpDisparityEstimator(
        new DpDisparityEstimator.Config(config.dpHalfWindow(), config.dpMaxDisparityPx(), 30));
  }

  /** Runs every check on {@code view} with its DP pair (the camera's full images); clipping at the config's level. */
  public QcResult check(RegisteredView view, GrayU16 left, GrayU16 right, SplitAxis axis) {
    return check(view, left, right, axis, OptionalInt.empty());
  }

  /**
   * Runs every check; a pixel counts as clipped at the sensor's maximum 2^bits − 1 when the take recorded its
   * depth ({@code sensorBits}), else at the config's {@code clipDn} (the virtual cameras' 14 bits).
   */
  public QcResult check(RegisteredView view, GrayU16 left, GrayU16 right, SplitAxis axis, OptionalInt sensorBits) {
    int clipDn = sensorBits.isPresent() ? (1 << sensorBits.getAsInt()) - 1 : config.clipDn();
    Crop c = view.crop();
    int w = view.depth().width();
    List<String> failures = new ArrayList<>();
    // coverage of the face region
    int n = c.width() * c.height();
    float[] sum = new float[n];
    for (int y = 0; y < c.height(); y++) {
      for (int x = 0; x < c.width(); x++) {
        sum[y * c.width() + x] = left.get(c.x0() + x, c.y0() + y) + right.get(c.x0() + x, c.y0() + y);
      }
    }
    float[] sorted = sum.clone();
    Arrays.sort(sorted);
    double threshold = config.faceThreshold() * sorted[Math.min(n - 1, (int) Math.floor(0.95 * n))];
    int face = 0;
    int faceValid = 0;
    int valid = 0;
    int clipped = 0;
    double zMin = Double.POSITIVE_INFINITY;
    double zMax = Double.NEGATIVE_INFINITY;
    for (int y = 0; y < c.height(); y++) {
      for (int x = 0; x < c.width(); x++) {
        int u = c.x0() + x;
        int v = c.y0() + y;
        boolean ok = view.mask().data[v * w + u] != 0;
        if (sum[y * c.width() + x] > threshold) {
          face++;
          faceValid += ok ? 1 : 0;
        }
        if (ok) {
          valid++;
          double z = view.depth().data[v * w + u];
          zMin = Math.min(zMin, z);
          zMax = Math.max(zMax, z);
          if (left.get(u, v) >= clipDn || right.get(u, v) >= clipDn) {
            clipped++;
          }
        }
      }
    }
    double validFraction = face == 0 ? 0 : (double) faceValid / face;
    if (validFraction < config.minValidFraction()) {
      failures.add(String.format(Locale.ROOT, "valid fraction %.3f of the face region < %.3f", validFraction, config.minValidFraction()));
    }
    if (valid == 0) {
      zMin = Double.NaN;
      zMax = Double.NaN;
      failures.add("no registered depth in the crop");
    } else if (zMin < config.minDepthMm() || zMax > config.maxDepthMm()) {
      failures.add(String.format(Locale.ROOT, "depth range [%.1f, %.1f] mm outside [%.1f, %.1f] mm", zMin, zMax,
          config.minDepthMm(), config.maxDepthMm()));
    }
    double clippedFraction = valid == 0 ? 0 : (double) clipped / valid;
    if (clippedFraction > config.maxClippedFraction()) {
      failures.add(String.format(Locale.ROOT, "%.3f of valid pixels clipped (>= %d DN) > %.3f", clippedFraction, clipDn,
          config.maxClippedFraction()));
    }
    double[] disp = disparity(view, left, right, axis);
    int windows = (int) disp[0];
    if (windows < config.minDisparityWindows()) {
      failures.add("only " + windows + " confident DP windows (< " + config.minDisparityWindows() + ")");
    } else {
      if (!(disp[1] <= config.maxDisparityErrorPx())) {
        failures.add(String.format(Locale.ROOT, "DP disparity disagrees with the registered depth: median |error| %.3f px > %.3f px"
            + " (%d windows)", disp[1], config.maxDisparityErrorPx(), windows));
      }
      if (!(Math.abs(disp[2]) <= config.maxDisparityBiasPx())) {
        failures.add(String.format(Locale.ROOT, "DP disparity is biased against the registered depth: median error %+.3f px,"
            + " |bias| > %.3f px (%d windows): misregistered along the view axis?", disp[2], config.maxDisparityBiasPx(), windows));
      }
    }
    return new QcResult(validFraction, zMin, zMax, windows, disp[1], disp[2], clippedFraction, failures);
  }

  /** {windows, median |error|, median signed error}. */
  private double[] disparity(RegisteredView view, GrayU16 left, GrayU16 right, SplitAxis axis) {
    toFloat(left, leftF);
    toFloat(right, rightF);
    Crop c = view.crop();
    int w = view.depth().width();
    int r = config.dpHalfWindow();
    int step = config.dpGridStep();
    List<Double> abs = new ArrayList<>();
    List<Double> signed = new ArrayList<>();
    for (int cy = c.y0() + r; cy < c.y0() + c.height() - r; cy += step) {
      for (int cx = c.x0() + r; cx < c.x0() + c.width() - r; cx += step) {
        if (!windowValid(view, cx, cy, r, w)) {
          continue;
        }
        DpDisparityEstimator.Estimate e = estimator.estimate(leftF, rightF, axis, cx, cy);
        if (!e.isValid() || e.confidence() < config.dpMinConfidence()) {
          continue;
        }
        double predicted = view.dpA() / view.depth().data[cy * w + cx] + view.dpB();
        double d = e.disparityPx() - predicted;
        abs.add(Math.abs(d));
        signed.add(d);
      }
    }
    return new double[] {abs.size(), median(abs), median(signed)};
  }

  private static boolean windowValid(RegisteredView view, int cx, int cy, int r, int w) {
    for (int y = cy - r; y <= cy + r; y++) {
      for (int x = cx - r; x <= cx + r; x++) {
        if (view.mask().data[y * w + x] == 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static void toFloat(GrayU16 in, GrayF32 out) {
    out.reshape(in.width(), in.height());
    for (int y = 0; y < in.height(); y++) {
      for (int x = 0; x < in.width(); x++) {
        out.data[out.indexOf(x, y)] = in.get(x, y);
      }
    }
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    int m = a.length / 2;
    return a.length % 2 == 1 ? a[m] : 0.5 * (a[m - 1] + a[m]);
  }
}
