package org.dpface.bench;

import static org.dpface.bench.BenchStats.max;
import static org.dpface.bench.BenchStats.median;
import static org.dpface.bench.BenchStats.min;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dpface.dataset.build.DatasetBuilder;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.SampleSource;
import org.dpface.network.data.ShardSampleSource;
import org.dpface.network.data.SyntheticDpSource;
import org.dpface.network.train.DatasetTraining;
import org.dpface.network.train.TrainConfig;
import org.dpface.network.train.TrainRun;
import org.dpface.network.train.TrainingListener;
import org.dpface.network.validate.TrainedPredictor;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.RigBinning;

/**
 * Training step time and inference time per sample of every model ({@link TrainRun#MODELS}, tiny widths) at the
 * demo's sizes, through the code the demo runs: {@code DpTrainer} (via {@link TrainRun#trainer}) with
 * {@link DatasetTraining#defaults} (batch 4, Adam, augmentation) on crops of {@link DatasetTraining#defaultCrop}
 * capped at 48 px (the demo's {@code TrainStage.MAX_CROP}), then {@link TrainedPredictor} on the run's checkpoint,
 * one full sample at a time as validation runs it.
 *
 * <p>Samples: by default {@link SyntheticDpSource} windows of the demo rig's camera (virtual-8cam binned 2x2) at
 * the dataset's sample size ({@link DatasetBuilder#defaultSampleSize}: 240 x 320, portrait, vertical split, so the
 * networks see 320 wide), rendered once and held in memory; with {@code --dataset DIR} the {@code train} split of a
 * dpface dataset (e.g. the demo's {@code lab/dataset}) read through {@link ShardSampleSource} as the demo reads it.
 *
 * <p>Per step, on the training thread: wall time and thread CPU time between consecutive
 * {@link TrainingListener#onStep} calls (data: batch sampling, crop, augmentation, tensors; forward, loss,
 * backward, Adam; the metrics log line), median over the steps after {@value #WARMUP} warm-up steps; checkpoints and
 * validation are set to run only after the last step, outside the timed steps. Per inference: wall and thread CPU
 * time of {@code TrainedPredictor.predict} (inputs to tensors, inference forward, outputs to host arrays).
 * DJL runs on CPU with {@code --threads} intra-op threads (default 1) and 1 inter-op thread.
 *
 * <p>Usage: {@code ModelStepTimes [steps] [--threads N] [--models stereodp,dpnet,mono,crossmodal] [--crop 48]
 * [--infer 5] [--samples 6] [--dataset DIR]}.
 */
public final class ModelStepTimes {
  private static final int WARMUP = 2;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private ModelStepTimes() {}

