package org.dpface.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.network.data.ShardSampleSource;
import org.dpface.network.train.DatasetTraining;
import org.dpface.network.train.DpTrainer;
import org.dpface.network.train.TrainConfig;
import org.dpface.network.train.TrainingListener;

/**
 * Trains StereoDP and the two learned baselines (DPNet-like, monocular) briefly on the demo's
 * {@code dataset/} (read from disk) into {@code runs/<model>/}. Step budgets are fixed per mode (so
 * the demo is deterministic), sized to about 5 min of CPU training in total at 48 px crops
 * (measured on 2 cores: 0.12–0.13 s/step for tiny StereoDP, 0.11–0.12 s/step for DPNet and mono at
 * 48 px, batch 4; monitoring adds 4 full-image passes over at most 16 val samples, about 1 s per
 * sample for StereoDP; {@link #STEPS_FULL}), much less with {@code --quick}. Without a dataset (the shards stage has not run) the stage reports
 * itself pending.
 */
final class TrainStage implements Stage {
  /** Models trained, in order. */
  static final List<String> MODELS = List.of("stereodp", "dpnet", "mono");
  /** Steps per model (stereodp, dpnet, mono) for the full demo. */
  static final int[] STEPS_FULL = {1000, 400, 400};
  /** Steps per model for {@code --quick}. */
  static final int[] STEPS_QUICK = {20, 12, 12};
  /** Largest crop side (px). */
  static final int MAX_CROP = 48;

  @Override
  public String id() {
    return "train";
  }

  @Override
  public String title() {
    return "Train StereoDP, DPNet and a monocular baseline briefly on the dataset's train split";
  }

  static boolean hasDataset(DemoContext ctx) {
    return Files.exists(ctx.lab().resolve("dataset").resolve("index.json"));
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    if (!hasDataset(ctx)) {
      return new StageResult(id(), title(), StageResult.PENDING,
          "no dataset/ yet (the shards stage has not produced one)", null, null, null, 0);
    }
    Path dataset = ctx.lab().resolve("dataset");
    int[] crop;
    try (ShardSampleSource train = new ShardSampleSource(dataset, "train")) {
      if (train.size() == 0) {
        return new StageResult(id(), title(), StageResult.PENDING,
            "the dataset's train split is empty (no sample passed QC: see the register stage's exclusions)",
            null, null, null, 0);
      }
      crop = DatasetTraining.defaultCrop(train, MAX_CROP);
    }
    int[] steps = ctx.config().quick() ? STEPS_QUICK : STEPS_FULL;
    Map<String, Object> metrics = new LinkedHashMap<>();
    List<String> pictures = new ArrayList<>();
    StringBuilder summary = new StringBuilder();
    for (int i = 0; i < MODELS.size(); i++) {
      String model = MODELS.get(i);
      TrainConfig cfg = DatasetTraining.defaults(steps[i], crop[0], crop[1], ctx.config().seed());
      Path run = ctx.lab().resolve("runs").resolve(model);
      long t0 = System.nanoTime();
      DpTrainer.Result r = DatasetTraining.train(dataset, model, "tiny", cfg, run, new TrainingListener() {});
      double secs = (System.nanoTime() - t0) / 1e9;
      int ran = Math.max(1, r.endStep() - r.startStep());
      metrics.put(model + " steps", r.endStep());
      metrics.put(model + " s/step", secs / ran);
      if (!r.losses().isEmpty()) {
        metrics.put(model + " final loss", r.losses().get(r.losses().size() - 1));
      }
      Double mae = r.validation().get("dispMae");
      if (mae != null && Double.isFinite(mae)) {
        metrics.put(model + " val disparity MAE (px)", mae);
        metrics.put("constant val disparity MAE (px)", r.validation().get("trivialDispMae"));
      }
      if (Files.exists(run.resolve("curve.png"))) {
        pictures.add("runs/" + model + "/curve.png");
      }
      summary.append(String.format(Locale.ROOT, "%s%s %d steps", i == 0 ? "" : ", ", model, r.endStep()));
    }
    metrics.put("crop (px)", crop[0] + "x" + crop[1]);
    return StageResult.done(this, summary.toString(), metrics, pictures);
  }
}
