package org.dpface.bench;

import static org.dpface.bench.BenchStats.max;
import static org.dpface.bench.BenchStats.median;
import static org.dpface.bench.BenchStats.min;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.dpface.dataset.build.DatasetBuilder;
import org.dpface.network.model.DpNetOutputs;
import org.dpface.network.model.StereoDpNet;
import org.dpface.network.model.StereoDpNetConfig;
import org.dpface.network.train.DpLoss;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.optics.ThinLensDp;

/**
 * Tiny StereoDP (the demo's {@link StereoDpNetConfig#tiny} widths) through DJL against the same network written
 * in PyTorch ({@code stereodp_torch.py}, run by {@code /usr/bin/python3}; override {@code -Ddpface.python=...}) on
 * the same shapes in the same run, with the same intra-op thread count (DJL: {@code ai.djl.pytorch.num_threads};
 * the script: {@code torch.set_num_threads}).
 *
 * <p>What is timed, per shape, after warm-up: a training step as {@code DpTrainer} runs it (inputs and labels
 * copied from host arrays, forward, {@link DpLoss}, backward, Adam step, loss read back), or one inference as
 * {@code TrainedPredictor} runs it (one sample, inference forward, outputs copied to host arrays). Inputs are
 * seeded noise (the cost does not depend on the pixel values). Before timing, the two implementations are checked
 * to be the same network: the parameter lists must agree shape for shape, and with the DJL weights loaded into the
 * PyTorch model one forward pass on the same input must give the same disparity, depth and normals (max |Δ| is
 * printed). The peer is skipped with the reason when {@code torch} cannot be imported.
 *
 * <p>The peer's 3D convolutions take the same batch-of-one path as {@code DpOps.Conv3d} (depth axis moved last, so
 * libtorch uses oneDNN); {@code --peer-plain-conv3d} runs plain {@code nn.Conv3d} instead, i.e. what PyTorch does
 * with the network written naively.
 *
 * <p>Usage: {@code StereoDpVsPyTorch [steps] [--threads N] [--shapes train:4x48x48,infer:1x240x320,...]
 * [--peer-plain-conv3d]}
 * (shape = kind:NxHxW, W along the DP split). Defaults: 10 steps, all processors, the demo's training batch
 * (4 × 48×48 crops), and the demo's sample size (virtual-8cam binned 2×2: 240×320 portrait, seen 320 wide) as one
 * training sample and as one inference; the unbinned bundled sample is {@code train:1x480x640,infer:1x480x640}.
 */
public final class StereoDpVsPyTorch {
  private static final String PYTHON = PythonPeer.PYTHON;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final float LR = 3e-3f;
  private static final float NORMAL_WEIGHT = 0.5f;
  private static final int WARMUP = 2;
  /** Whether the peer runs batch-of-one 3D convolutions depth-last as {@code DpOps.Conv3d} does (default). */
  private static boolean peerDepthLast = true;
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private StereoDpVsPyTorch() {}