  public static void main(String[] args) throws Exception {
    int steps = 12;
    int threads = 1;
    int maxCrop = 48;
    int inferences = 5;
    int samples = 6;
    Path dataset = null;
    List<String> models = TrainRun.MODELS;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--models" -> models = List.of(args[++i].split(","));
        case "--crop" -> maxCrop = Integer.parseInt(args[++i]);
        case "--infer" -> inferences = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--dataset" -> dataset = Path.of(args[++i]);
        default -> steps = Integer.parseInt(args[i]);
      }
    }
    if (steps <= WARMUP || inferences < 1) {
      throw new IllegalArgumentException("need more than " + WARMUP + " steps and at least 1 inference");
    }
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");

    SampleSource source;
    String what;
    if (dataset != null) {
      source = new ShardSampleSource(dataset, "train");
      what = "dataset " + dataset + " (train split, " + source.size() + " samples)";
    } else {
      RigDescription rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), 2);
      CameraSpec cam = rig.cameras().get(0);
      int[] size = DatasetBuilder.defaultSampleSize(rig);
      source = new SyntheticDpSource(cam, size[0], size[1], samples, 11, 800, 1200);
      for (int i = 0; i < source.size(); i++) {
        source.get(i); // render outside the timed steps
      }
      what = samples + " synthetic samples of " + size[0] + " x " + size[1] + " (" + rig.id() + " binned 2x2, "
          + cam.id() + ")";
    }
    DpSample first = source.get(0).splitAlongWidth();
    int[] crop = DatasetTraining.defaultCrop(source, maxCrop);
    double[] range = TrainRun.disparityRange(source, DatasetTraining.DISPARITY_MARGIN_PX);
    TrainConfig base = DatasetTraining.defaults(steps, crop[0], crop[1], 1);
    System.out.printf(Locale.ROOT, "%s; networks see %d x %d (H x W, split along W); training crops %d x %d, batch %d;"
            + " disparity [%.2f, %.2f] px; DJL on CPU, %d intra-op thread(s); %d steps (median of the last %d),"
            + " %d inferences%n", what, first.height(), first.width(), crop[0], crop[1], base.batchSize(), range[0],
        range[1], threads, steps, steps - WARMUP, inferences);

    List<String[]> rows = new ArrayList<>();
    for (String model : models) {
      TrainConfig cfg = new TrainConfig(steps, base.batchSize(), base.cropWidth(), base.cropHeight(),
          base.learningRate(), base.lrStepSize(), base.lrGamma(), base.normalWeight(), base.seed(), steps, steps,
          base.augmentation());
      TrainRun run = new TrainRun(model, "tiny", range[0], range[1], cfg, what);
      Path dir = Files.createTempDirectory("dpface-model-times-" + model);
      try {
        double[][] step = train(run, source, dir);
        double[][] infer = infer(dir, source, inferences, first.width() / run.stride() * run.stride(),
            first.height() / run.stride() * run.stride());
        long params = parameterCount(run);
        String[] row = {model, Long.toString(params), f(median(step[0])), f(median(step[1])), f(median(infer[0])),
            f(median(infer[1])), f(min(infer[1])) + " .. " + f(max(infer[1]))};
        rows.add(row);
        System.out.printf(Locale.ROOT, "%-10s step %s ms wall, %s ms CPU; inference %s ms wall, %s ms CPU [%s]%n",
            model, row[2], row[3], row[4], row[5], row[6]);
      } finally {
        deleteTree(dir);
      }
    }
    System.out.printf("%n| model | parameters | train step ms (wall) | train step ms (CPU) | inference ms / sample"
        + " (wall) | inference ms / sample (CPU) | CPU min .. max |%n|---|---:|---:|---:|---:|---:|---|%n");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
  }

  /** Runs the trainer; {wall ms per timed step, thread CPU ms per timed step}. */
  private static double[][] train(TrainRun run, SampleSource source, Path dir) throws IOException {
    int steps = run.config().steps();
    double[] wall = new double[steps];
    double[] cpu = new double[steps];
    long[] last = {System.nanoTime(), CPU.getCurrentThreadCpuTime()};
    Thread trainer = Thread.currentThread();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onStep(int step, int totalSteps, double loss, double seconds) {
        if (Thread.currentThread() != trainer) {
          throw new IllegalStateException("onStep off the training thread: CPU time would be wrong");
        }
        long now = System.nanoTime();
        long c = CPU.getCurrentThreadCpuTime();
        wall[step] = (now - last[0]) / 1e6;
        cpu[step] = (c - last[1]) / 1e6;
        last[0] = now;
        last[1] = c;
        if (!Double.isFinite(loss)) {
          System.out.printf(Locale.ROOT, "  %s: loss %s at step %d (timing still valid)%n", run.model(), loss, step);
        }
      }
    };
    run.write(dir);
    // the first step's interval also holds model creation and initialisation: it is a warm-up step
    last[0] = System.nanoTime();
    last[1] = CPU.getCurrentThreadCpuTime();
    run.trainer(listener).train(source, firstOf(source), dir);
    return new double[][] {Arrays.copyOfRange(wall, WARMUP, steps), Arrays.copyOfRange(cpu, WARMUP, steps)};
  }

  /** Loads the checkpoint and predicts full samples; {wall ms, thread CPU ms} per timed inference. */
  private static double[][] infer(Path dir, SampleSource source, int n, int w, int h) throws IOException {
    double[] wall = new double[n];
    double[] cpu = new double[n];
    try (TrainedPredictor p = TrainedPredictor.load(dir)) {
      for (int i = -WARMUP; i < n; i++) {
        DpSample s = source.get(Math.floorMod(i, source.size())).splitAlongWidth().crop(0, 0, w, h);
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        p.predict(s);
        if (i >= 0) {
          wall[i] = (System.nanoTime() - t0) / 1e6;
          cpu[i] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
        }
      }
    }
    return new double[][] {wall, cpu};
  }

  /** Parameters of the run's network, initialised at the training input shapes as {@code DpTrainer} does. */
  private static long parameterCount(TrainRun run) {
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
      ai.djl.nn.Block block = run.blockFactory().get();
      TrainConfig c = run.config();
      ai.djl.ndarray.types.Shape img = new ai.djl.ndarray.types.Shape(c.batchSize(), 1, c.cropHeight(), c.cropWidth());
      ai.djl.ndarray.types.Shape coeffs = new ai.djl.ndarray.types.Shape(c.batchSize(), 2);
      ai.djl.ndarray.types.Shape k = new ai.djl.ndarray.types.Shape(c.batchSize(), 4);
      if (org.dpface.network.model.DpNetOutputs.predictsDepth(block)) {
        block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, img, img, coeffs, k);
      } else {
        block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, img, img, coeffs, k,
            new ai.djl.ndarray.types.Shape(c.batchSize(), 3, c.cropHeight(), c.cropWidth()));
      }
      long n = 0;
      for (var p : block.getParameters()) {
        n += p.getValue().getArray().size();
      }
      return n;
    }
  }

  /** One sample of the training source as the (untimed) end-of-run validation source. */
  private static SampleSource firstOf(SampleSource s) {
    return new SampleSource() {
      @Override
      public int size() {
        return 1;
      }

      @Override
      public DpSample get(int index) throws IOException {
        return s.get(java.util.Objects.checkIndex(index, 1));
      }
    };
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
