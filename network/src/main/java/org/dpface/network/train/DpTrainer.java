package org.dpface.network.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.dpface.core.io.AtomicFiles;
import org.dpface.network.data.DpBatch;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.SampleSource;
import org.dpface.network.metrics.DepthErrors;
import org.dpface.network.metrics.DepthMetrics;
import org.dpface.network.metrics.MetricsAggregator;
import org.dpface.network.metrics.NormalMetrics;
import org.dpface.network.model.DpNetOutputs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a DP network ({@code StereoDpNet}, {@code DpNetBaseline}, {@code MonocularBaseline}: any
 * block with the {@link DpNetOutputs} layout, with {@link DpLoss}; or the normals-only
 * {@code CrossModalNormalNet}, which also gets the true normals as input and {@link CrossModalLoss})
 * with DJL on CPU or GPU.
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>seed the engine ({@code Engine.setRandomSeed}) before initialising parameters; batch indices
 *       and crop positions of step s come from a generator seeded by (seed, s), so a resumed run
 *       draws the same batches as an uninterrupted one;
 *   <li>each step: random crops of samples turned split-along-width, centred on a random valid
 *       ground-truth pixel ({@link #cropOrigin}), the configured
 *       {@link org.dpface.network.data.DpAugmentation} (drawn from the same per-step generator),
 *       {@link DpBatch} tensors,
 *       {@link DpLoss}, {@link DpAdam} with the {@link StepLrTracker} schedule;
 *   <li>every {@code validateEvery} steps and at the end: predictions on the validation source (crops
 *       to the model stride at the top-left), disparity MAE against the trivial predictor (the
 *       training set's mean disparity), depth and normal metrics averaged per sample;
 *   <li>every {@code checkpointEvery} steps and at the end: parameters ({@code Model.save}), Adam's
 *       moments ({@value #OPTIMIZER_FILE}) and {@code state.json} (format {@value #STATE_FORMAT},
 *       version 2: the step count and Adam's per-parameter update counts), written last;
 *   <li>log: {@code metrics.jsonl} (one JSON object per step or validation, appended across
 *       resumes) and {@code curve.png} (loss and validation MAE per step).
 * </ol>
 * A run resumes from {@code out/checkpoint} when present. Resume restores the parameters, the step and
 * the learning-rate schedule and Adam's state, so N steps in one go and N/2 + resume + N/2 give the same
 * parameters (up to float non-associativity of the engine). A version 1 checkpoint (no optimizer state)
 * still resumes, with Adam restarted from zero.
 */
public final class DpTrainer {
  /** Format name of the checkpoint state file. */
  public static final String STATE_FORMAT = "dpface-train-state";
  /** File of Adam's moment estimates inside a checkpoint (DJL {@code NDList.encode}). */
  public static final String OPTIMIZER_FILE = "optimizer.ndlist";
  private static final Logger LOG = LoggerFactory.getLogger(DpTrainer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String modelName;
  private final Supplier<Block> blockFactory;
  private final int stride;
  private final TrainConfig config;
  private final TrainingListener listener;

  /**
   * @param modelName name used for the parameter files
   * @param blockFactory creates a fresh, uninitialised network block
   * @param stride the network's downsampling factor (crops are multiples of it)
   * @param config training settings
   * @param listener progress receiver
   */
  public DpTrainer(String modelName, Supplier<Block> blockFactory, int stride, TrainConfig config,
      TrainingListener listener) {
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.blockFactory = Objects.requireNonNull(blockFactory, "blockFactory");
    this.stride = stride;
    this.config = Objects.requireNonNull(config, "config");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (config.cropWidth() % stride != 0 || config.cropHeight() % stride != 0) {
      throw new IllegalArgumentException("crop must be a multiple of the stride " + stride);
    }
  }

  /** Outcome of {@link #train}. */
  public record Result(int startStep, int endStep, List<Double> losses, Map<String, Double> validation) {}

  /** Trains (or resumes) into {@code outDir}, returning the losses of the steps run here. */
  public Result train(SampleSource train, SampleSource validation, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    Path ckpt = outDir.resolve("checkpoint");
    int start = readStep(ckpt);
    List<Double> losses = new ArrayList<>();
    double trivial = meanDisparity(train);
    Map<String, Double> lastVal = Map.of();
    try (Model model = Model.newInstance(modelName)) {
      Engine.getInstance().setRandomSeed((int) config.seed());
      model.setBlock(blockFactory.get());
      if (start > 0) {
        loadParameters(model, ckpt);
      }
      StepLrTracker lr = new StepLrTracker(config.learningRate(), config.lrGamma(),
          config.lrStepSize(), 0);
      boolean withDepth = DpNetOutputs.predictsDepth(model.getBlock());
      Loss djlLoss = withDepth ? new DpLoss(config.normalWeight()) : new CrossModalLoss();
      TrainingLoss loss = (TrainingLoss) djlLoss;
      DpAdam adam = new DpAdam(lr);
      DefaultTrainingConfig tc = new DefaultTrainingConfig(djlLoss).optOptimizer(adam);
      try (Trainer trainer = model.newTrainer(tc);
          Writer log = Files.newBufferedWriter(outDir.resolve("metrics.jsonl"), StandardCharsets.UTF_8,
              StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        int b = config.batchSize();
        Shape image = new Shape(b, 1, config.cropHeight(), config.cropWidth());
        if (withDepth) {
          trainer.initialize(image, image, new Shape(b, 2), new Shape(b, 4));
        } else {
          trainer.initialize(image, image, new Shape(b, 2), new Shape(b, 4),
              new Shape(b, 3, config.cropHeight(), config.cropWidth()));
        }
        if (start > 0) {
          loadOptimizer(adam, model, ckpt);
        }
        for (int step = start; step < config.steps(); step++) {
          long t0 = System.nanoTime();
          List<DpSample> batch = sampleBatch(train, step);
          double total;
          double[] terms = new double[loss.partNames().length];
          try (NDManager sub = trainer.getManager().newSubManager()) {
            NDList in = DpBatch.inputs(sub, batch);
            NDList labels = DpBatch.labels(sub, batch);
            if (!withDepth) {
              in.add(labels.get(1)); // the true normals feed the normal → normal path
            }
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDList out = trainer.forward(in);
              NDArray[] parts = loss.parts(labels, out);
              gc.backward(parts[0]);
              total = parts[0].getFloat();
              for (int t = 0; t < terms.length; t++) {
                terms[t] = parts[t + 1].getFloat();
              }
            }
            requireFinite(step, total, model.getBlock(), batch, sub);
            adam.setStep(step);
            trainer.step();
          }
          double seconds = (System.nanoTime() - t0) * 1e-9;
          losses.add(total);
          ObjectNode rec = JSON.createObjectNode().put("type", "step").put("step", step)
              .put("loss", total);
          for (int t = 0; t < terms.length; t++) {
            rec.put(loss.partNames()[t], terms[t]);
          }
          rec.put("lr", lr.valueAtStep(step)).put("seconds", seconds);
          writeLine(log, rec);
          listener.onStep(step, config.steps(), total, seconds);
          boolean last = step == config.steps() - 1;
          if (last || (step + 1) % config.checkpointEvery() == 0) {
            saveCheckpoint(model, adam, ckpt, step + 1);
            listener.onCheckpoint(step + 1);
          }
          if (last || (step + 1) % config.validateEvery() == 0) {
            lastVal = validate(model.getBlock(), trainer.getManager(), validation, trivial, stride);
            ObjectNode v = JSON.createObjectNode().put("type", "validation").put("step", step);
            ObjectNode metrics = v.putObject("metrics");
            lastVal.forEach((k, x) -> {
              if (Double.isFinite(x)) {
                metrics.put(k, x);
              } else {
                metrics.putNull(k);
              }
            });
            writeLine(log, v);
            listener.onValidation(step, lastVal);
          }
        }
      }
    }
    if (Files.exists(outDir.resolve("metrics.jsonl"))) {
      CurvePlot.write(outDir.resolve("metrics.jsonl"), outDir.resolve("curve.png"));
    }
    return new Result(start, Math.max(start, config.steps()), losses, lastVal);
  }

  /**
   * Loads the checkpoint of {@code outDir} into a fresh block and validates it, as {@link #train}
   * does after its last step (identical numbers for an identical checkpoint).
   */
  public Map<String, Double> validateCheckpoint(Path outDir, SampleSource train,
      SampleSource validation) throws IOException {
    try (Model model = Model.newInstance(modelName)) {
      model.setBlock(blockFactory.get());
      loadParameters(model, outDir.resolve("checkpoint"));
      return validate(model.getBlock(), model.getNDManager(), validation, meanDisparity(train), stride);
    }
  }

  /**
   * Thrown when a training step's loss or a parameter's gradient is not finite; raised before the
   * optimizer update, so the parameters (and every checkpoint written) stay those of the previous step.
   */
  public static final class NonFiniteTrainingException extends IllegalStateException {
    private final int step;

    NonFiniteTrainingException(int step, String message) {
      super(message);
      this.step = step;
    }

    /** The 0-based global step whose loss or gradient was not finite. */
    public int step() {
      return step;
    }
  }

  /**
   * The NaN/inf guard: stops training (no update, no checkpoint) when the loss or any gradient is not
   * finite, naming the step, the batch's sample ids and the first affected parameters. Temporaries live
   * in a sub-manager of {@code manager}.
   */
  static void requireFinite(int step, double loss, Block block, List<DpSample> batch, NDManager manager) {
    List<String> bad = nonFiniteGradients(block, manager);
    if (Double.isFinite(loss) && bad.isEmpty()) {
      return;
    }
    List<String> ids = batch.stream().map(DpSample::sampleId).toList();
    String what = !Double.isFinite(loss) ? "loss is " + loss : "loss " + loss + " but the gradient";
    if (!bad.isEmpty()) {
      what += (Double.isFinite(loss) ? "" : " and the gradient") + " of " + bad.size() + " parameter(s) "
          + bad.subList(0, Math.min(5, bad.size())) + (bad.size() > 5 ? " ..." : "") + " is not finite";
    }
    throw new NonFiniteTrainingException(step, "training step " + step + ": " + what + " (batch samples "
        + ids + "); stopped before the update, the last checkpoint holds the parameters of an earlier step");
  }

  /**
   * Names of the parameters whose gradient holds a NaN or an infinity, in block order. One flag per
   * parameter is computed on the device and the flags come to the host in a single transfer (one
   * synchronisation per step, not one per parameter).
   */
  private static List<String> nonFiniteGradients(Block block, NDManager manager) {
    try (NDManager tmp = manager.newSubManager()) {
      List<String> names = new ArrayList<>();
      NDList flags = new NDList();
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray w = p.getValue().getArray();
        if (!w.hasGradient()) {
          continue;
        }
        NDArray g = w.getGradient();
        g.attach(tmp);
        flags.add(g.isNaN().logicalOr(g.isInfinite()).any());
        names.add(p.getKey());
      }
      List<String> bad = new ArrayList<>();
      if (!flags.isEmpty()) {
        boolean[] nonFinite = NDArrays.stack(flags).toBooleanArray();
        for (int i = 0; i < nonFinite.length; i++) {
          if (nonFinite[i]) {
            bad.add(names.get(i));
          }
        }
      }
      return bad;
    }
  }

  /** The global step stored in a checkpoint directory, 0 when there is none. */
  public static int readStep(Path checkpointDir) throws IOException {
    Path state = checkpointDir.resolve("state.json");
    if (!Files.exists(state)) {
      return 0;
    }
    var node = JSON.readTree(state.toFile());
    int version = node.path("version").asInt();
    if (!STATE_FORMAT.equals(node.path("format").asText()) || version < 1 || version > 2) {
      throw new IOException("not a " + STATE_FORMAT + " v1 or v2 file: " + state);
    }
    return node.path("step").asInt();
  }

  private void loadParameters(Model model, Path ckpt) throws IOException {
    try {
      model.load(ckpt, modelName);
    } catch (MalformedModelException e) {
      throw new IOException("bad checkpoint in " + ckpt, e);
    }
  }

  private void saveCheckpoint(Model model, DpAdam adam, Path ckpt, int step) throws IOException {
    Files.createDirectories(ckpt);
    model.save(ckpt, modelName);
    ObjectNode state = JSON.createObjectNode().put("format", STATE_FORMAT).put("version", 2)
        .put("model", modelName).put("step", step);
    try (NDManager m = model.getNDManager().newSubManager()) {
      Pair<NDList, Map<String, Integer>> opt = adam.state(model.getBlock().getParameters(), m);
      AtomicFiles.write(ckpt.resolve(OPTIMIZER_FILE), opt.getKey().encode());
      ObjectNode o = state.putObject("optimizer").put("type", "adam").put("file", OPTIMIZER_FILE);
      ObjectNode counts = o.putObject("counts");
      opt.getValue().forEach(counts::put);
    }
    AtomicFiles.write(ckpt.resolve("state.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
  }

  /** Restores Adam's moments and counts from a v2 checkpoint; a v1 checkpoint restarts them (warned). */
  private void loadOptimizer(DpAdam adam, Model model, Path ckpt) throws IOException {
    JsonNode state = JSON.readTree(ckpt.resolve("state.json").toFile());
    JsonNode opt = state.path("optimizer");
    if (opt.isMissingNode()) {
      LOG.warn("{} has no optimizer state (version 1 checkpoint): Adam restarts from zero", ckpt);
      return;
    }
    Path file = ckpt.resolve(opt.path("file").asText(OPTIMIZER_FILE));
    Map<String, Integer> counts = new LinkedHashMap<>();
    opt.path("counts").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
    NDList arrays;
    try {
      arrays = NDList.decode(model.getNDManager(), Files.readAllBytes(file));
    } catch (RuntimeException e) {
      throw new IOException(file + ": not an encoded NDList of optimizer moments: " + e.getMessage(), e);
    }
    try {
      adam.restore(model.getBlock().getParameters(), arrays, counts);
    } finally {
      arrays.close();
    }
  }

  private List<DpSample> sampleBatch(SampleSource source, int step) throws IOException {
    SplittableRandom rng = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + step);
    List<DpSample> batch = new ArrayList<>(config.batchSize());
    for (int i = 0; i < config.batchSize(); i++) {
      DpSample s = source.get(rng.nextInt(source.size())).splitAlongWidth();
      if (s.width() < config.cropWidth() || s.height() < config.cropHeight()) {
        throw new IllegalArgumentException("sample " + s.sampleId() + " smaller than the crop");
      }
      int[] at = cropOrigin(s, config.cropWidth(), config.cropHeight(), rng);
      int x0 = at[0];
      int y0 = at[1];
      DpSample crop = s.crop(x0, y0, config.cropWidth(), config.cropHeight());
      batch.add(config.augmentation().apply(crop, rng));
    }
    return batch;
  }

  /**
   * The top-left corner {x0, y0} of a training crop: centred on a valid ground-truth pixel drawn
   * uniformly (clamped to the image), so that every crop carries a disparity label (faces cover a fifth
   * of a demo sample: uniform crops were empty half of the time and trained nothing); a uniform
   * position when the sample has no valid pixel.
   */
  static int[] cropOrigin(DpSample s, int cropWidth, int cropHeight, SplittableRandom rng) {
    int valid = 0;
    for (int p = 0; p < s.pixels(); p++) {
      if (s.mask()[p] != 0 && s.depthMm()[p] > 0) {
        valid++;
      }
    }
    if (valid == 0) {
      return new int[] {rng.nextInt(s.width() - cropWidth + 1), rng.nextInt(s.height() - cropHeight + 1)};
    }
    int pick = rng.nextInt(valid);
    int p = 0;
    for (; p < s.pixels(); p++) {
      if (s.mask()[p] != 0 && s.depthMm()[p] > 0 && pick-- == 0) {
        break;
      }
    }
    int x0 = Math.clamp(p % s.width() - cropWidth / 2, 0, s.width() - cropWidth);
    int y0 = Math.clamp(p / s.width() - cropHeight / 2, 0, s.height() - cropHeight);
    return new int[] {x0, y0};
  }

  /** Mean true disparity over all valid pixels of a source: the trivial constant predictor. */
  static double meanDisparity(SampleSource source) throws IOException {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < source.size(); i++) {
      DpSample s = source.get(i);
      for (int p = 0; p < s.pixels(); p++) {
        float z = s.depthMm()[p];
        if (s.mask()[p] != 0 && z > 0) {
          sum += s.disparityOf(z);
          n++;
        }
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /**
   * Validation metrics: dispMae, trivialDispMae, then the per-sample means of depth/normal metrics; for
   * a normals-only network dispMae and the depth metrics are NaN (not applicable).
   */
  static Map<String, Double> validate(Block block, NDManager parent, SampleSource source,
      double trivial, int stride) throws IOException {
    MetricsAggregator agg = new MetricsAggregator();
    double maeSum = 0;
    double trivialSum = 0;
    long count = 0;
    for (int i = 0; i < source.size(); i++) {
      DpSample full = source.get(i).splitAlongWidth();
      DpSample s = full.crop(0, 0, full.width() / stride * stride, full.height() / stride * stride);
      try (NDManager m = parent.newSubManager()) {
        NDList out = block.forward(new ParameterStore(m, false), DpBatch.inputs(m, List.of(s)), false);
        boolean withDepth = DpNetOutputs.predictsDepth(block);
        int px = s.pixels();
        float[] disp = withDepth ? out.get(DpNetOutputs.OUT_DISPARITY).toFloatArray() : null;
        float[] normals = DpNetOutputs.normalsPerPixel(DpNetOutputs.normals(block, out), px);
        for (int p = 0; p < px; p++) {
          float z = s.depthMm()[p];
          if (s.mask()[p] != 0 && z > 0) {
            double gt = s.disparityOf(z);
            maeSum += disp == null ? Double.NaN : Math.abs(disp[p] - gt);
            trivialSum += Math.abs(trivial - gt);
            count++;
          }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (withDepth) {
          float[] depth = out.get(DpNetOutputs.OUT_DEPTH).toFloatArray();
          metrics.putAll(DepthMetrics.compute(depth, s.depthMm(), s.mask(), px).toMap());
        } else {
          for (String name : DepthErrors.NAMES) {
            metrics.put(name, Double.NaN);
          }
        }
        metrics.putAll(NormalMetrics.compute(normals, s.normal(), s.mask(), px).toMap());
        Map<String, String> labels = new LinkedHashMap<>(s.metadata());
        labels.put("subject", s.subjectId());
        agg.add(labels, metrics);
      }
    }
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("dispMae", count == 0 ? Double.NaN : maeSum / count);
    result.put("trivialDispMae", count == 0 ? Double.NaN : trivialSum / count);
    result.putAll(agg.overall());
    return result;
  }

  private static void writeLine(Writer log, ObjectNode node) throws IOException {
    log.write(JSON.writeValueAsString(node));
    log.write('\n');
    log.flush();
  }
}
