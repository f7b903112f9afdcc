package org.dpface.network.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.network.data.DpAugmentation;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.SampleSource;
import org.dpface.network.data.ShardSampleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one network on a dpface dataset directory: the {@code train} split through
 * {@link ShardSampleSource}, monitored on at most {@value #MONITOR_MAX} evenly spaced {@code val}
 * samples (or, when the dataset has no validation subjects, on {@value #FALLBACK_VAL} training
 * samples, with a warning). A new run writes
 * {@code run.json} with the disparity range of the training ground truth widened by
 * {@value #DISPARITY_MARGIN_PX} px; an existing run directory resumes with its own {@code run.json}
 * (model and range), only the step total taken from the request.
 */
public final class DatasetTraining {
  /** Margin (px) added on both sides of the training disparity range. */
  public static final double DISPARITY_MARGIN_PX = 1.0;
  /**
   * Most val samples monitored during training (evenly spaced over the split): monitoring is a
   * full-image forward pass per sample every {@code validateEvery} steps, which on the demo's 86 val
   * samples cost StereoDP seven times its 400 training steps. Held-out scores come from
   * {@code dpface validate}, which uses the whole split.
   */
  public static final int MONITOR_MAX = 16;
  /** Training samples used for monitoring when there is no val split. */
  public static final int FALLBACK_VAL = 4;
  private static final Logger LOG = LoggerFactory.getLogger(DatasetTraining.class);

  private DatasetTraining() {}

  /**
   * The default crop (px, after turning the split axis along the width): the sample size capped at
   * {@code maxSide}, rounded down to {@link TrainRun#CROP_MULTIPLE}; {height, width}.
   */
  public static int[] defaultCrop(SampleSource train, int maxSide) throws IOException {
    DpSample s = train.get(0).splitAlongWidth();
    int m = TrainRun.CROP_MULTIPLE;
    int h = Math.min(s.height(), maxSide) / m * m;
    int w = Math.min(s.width(), maxSide) / m * m;
    if (h < m || w < m) {
      throw new IllegalArgumentException("samples of " + s.width() + "x" + s.height() + " are too small to train on");
    }
    return new int[] {h, w};
  }

  /**
   * A training config with the defaults of {@code dpface train}: batch 4, Adam 3e-3 halved at 3/4 of
   * the steps, normal weight 0.2, checkpoints every min(steps, 50) steps, 4 validations,
   * {@link DpAugmentation#defaults()}.
   */
  public static TrainConfig defaults(int steps, int cropHeight, int cropWidth, long seed) {
    return new TrainConfig(steps, 4, cropWidth, cropHeight, 3e-3f, Math.max(1, steps * 3 / 4), 0.5f,
        0.2f, seed, Math.min(steps, 50), Math.max(1, steps / 4), DpAugmentation.defaults());
  }

  /**
   * Trains (or resumes) {@code model} ({@link TrainRun#MODELS}) on {@code dataset} into
   * {@code runDir}.
   */
  public static DpTrainer.Result train(Path dataset, String model, String variant, TrainConfig config,
      Path runDir, TrainingListener listener) throws IOException {
    try (ShardSampleSource train = new ShardSampleSource(dataset, "train");
        ShardSampleSource val = new ShardSampleSource(dataset, "val")) {
      if (train.size() == 0) {
        throw new IllegalArgumentException(dataset + " has no training samples");
      }
      TrainRun run;
      if (Files.exists(runDir.resolve(TrainRun.FILE))) {
        TrainRun old = TrainRun.read(runDir);
        if (!old.model().equals(model)) {
          throw new IllegalArgumentException(runDir + " holds a " + old.model() + " run, not " + model);
        }
        run = new TrainRun(old.model(), old.variant(), old.minDisparityPx(), old.maxDisparityPx(),
            old.config().withSteps(config.steps()), old.dataset());
        LOG.info("resuming {} in {}", run, runDir);
      } else {
        double[] range = TrainRun.disparityRange(train, DISPARITY_MARGIN_PX);
        run = new TrainRun(model, variant, range[0], range[1], config, dataset.toString());
      }
      run.write(runDir);
      SampleSource monitor = evenlySpaced(val, MONITOR_MAX);
      if (val.size() == 0) {
        LOG.warn("{} has no val split: monitoring on {} training samples", dataset, FALLBACK_VAL);
        monitor = evenlySpaced(train, FALLBACK_VAL);
      }
      return run.trainer(listener).train(train, monitor, runDir);
    }
  }

  /**
   * At most {@code n} samples of {@code s}, evenly spaced over its index order (all of them when it
   * has no more than n): sample i of the view is sample ⌊i·size/n⌋.
   */
  static SampleSource evenlySpaced(SampleSource s, int n) {
    int size = Math.min(n, s.size());
    int total = s.size();
    return new SampleSource() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public DpSample get(int index) throws IOException {
        return s.get((int) ((long) java.util.Objects.checkIndex(index, size) * total / size));
      }
    };
  }
}