  /** One timed shape: {@code train} or {@code infer}, batch n, H × W. */
  record Case(String kind, int n, int h, int w) {
    static Case parse(String s) {
      String[] kv = s.split(":");
      String[] d = kv.length == 2 ? kv[1].split("x") : new String[0];
      if (d.length != 3 || !(kv[0].equals("train") || kv[0].equals("infer"))) {
        throw new IllegalArgumentException("shape must be train:NxHxW or infer:NxHxW, got " + s);
      }
      return new Case(kv[0], Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]));
    }

    @Override
    public String toString() {
      return kind + " " + n + "x" + h + "x" + w;
    }
  }

  public static void main(String[] args) throws Exception {
    int steps = 10;
    int threads = Runtime.getRuntime().availableProcessors();
    RigDescription rig = BundledRigs.load("virtual-8cam");
    int[] bundled = DatasetBuilder.defaultSampleSize(rig);
    // vertical DP split: the networks see the sample transposed (split along the width)
    int bh = Math.min(bundled[0], bundled[1]);
    int bw = Math.max(bundled[0], bundled[1]);
    // the demo's sample: the bundled rig binned 2x2 (240 x 320 seen split-along-width)
    List<Case> cases = new ArrayList<>(List.of(new Case("train", 4, 48, 48), new Case("train", 1, bh / 2, bw / 2),
        new Case("infer", 1, bh / 2, bw / 2)));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--shapes" -> cases = Arrays.stream(args[++i].split(",")).map(Case::parse).toList();
        case "--peer-plain-conv3d" -> peerDepthLast = false;
        default -> steps = Integer.parseInt(args[i]);
      }
    }
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Env env = demoEnv();
    StereoDpNetConfig cfg = env.cfg();
    Engine engine = Engine.getEngine("PyTorch");
    System.out.printf(Locale.ROOT, "StereoDP tiny (C=%d, %d levels, K=%d, L=%d, A=%d x %d stages, normals %d), disparity"
            + " [%.2f, %.2f] px; %d threads; DJL %s on libtorch %s; %d timed steps after %d warm-up%n",
        cfg.featureChannels(), cfg.downsampleLevels(), cfg.numHypotheses(), cfg.softArgminLevels(),
        cfg.aggregationChannels(), cfg.aggregationStages(), cfg.normalChannels(), cfg.minDisparityPx(), cfg.maxDisparityPx(),
        threads, Engine.getDjlVersion(), engine.getVersion(), steps, WARMUP);

    Path dir = Files.createTempDirectory("dpface-torch-peer");
    Case check = cases.stream().filter(c -> c.kind().equals("infer")).findFirst().orElse(new Case("infer", 1, 48, 48));
    Checked checked = writeCheck(env, check, dir);
    System.out.printf(Locale.ROOT, "DJL parameters: %d in %d arrays%n", checked.params(), checked.shapes().size());

    List<double[]> ours = new ArrayList<>();
    for (Case c : cases) {
      double[] both = c.kind().equals("train") ? trainSteps(env, c, steps) : inferences(env, c, steps);
      double[] ms = Arrays.copyOf(both, steps);
      double[] cpu = Arrays.copyOfRange(both, steps, 2 * steps);
      ours.add(new double[] {median(ms), median(cpu)});
      System.out.printf(Locale.ROOT, "DJL   %-22s median %9.2f ms  [%.2f .. %.2f], thread CPU %.2f ms%n", c, median(ms),
          min(ms), max(ms), median(cpu));
    }

    String reason = unavailableReason();
    JsonNode peer = null;
    if (reason == null) {
      peer = runPeer(env, cases, steps, threads, check, checked, dir);
      if (peer.has("error")) {
        reason = peer.path("error").asText();
        peer = null;
      }
    }
    float[] theirs = peer != null && Files.exists(dir.resolve("check_out.f32"))
        ? RawFloats.readFloats(dir.resolve("check_out.f32")) : null;
    if (!Boolean.getBoolean("dpface.keepPeerFiles")) { // keep them to rerun the script by hand
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
    if (peer == null) {
      System.out.println("PyTorch peer skipped: " + reason);
      return;
    }
    System.out.printf(Locale.ROOT, "PyTorch %s, %d threads: %d parameters; batch-of-one Conv3d %s%n",
        peer.path("torch").asText(), peer.path("threads").asInt(), peer.path("params").asLong(),
        peerDepthLast ? "depth-last as DpOps.Conv3d" : "plain nn.Conv3d (--peer-plain-conv3d)");
    if (peer.has("checkError")) {
      System.out.println("NOT THE SAME NETWORK, no ratio: " + peer.path("checkError").asText());
      return;
    }
    if (peer.path("params").asLong() != checked.params()) {
      System.out.println("NOT THE SAME NETWORK, no ratio: parameter counts differ");
      return;
    }
    if (theirs == null || theirs.length != checked.out().length) {
      System.out.println("NOT CHECKED, no ratio: the PyTorch script wrote no check output of the right size");
      return;
    }
    System.out.printf(Locale.ROOT, "same weights, same input (%s): max |disparity diff| %.2e px, |depth diff| %.2e mm,"
            + " |normal diff| %.2e%n", check, maxDiff(checked.out(), theirs, 0, check.h() * check.w()),
        maxDiff(checked.out(), theirs, check.h() * check.w(), 2 * check.h() * check.w()),
        maxDiff(checked.out(), theirs, 2 * check.h() * check.w(), 5 * check.h() * check.w()));
    System.out.printf("%n| shape | DJL median ms | PyTorch median ms | DJL / PyTorch | DJL CPU ms | PyTorch CPU ms |"
        + " CPU ratio |%n|---|---:|---:|---:|---:|---:|---:|%n");
    for (int i = 0; i < cases.size(); i++) {
      JsonNode p = peer.path("shapes").get(i);
      double d = ours.get(i)[0];
      double t = p.path("median_ms").asDouble();
      double dc = ours.get(i)[1];
      double tc = p.path("median_cpu_ms").asDouble();
      String unit = cases.get(i).kind().equals("train") ? " (step)" : " (per sample)";
      System.out.printf(Locale.ROOT, "| %s%s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", cases.get(i), unit, d, t, d / t,
          dc, tc, dc / tc);
    }
  }

  /** Network settings shared by both sides. */
  record Env(StereoDpNetConfig cfg, float a, float b, float[] intrinsics) {}

  /**
   * The tiny network over virtual-8cam's thin-lens DP disparity range at 800-1200 mm (widened by 1 px), with its
   * first camera's (a, b) and intrinsics (transposed: the split runs along the width).
   */
  static Env demoEnv() throws IOException {
    CameraSpec cam = BundledRigs.load("virtual-8cam").cameras().get(0);
    ThinLensDp dp = ThinLensDp.of(cam);
    double dMin = dp.coefficientA() / 800 + dp.coefficientB();
    double dMax = dp.coefficientA() / 1200 + dp.coefficientB();
    StereoDpNetConfig cfg = StereoDpNetConfig.tiny(Math.min(dMin, dMax) - 1, Math.max(dMin, dMax) + 1);
    var model = cam.nominalModel();
    float[] k = {(float) model.fy(), (float) model.fx(), (float) model.cy(), (float) model.cx()}; // transposed
    return new Env(cfg, (float) dp.coefficientA(), (float) dp.coefficientB(), k);
  }

  /** The check: DJL parameter shapes and count, and its outputs for the check input. */
  record Checked(long params, List<long[]> shapes, float[] out) {}

  private static Model newModel(Env env) {
    Model m = Model.newInstance("stereodp");
    m.setBlock(new StereoDpNet(env.cfg()));
    return m;
  }

  /** Inputs (left, right, coeffs, intrinsics) of n samples, seeded noise. */
  private static float[][] hostInputs(Env env, int n, int h, int w, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] l = new float[n * h * w];
    float[] rt = new float[n * h * w];
    for (int i = 0; i < l.length; i++) {
      l[i] = (float) (r.nextGaussian() * 0.2);
      rt[i] = (float) (r.nextGaussian() * 0.2);
    }
    float[] c = new float[2 * n];
    float[] k = new float[4 * n];
    for (int s = 0; s < n; s++) {
      c[2 * s] = env.a();
      c[2 * s + 1] = env.b();
      System.arraycopy(env.intrinsics(), 0, k, 4 * s, 4);
    }
    return new float[][] {l, rt, c, k};
  }

  private static NDList inputs(NDManager m, float[][] host, int n, int h, int w) {
    Shape img = new Shape(n, 1, h, w);
    return new NDList(m.create(host[0], img), m.create(host[1], img), m.create(host[2], new Shape(n, 2)),
        m.create(host[3], new Shape(n, 4)));
  }

  private static float[][] hostLabels(Env env, int n, int h, int w, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] disp = new float[n * h * w];
    for (int i = 0; i < disp.length; i++) {
      disp[i] = (float) (env.cfg().minDisparityPx() + r.nextDouble() * (env.cfg().maxDisparityPx() - env.cfg().minDisparityPx()));
    }
    float[] normals = new float[3 * n * h * w];
    for (int s = 0; s < n; s++) {
      Arrays.fill(normals, (3 * s + 2) * h * w, (3 * s + 3) * h * w, -1f);
    }
    float[] mask = new float[n * h * w];
    Arrays.fill(mask, 1f);
    return new float[][] {disp, normals, mask};
  }

  /** Training steps as DpTrainer runs them; ms per timed step. */
  static double[] trainSteps(Env env, Case c, int steps) {
    return trainSteps(env, c, steps, () -> {}, () -> {});
  }

  /** {@link #trainSteps(Env, Case, int)}, calling {@code beforeTimed} after warm-up and {@code afterTimed} at the end. */
  static double[] trainSteps(Env env, Case c, int steps, Runnable beforeTimed, Runnable afterTimed) {
    float[][] hin = hostInputs(env, c.n(), c.h(), c.w(), 3);
    float[][] hlab = hostLabels(env, c.n(), c.h(), c.w(), 4);
    try (Model model = newModel(env)) {
      DpLoss loss = new DpLoss(NORMAL_WEIGHT);
      DefaultTrainingConfig tc = new DefaultTrainingConfig(loss)
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LR)).build());
      try (Trainer trainer = model.newTrainer(tc)) {
        Shape img = new Shape(c.n(), 1, c.h(), c.w());
        trainer.initialize(img, img, new Shape(c.n(), 2), new Shape(c.n(), 4));
        double[] ms = timeSteps(steps, beforeTimed, () -> {
          try (NDManager sub = trainer.getManager().newSubManager()) {
            NDList in = inputs(sub, hin, c.n(), c.h(), c.w());
            Shape one = new Shape(c.n(), 1, c.h(), c.w());
            NDList labels = new NDList(sub.create(hlab[0], one), sub.create(hlab[1], new Shape(c.n(), 3, c.h(), c.w())),
                sub.create(hlab[2], one));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray total = loss.parts(labels, trainer.forward(in))[0];
              gc.backward(total);
              total.getFloat();
            }
            trainer.step();
          }
        });
        afterTimed.run();
        return ms;
      }
    }
  }

  /** Single-sample inference as TrainedPredictor runs it; ms per timed sample. */
  static double[] inferences(Env env, Case c, int steps) {
    return inferences(env, c, steps, () -> {}, () -> {});
  }

  /** {@link #inferences(Env, Case, int)}, calling {@code beforeTimed} after warm-up and {@code afterTimed} at the end. */
  static double[] inferences(Env env, Case c, int steps, Runnable beforeTimed, Runnable afterTimed) {
    float[][] hin = hostInputs(env, 1, c.h(), c.w(), 3);
    try (Model model = newModel(env)) {
      Shape img = new Shape(1, 1, c.h(), c.w());
      model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, img, img,
          new Shape(1, 2), new Shape(1, 4));
      double[] ms = timeSteps(steps, beforeTimed, () -> {
        try (NDManager m = model.getNDManager().newSubManager()) {
          NDList out = model.getBlock().forward(new ParameterStore(m, false), inputs(m, hin, 1, c.h(), c.w()), false);
          out.get(DpNetOutputs.OUT_DISPARITY).toFloatArray();
          out.get(DpNetOutputs.OUT_DEPTH).toFloatArray();
          DpNetOutputs.normalsPerPixel(out, c.h() * c.w());
        }
      });
      afterTimed.run();
      return ms;
    }
  }

  /**
   * Runs {@code step} {@value #WARMUP} + {@code steps} times, calling {@code beforeTimed} after the warm-up:
   * the wall ms of each timed step, then this thread's CPU ms of each.
   */
  private static double[] timeSteps(int steps, Runnable beforeTimed, Runnable step) {
    double[] ms = new double[2 * steps];
    for (int i = 0; i < WARMUP + steps; i++) {
      if (i == WARMUP) {
        beforeTimed.run();
      }
      long t0 = System.nanoTime();
      long c0 = CPU.getCurrentThreadCpuTime();
      step.run();
      if (i >= WARMUP) {
        ms[i - WARMUP] = (System.nanoTime() - t0) / 1e6;
        ms[steps + i - WARMUP] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
      }
    }
    return ms;
  }

  /** Initialises a DJL model at the check shape, writes its parameters and one input, keeps its outputs. */
  static Checked writeCheck(Env env, Case c, Path dir) throws IOException {
    float[][] hin = hostInputs(env, 1, c.h(), c.w(), 5);
    try (Model model = newModel(env)) {
      Engine.getInstance().setRandomSeed(1);
      Shape img = new Shape(1, 1, c.h(), c.w());
      model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, img, img,
          new Shape(1, 2), new Shape(1, 4));
      List<long[]> shapes = new ArrayList<>();
      List<float[]> values = new ArrayList<>();
      long count = 0;
      for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
        NDArray a = p.getValue().getArray();
        shapes.add(a.getShape().getShape());
        values.add(a.toFloatArray());
        count += a.size();
      }
      float[] flat = new float[(int) count];
      int off = 0;
      for (float[] v : values) {
        System.arraycopy(v, 0, flat, off, v.length);
        off += v.length;
      }
      RawFloats.writeFloats(flat, flat.length, dir.resolve("params.f32"));
      float[] in = new float[2 * c.h() * c.w()];
      System.arraycopy(hin[0], 0, in, 0, c.h() * c.w());
      System.arraycopy(hin[1], 0, in, c.h() * c.w(), c.h() * c.w());
      RawFloats.writeFloats(in, in.length, dir.resolve("check_in.f32"));
      float[] out;
      try (NDManager m = model.getNDManager().newSubManager()) {
        NDList o = model.getBlock().forward(new ParameterStore(m, false), inputs(m, hin, 1, c.h(), c.w()), false);
        float[] d = o.get(DpNetOutputs.OUT_DISPARITY).toFloatArray();
        float[] z = o.get(DpNetOutputs.OUT_DEPTH).toFloatArray();
        float[] n = o.get(DpNetOutputs.OUT_NORMALS).toFloatArray();
        out = new float[d.length + z.length + n.length];
        System.arraycopy(d, 0, out, 0, d.length);
        System.arraycopy(z, 0, out, d.length, z.length);
        System.arraycopy(n, 0, out, d.length + z.length, n.length);
      }
      return new Checked(count, shapes, out);
    }
  }

  /** Null when {@code torch} imports in the peer's Python, else why not. */
  static String unavailableReason() {
    return PythonPeer.unavailableReason("torch, numpy", " (Debian: apt-get install python3-torch)");
  }

  /** Runs the script; its result.json, or {"error": ...}. */
  static JsonNode runPeer(Env env, List<Case> cases, int steps, int threads, Case check, Checked checked, Path dir)
      throws IOException, InterruptedException {
    ObjectNode job = JSON.createObjectNode().put("threads", threads).put("lr", LR).put("normalWeight", NORMAL_WEIGHT)
        .put("steps", steps).put("warmup", WARMUP).put("a", env.a()).put("b", env.b())
        .put("depthLastConv3d", peerDepthLast);
    ArrayNode k = job.putArray("intrinsics");
    for (float v : env.intrinsics()) {
      k.add(v);
    }
    StereoDpNetConfig c = env.cfg();
    job.putObject("config").put("featureChannels", c.featureChannels()).put("downsampleLevels", c.downsampleLevels())
        .put("numHypotheses", c.numHypotheses()).put("minDisparityPx", c.minDisparityPx())
        .put("maxDisparityPx", c.maxDisparityPx()).put("softArgminLevels", c.softArgminLevels())
        .put("aggregationChannels", c.aggregationChannels()).put("aggregationStages", c.aggregationStages())
        .put("normalChannels", c.normalChannels()).put("adaptiveSampling", c.adaptiveSampling())
        .put("normalHypotheses", c.normalHypotheses());
    ArrayNode shapes = job.putArray("shapes");
    for (Case cs : cases) {
      shapes.addObject().put("kind", cs.kind()).put("n", cs.n()).put("h", cs.h()).put("w", cs.w());
    }
    ObjectNode chk = job.putObject("check").put("h", check.h()).put("w", check.w());
    ArrayNode ps = chk.putArray("paramShapes");
    for (long[] s : checked.shapes()) {
      ArrayNode a = ps.addArray();
      for (long d : s) {
        a.add(d);
      }
    }
    Files.write(dir.resolve("job.json"), JSON.writeValueAsBytes(job));
    Path script = dir.resolve("stereodp_torch.py");
    try (InputStream in = StereoDpVsPyTorch.class.getResourceAsStream("stereodp_torch.py")) {
      if (in == null) {
        throw new IOException("stereodp_torch.py missing from the benchmark jar");
      }
      Files.write(script, in.readAllBytes());
    }
    Process p = new ProcessBuilder(PYTHON, script.toString(), dir.toString()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(1800, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return JSON.createObjectNode().put("error", "the PyTorch script timed out");
    }
    if (p.exitValue() != 0 || !Files.exists(dir.resolve("result.json"))) {
      return JSON.createObjectNode().put("error", "the PyTorch script failed: " + text.trim());
    }
    return JSON.readTree(dir.resolve("result.json").toFile());
  }

  private static double maxDiff(float[] a, float[] b, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
