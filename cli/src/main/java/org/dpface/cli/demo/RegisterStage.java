package org.dpface.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.dataset.build.BuildPlan;
import org.dpface.dataset.build.DatasetBuilder;
import org.dpface.dataset.register.RegistrationConfig;

/**
 * Registers every take's reconstructed mesh ({@code recon/}) to every DP camera of the capture lab
 * ({@code lab/}), with {@code calibration/calibration.json} when present, runs per-sample QC and scores
 * the registered maps against the virtual rig's truth ({@code truth/}). Writes {@value #PLAN}; the
 * shards stage reads it from there.
 */
final class RegisterStage implements Stage {
  /** The registration/QC plan, relative to the demo directory. */
  static final String PLAN = "register/registration.json";

  @Override
  public String id() {
    return "register";
  }

  @Override
  public String title() {
    return "Register the reconstructed meshes to every DP view, QC each sample, score against truth";
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    Path root = ctx.lab();
    Path lab = root.resolve("lab");
    Path calibration = root.resolve("calibration/calibration.json");
    Path truth = root.resolve("truth");
    int[] size = DatasetBuilder.defaultSampleSize(DatasetBuilder.labRig(lab));
    RegistrationConfig cfg = RegistrationConfig.defaults(size[0], size[1]);
    BuildPlan plan = DatasetBuilder.plan(new DatasetBuilder.Inputs(lab, root.resolve("recon"),
        Files.isRegularFile(calibration) ? calibration : null, Files.isDirectory(truth) ? truth : null), cfg);
    DatasetBuilder.writePlan(ctx.file(PLAN), plan);
    List<BuildPlan.PlannedSample> included = plan.included();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("candidate samples (take x camera x lamp)", plan.samples().size());
    m.put("included", included.size());
    m.put("excluded by QC", plan.exclusions().size());
    plan.exclusions().stream().limit(3).forEach(e -> m.put("excluded " + e.sampleId(), e.reason()));
    m.put("sample size (W x H)", size[0] + " x " + size[1]);
    m.put("camera sources", String.join("; ", plan.provenance()));
    double[] err = plan.samples().stream().mapToDouble(BuildPlan.PlannedSample::disparityErrorPx).filter(Double::isFinite).sorted().toArray();
    double[] bias = plan.samples().stream().mapToDouble(BuildPlan.PlannedSample::disparityBiasPx).filter(Double::isFinite).sorted().toArray();
    if (err.length > 0) {
      m.put("DP disparity vs GT: median |error| over samples (px)", err[err.length / 2]);
      m.put("DP disparity vs GT: median bias over samples (px)", bias[bias.length / 2]);
    }
    String summary = plan.samples().size() + " candidate samples, " + included.size() + " pass QC";
    BuildPlan.TruthScore t = plan.truthScore();
    if (t != null) {
      m.put("registered depth |dZ| median (mm)", t.depthMedianMm());
      m.put("registered depth |dZ| p95 (mm)", t.depthP95Mm());
      m.put("registered normal error median (deg)", t.normalMedianDeg());
      m.put("registered normal error p95 (deg)", t.normalP95Deg());
      m.put("mask IoU vs truth", t.maskIou());
      summary += String.format(Locale.ROOT, "; vs truth |dZ| median %.3f mm, p95 %.3f mm, normals median %.2f deg", t.depthMedianMm(),
          t.depthP95Mm(), t.normalMedianDeg());
    }
    return StageResult.done(this, summary, m, List.of());
  }
}
