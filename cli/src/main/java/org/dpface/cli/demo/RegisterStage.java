package org.dpface.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.dataset.build.BuildListener;
import org.dpface.dataset.build.BuildPlan;
import org.dpface.dataset.build.DatasetBuilder;
import org.dpface.dataset.build.LabBuild;
import org.dpface.dataset.register.RegistrationConfig;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.store.DatasetConfig;
import org.dpface.rigs.RigDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers every take's reconstructed mesh ({@code recon/}) to every DP camera of the capture lab
 * ({@code lab/}), with {@code calibration/calibration.json} when present, runs per-sample QC, scores the
 * registered maps against the virtual rig's truth ({@code truth/}) and streams the passing samples into the
 * dataset ({@code dataset/}) in the same pass: the path {@code dpface dataset build} takes ({@link LabBuild},
 * full build), so each view is registered once and each DP pair read once. Writes the registration/QC
 * outcome to {@value #PLAN} and a registered-vs-true picture of one included view to {@value #PICTURE}; the
 * shards stage verifies and describes the dataset.
 */
final class RegisterStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(RegisterStage.class);
  /** The registration/QC outcome, relative to the demo directory. */
  static final String PLAN = "register/registration.json";
  /** Registered depth | true depth | error | registered normals | true normals of one included view. */
  static final String PICTURE = "register/registered-vs-truth.png";

  @Override
  public String id() {
    return "register";
  }

  @Override
  public String title() {
    return "Register the reconstructed meshes to every DP view, QC each sample, score against truth, write the samples";
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    Path root = ctx.lab();
    Path lab = root.resolve(CaptureStage.LAB);
    Path calFile = root.resolve(ReconstructStage.CALIBRATION);
    Path calibration = Files.isRegularFile(calFile) ? calFile : null;
    Path truth = root.resolve(CaptureStage.TRUTH);
    Path recon = root.resolve(ReconstructStage.RECON);
    RigDescription rig = DatasetBuilder.labRig(lab);
    int[] size = DatasetBuilder.defaultSampleSize(rig);
    RegistrationConfig cfg = RegistrationConfig.defaults(size[0], size[1]);
    DatasetConfig base = DatasetConfig.defaults(new SampleShape(size[1], size[0], 1),
        LabBuild.dpAxis(rig), "dpface-demo", Instant.now()).withSeed(ctx.config().seed());
    LabBuild.Result built = LabBuild.build(new DatasetBuilder.Inputs(lab, recon, calibration,
        Files.isDirectory(truth) ? truth : null), cfg, base, root.resolve(ShardsStage.DATASET), true, new Progress());
    BuildPlan plan = built.registered();
    DatasetBuilder.writePlan(ctx.file(PLAN), plan);
    List<BuildPlan.PlannedSample> included = plan.included();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("candidate samples (take x camera x lamp)", plan.samples().size());
    m.put("included", included.size());
    m.put("excluded by QC", plan.exclusions().size());
    plan.exclusions().stream().limit(3).forEach(e -> m.put("excluded " + e.sampleId(), e.reason()));
    m.put("sample size (W x H)", size[0] + " x " + size[1]);
    m.put("camera sources", String.join("; ", plan.provenance()));
    m.put("samples written to " + ShardsStage.DATASET + "/", built.index().samples().size());
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
      m.put("views scored against truth", t.views());
      summary += String.format(Locale.ROOT, "; vs truth |dZ| median %.3f mm, p95 %.3f mm, normals median %.2f deg", t.depthMedianMm(),
          t.depthP95Mm(), t.normalMedianDeg());
    }
    List<String> pictures = new ArrayList<>();
    if (!included.isEmpty() && t != null) {
      BuildPlan.PlannedSample s = included.get(0);
      if (RegistrationPicture.write(ctx.file(PICTURE), s, rig, calibration, recon, truth, cfg)) {
        pictures.add(PICTURE);
        m.put("picture", s.sessionId() + "/" + s.takeId() + " " + s.cameraId() + ": registered depth | true depth | "
            + "registered - true depth (±" + RegistrationPicture.DEPTH_ERROR_RANGE_MM + " mm) | registered normals | true normals");
      }
    }
    return StageResult.done(this, summary, m, pictures);
  }

  /** One log line per take. */
  private static final class Progress implements BuildListener {
    @Override
    public void takeStarted(String takeKey, int index, int count, boolean reused) {
      LOG.info("register: {} ({}/{})", takeKey, index, count);
    }
  }
}
