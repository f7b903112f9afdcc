package org.dpface.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dpface.cli.Dpface;
import org.dpface.network.data.DpAugmentation;
import org.dpface.network.data.ShardSampleSource;
import org.dpface.network.train.DatasetTraining;
import org.dpface.network.train.DpTrainer;
import org.dpface.network.train.TrainConfig;
import org.dpface.network.train.TrainRun;
import org.dpface.network.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpface train}: trains StereoDP or a baseline on a dataset's train split. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a DP depth/normal network on DATASET's train split (monitored on val) into RUN:",
      "run.json, checkpoint/, metrics.jsonl, curve.png. An existing RUN resumes at its last checkpoint."
    })
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset directory (dpface dataset format).")
  Path dataset;

  @Option(names = "--model", defaultValue = "stereodp", paramLabel = "NAME",
      description = "stereodp, dpnet, mono or crossmodal (normals only) (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--variant", defaultValue = "tiny", paramLabel = "SIZE",
      description = "tiny or reference widths (default: ${DEFAULT-VALUE}).")
  String variant;

  @Option(names = "--out", required = true, paramLabel = "RUN", description = "Run directory.")
  Path out;

  @Option(names = "--steps", defaultValue = "300", description = "Total optimisation steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--crop", paramLabel = "H,W", split = ",",
      description = "Random crop (multiples of 4; default: the sample size capped at 64).")
  int[] crop;

  @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-augment",
      description = "Train without photometric / flip augmentation (default: DpAugmentation.defaults()).")
  boolean noAugment;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!TrainRun.MODELS.contains(model)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--model must be one of " + TrainRun.MODELS + ", got " + model);
    }
    if (crop != null && crop.length != 2) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--crop takes H,W");
    }
    int[] hw = crop;
    if (hw == null) {
      try (ShardSampleSource train = new ShardSampleSource(dataset, "train")) {
        hw = DatasetTraining.defaultCrop(train, 64);
      }
    }
    TrainConfig config = DatasetTraining.defaults(steps, hw[0], hw[1], seed);
    if (noAugment) {
      config = config.withAugmentation(DpAugmentation.none());
    }
    PrintWriter err = spec.commandLine().getErr();
    int every = Math.max(1, steps / 10);
    TrainingListener progress = new TrainingListener() {
      @Override
      public void onStep(int step, int total, double loss, double seconds) {
        if ((step + 1) % every == 0 || step + 1 == total) {
          err.printf(Locale.ROOT, "step %d/%d loss %.4f (%.2f s/step)%n", step + 1, total, loss, seconds);
          err.flush();
        }
      }
    };
    long t0 = System.nanoTime();
    DpTrainer.Result r = DatasetTraining.train(dataset, model, variant, config, out, progress);
    double secs = (System.nanoTime() - t0) / 1e9;
    PrintWriter o = spec.commandLine().getOut();
    int ran = r.endStep() - r.startStep();
    o.printf(Locale.ROOT, "%s: steps %d..%d in %.1f s (%.3f s/step) -> %s%n", model, r.startStep(),
        r.endStep(), secs, ran == 0 ? 0.0 : secs / ran, out);
    Map<String, Double> v = r.validation();
    if ("crossmodal".equals(model)) {
      o.printf(Locale.ROOT, "val: normal mean angle %.3f deg (normals only: no disparity or depth)%n",
          v.getOrDefault("normalMeanDeg", Double.NaN));
    } else if (v.containsKey("dispMae")) {
      o.printf(Locale.ROOT, "val: disparity MAE %.4f px (constant %.4f px), AbsRel %.5f%n",
          v.get("dispMae"), v.get("trivialDispMae"), v.getOrDefault("absRel", Double.NaN));
    }
    o.flush();
    return Dpface.EXIT_OK;
  }
}
