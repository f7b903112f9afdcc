package org.dpface.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The truth-based accuracy bounds of every demo stage, in one place: the report's summary table shows each
 * as pass/fail and {@code DemoPipelineTest} asserts them at tiny size, so a bound changes only here and
 * visibly. Each bound names the figure (a key of the stage's metrics) and, in its note, what was measured.
 *
 * <p>A figure that is missing, not a number, NaN or infinite fails its check (a broken stage must show as a
 * failure, never as a number). Checks of {@link Severity#QUALITY} (a briefly trained model against a
 * baseline) are shown but are not accuracy bounds: they do not fail the integration test.
 */
final class AccuracyBounds {
  /** What a failed check means. */
  enum Severity {
    /** A truth-based accuracy bound: failing it is a regression. */
    BOUND,
    /** A model-quality comparison after brief training: reported, not asserted. */
    QUALITY
  }

  /** Verdict of one check on one run. */
  enum Verdict {
    PASS,
    FAIL,
    /** The stage did not run to {@code done} (pending, e.g. validation without a held-out subject). */
    NOT_RUN
  }

  /**
   * One check: {@code metric} of stage {@code stage} compared with {@code bound}, or with the figure {@code
   * boundMetric} of the same stage when that is set; {@code below} says which side passes. With {@code
   * finiteOnly} the figure only has to be a finite number.
   */
  record Check(String stage, String metric, boolean below, double bound, String boundMetric, boolean finiteOnly,
      Severity severity, String note) {
    static Check below(String stage, String metric, double bound, String note) {
      return new Check(stage, metric, true, bound, null, false, Severity.BOUND, note);
    }

    static Check above(String stage, String metric, double bound, String note) {
      return new Check(stage, metric, false, bound, null, false, Severity.BOUND, note);
    }

    static Check finite(String stage, String metric, String note) {
      return new Check(stage, metric, true, Double.NaN, null, true, Severity.BOUND, note);
    }

    static Check belowFigure(String stage, String metric, String other, String note) {
      return new Check(stage, metric, true, Double.NaN, other, false, Severity.QUALITY, note);
    }

    /** The bound as the report shows it, e.g. {@code < 0.3} or {@code < constant dispMae}. */
    String boundText() {
      if (finiteOnly) {
        return "finite";
      }
      String side = below ? "< " : "> ";
      return side + (boundMetric != null ? boundMetric : trim(bound));
    }

    /** This check on {@code r} (null: the stage is not among the results). */
    Outcome evaluate(StageResult r) {
      if (r == null || !StageResult.DONE.equals(r.status())) {
        return new Outcome(this, null, Verdict.NOT_RUN, r == null ? "stage not run" : r.status() + ": " + r.summary());
      }
      Object raw = r.metrics().get(metric);
      Double v = number(raw);
      if (raw == null) {
        return new Outcome(this, null, Verdict.FAIL, "figure missing");
      }
      if (v == null || !Double.isFinite(v)) {
        return new Outcome(this, v, Verdict.FAIL, "not a finite number: " + raw);
      }
      if (finiteOnly) {
        return new Outcome(this, v, Verdict.PASS, "");
      }
      double b = bound;
      if (boundMetric != null) {
        Double other = number(r.metrics().get(boundMetric));
        if (other == null || !Double.isFinite(other)) {
          return new Outcome(this, v, Verdict.FAIL, boundMetric + " is not a finite number");
        }
        b = other;
      }
      boolean ok = below ? v < b : v > b;
      return new Outcome(this, v, ok ? Verdict.PASS : Verdict.FAIL,
          ok ? "" : trim(v) + (below ? " not below " : " not above ") + trim(b));
    }
  }

  /** A check's outcome: the figure (null when missing or not a number), the verdict and why it failed. */
  record Outcome(Check check, Double value, Verdict verdict, String problem) {}

  // Bounds. Measured values are from the quick test (1 subject, seed 7) and the default demo (4 subjects, seed 1).

  /** Render: tessellation sagitta of the quick (subdivision 5) ellipsoid is ~0.02 mm; the median must stay below. */
  static final double RENDER_MEDIAN_MM = 0.03;
  static final double RENDER_P95_MM = 0.08;
  static final double RENDER_NORMAL_P95_DEG = 0.2;
  static final double RENDER_MIN_IOU = 0.995;
  /** Calibration of the 240x320 virtual cameras from rendered boards (measured 0.05-0.14 %, 0.05 deg, 1.5 mm, 0.027 px). */
  static final double CAL_FOCAL_PERCENT = 0.5;
  static final double CAL_ROTATION_DEG = 0.5;
  static final double CAL_CENTRE_MM = 5;
  static final double CAL_RMS_PX = 0.15;
  /** Projectors (Moreno–Taubin from the SL board takes; measured focal 0.11-0.12 %, centre 1.0-1.2 mm, 0.04-0.06 deg). */
  static final double PROJ_FOCAL_PERCENT = 0.5;
  static final double PROJ_CENTRE_MM = 5;
  static final double PROJ_ROTATION_DEG = 0.5;
  /** DP (a, b) against the thin-lens truth (measured a 0.15-0.34 %, disparity 0.010-0.018 px). */
  static final double DP_A_PERCENT = 1.5;
  static final double DP_DISPARITY_PX = 0.06;
  /**
   * Reconstruction from stored frames with the demo's own calibration, aligned to the truth by the device poses,
   * held to the reconstruction issue's targets (median 0.1 mm, p95 0.5 mm): measured worst take 0.063 / 0.175 mm
   * (default demo), 0.065 / 0.192 mm (quick demo's takes); with the true models 0.02-0.04 mm median.
   */
  static final double RECON_MEDIAN_MM = 0.1;
  static final double RECON_P95_MM = 0.5;
  /**
   * The calibration as triangulation uses it ({@code RigConsistency}: true points through the calibrated
   * camera-projector pairs): measured fused median 0.042 mm (default), 0.050 mm (quick demo's takes).
   */
  static final double CAL_CONSISTENCY_MM = 0.1;
  /** Decoded projector (u, v) error (measured median <= 0.063 px, p95 <= 0.141 px). */
  static final double DECODE_MEDIAN_PX = 0.1;
  static final double DECODE_P95_PX = 0.25;
  /** True seen vertices within 1 mm of the fused surface (measured 0.25-0.58; unlit sides count as seen). */
  static final double MIN_COMPLETENESS = 0.2;
  /** Registered depth/normals of included samples vs the true per-view maps (measured 0.29-0.31 / 0.53-0.61 mm, 1.07-1.22 deg). */
  static final double REG_MEDIAN_MM = 1.0;
  static final double REG_P95_MM = 2.0;
  static final double REG_NORMAL_MEDIAN_DEG = 3.0;

  /** Every check, in pipeline order. */
  static final List<Check> ALL = List.of(
      Check.below("render", "depth error median (mm)", RENDER_MEDIAN_MM, "rasterizer vs analytic ellipsoid"),
      Check.below("render", "depth error p95 (mm)", RENDER_P95_MM, "rasterizer vs analytic ellipsoid"),
      Check.below("render", "normal error p95 (deg)", RENDER_NORMAL_P95_DEG, "rasterizer vs analytic ellipsoid"),
      Check.above("render", "silhouette IoU", RENDER_MIN_IOU, "rasterizer vs analytic ellipsoid"),
      Check.below("calibrate", "worst focal error (%)", CAL_FOCAL_PERCENT, "cameras vs rig truth"),
      Check.below("calibrate", "worst rotation error (deg)", CAL_ROTATION_DEG, "cameras vs rig truth"),
      Check.below("calibrate", "worst camera centre error (mm)", CAL_CENTRE_MM, "cameras vs rig truth"),
      Check.below("calibrate", "rig RMS (px)", CAL_RMS_PX, "reprojection"),
      Check.below("calibrate", "worst projector focal error (%)", PROJ_FOCAL_PERCENT, "projectors vs rig truth"),
      Check.below("calibrate", "worst projector rotation error (deg)", PROJ_ROTATION_DEG, "projectors vs rig truth"),
      Check.below("calibrate", "worst projector centre error (mm)", PROJ_CENTRE_MM, "projectors vs rig truth"),
      Check.below("calibrate", "consistency vs truth, fused median (mm)", CAL_CONSISTENCY_MM,
          "true points triangulated through the calibrated camera-projector pairs"),
      Check.below("calibrate", "worst DP a error (%)", DP_A_PERCENT, "DP vs thin-lens truth"),
      Check.below("calibrate", "worst DP disparity error over the plane depths (px)", DP_DISPARITY_PX,
          "DP vs thin-lens truth"),
      Check.below("reconstruct", "fused median, worst take (mm)", RECON_MEDIAN_MM, "fused mesh vs true mesh"),
      Check.below("reconstruct", "fused p95, worst take (mm)", RECON_P95_MM, "fused mesh vs true mesh"),
      Check.below("reconstruct", "decoded (u,v) median, worst take (px)", DECODE_MEDIAN_PX, "decoded vs true projector coordinates"),
      Check.below("reconstruct", "decoded (u,v) p95, worst take (px)", DECODE_P95_PX, "decoded vs true projector coordinates"),
      Check.above("reconstruct", "completeness, worst take", MIN_COMPLETENESS, "true seen vertices within 1 mm"),
      Check.above("register", "included", 0, "samples passing QC"),
      Check.below("register", "registered depth |dZ| median (mm)", REG_MEDIAN_MM, "registered vs true per-view depth"),
      Check.below("register", "registered depth |dZ| p95 (mm)", REG_P95_MM, "registered vs true per-view depth"),
      Check.below("register", "registered normal error median (deg)", REG_NORMAL_MEDIAN_DEG, "registered vs true normals"),
      Check.above("shards", "samples", 0, "samples written and verified"),
      Check.finite("train", "stereodp final loss", "training did not diverge"),
      Check.finite("train", "dpnet final loss", "training did not diverge"),
      Check.finite("train", "mono final loss", "training did not diverge"),
      Check.finite("validate", "stereodp dispMae", "StereoDP scored on held-out subjects"),
      Check.belowFigure("validate", "stereodp dispMae", "constant dispMae", "StereoDP beats the constant-disparity floor"),
      Check.belowFigure("validate", "stereodp dispMae", "dpnet dispMae", "StereoDP beats DPNet"));

  private AccuracyBounds() {}

  /** Every check against {@code results}. */
  static List<Outcome> evaluate(List<StageResult> results) {
    List<Outcome> out = new ArrayList<>();
    for (Check c : ALL) {
      StageResult r = results.stream().filter(x -> x.id().equals(c.stage())).findFirst().orElse(null);
      out.add(c.evaluate(r));
    }
    return out;
  }

  /** The figure as a double; null when it is not a number (a string that does not parse, e.g. a description). */
  static Double number(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      // stage results round-trip through JSON, where NaN and infinities are written as strings
      return switch (s.trim()) {
        case "NaN" -> Double.NaN;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> null;
      };
    }
    return null;
  }

  /** Whether a figure is a failed number (NaN or infinite, as a double or as JSON writes it). */
  static boolean failedNumber(Object v) {
    Double d = number(v);
    return d != null && !Double.isFinite(d);
  }

  /** A bound or figure without trailing zeros: 0.03, 5, 0.2596. */
  static String trim(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return String.valueOf((long) v);
    }
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
  }
}
