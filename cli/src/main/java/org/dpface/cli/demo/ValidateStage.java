package org.dpface.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.network.data.ShardSampleSource;
import org.dpface.network.validate.DatasetValidation;
import org.dpface.network.validate.Validator;

/**
 * Validates the demo's trained runs ({@code runs/<model>/}, read from disk) on the held-out subjects
 * of {@code dataset/} (the {@code test} split, or {@code val} when test is empty) against the
 * constant-disparity floor; writes {@code validation/} (metrics.json, metrics.md, metrics.html,
 * pictures/). Pending when there is no dataset or no trained run.
 */
final class ValidateStage implements Stage {
  /** Samples that get comparison pictures. */
  static final int PICTURES = 3;
  /** Metrics copied into the stage result per model. */
  static final List<String> HEADLINE = List.of("dispMae", "absRel", "absDiff", "delta1.01^2", "normalMeanDeg");

  @Override
  public String id() {
    return "validate";
  }

  @Override
  public String title() {
    return "Validate on held-out subjects against DPNet, monocular and constant-disparity baselines";
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    List<Path> runs = new ArrayList<>();
    for (String m : TrainStage.MODELS) {
      Path run = ctx.lab().resolve("runs").resolve(m);
      if (Files.exists(run.resolve("checkpoint").resolve("state.json"))) {
        runs.add(run);
      }
    }
    if (!TrainStage.hasDataset(ctx) || runs.isEmpty()) {
      return new StageResult(id(), title(), StageResult.PENDING,
          "no dataset/ or no trained run yet", null, null, null, 0);
    }
    Path dataset = ctx.lab().resolve("dataset");
    String split = "test";
    try (ShardSampleSource test = new ShardSampleSource(dataset, "test");
        ShardSampleSource val = new ShardSampleSource(dataset, "val")) {
      if (test.size() == 0) {
        split = "val";
      }
      if (test.size() == 0 && val.size() == 0) {
        return new StageResult(id(), title(), StageResult.PENDING,
            "no held-out subject: every subject that kept samples after QC is in train (a val and a test subject need"
                + " at least 3 such subjects; run with more --subjects)", null, null, null, 0);
      }
    }
    Validator.Report r = DatasetValidation.validate(runs, dataset, split, ctx.lab().resolve("validation"), PICTURES);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("split", split);
    metrics.put("samples", r.samples());
    StringBuilder summary = new StringBuilder("disparity MAE (px):");
    for (Validator.ModelResult m : r.models()) {
      Map<String, Double> o = m.metrics().overall();
      for (String k : HEADLINE) {
        Double v = o.get(k);
        if (v != null && Double.isFinite(v)) {
          metrics.put(m.name() + " " + k, v);
        }
      }
      metrics.put(m.name() + " s/sample", m.secondsPerSample());
      summary.append(String.format(Locale.ROOT, " %s %.3f", m.name(), o.get("dispMae")));
    }
    metrics.put("table", "validation/metrics.md");
    List<String> pictures = new ArrayList<>();
    r.pictures().forEach(p -> pictures.add("validation/" + p));
    return StageResult.done(this, summary.toString(), metrics, pictures);
  }
}
