package org.dpface.network.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpface.network.data.DpAugmentation;
import org.dpface.network.data.DpBatch;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.SyntheticDpSource;
import org.dpface.network.model.StereoDpNet;
import org.dpface.network.model.StereoDpNetConfig;
import org.dpface.network.train.TrainConfig;
import org.dpface.network.train.TrainRun;
import org.dpface.network.train.TrainingListener;
import org.dpface.network.validate.TrainedPredictor;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.SplitAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training-step and inference timings of every model (tiny widths) on CPU, at the demo dataset's
 * sample size (240×320, vertical DP split, i.e. 320×240 as the networks see it) and at the default
 * {@code dpface train} crop (64 px). Prints a table; asserts nothing. Run with
 * {@code -Ddpface.timing=true} (and optionally {@code -Ddpface.timing.steps=N}).
 */
@EnabledIfSystemProperty(named = "dpface.timing", matches = "true")
class NetworkTimingTest {
  @TempDir
  Path dir;

  @Test
  void timings() throws IOException {
    CameraSpec cam = BundledRigs.load("virtual-8cam").cameras().get(0);
    // the demo sample is 240 wide, 320 high with a vertical split: render it as the camera sees it
    boolean vertical = cam.dualPixel().splitAxis().orElseThrow() == SplitAxis.VERTICAL;
    int sw = vertical ? 240 : 320;
    int sh = vertical ? 320 : 240;
    SyntheticDpSource src = new SyntheticDpSource(cam, sw, sh, 4, 3, 850, 1100);
    DpSample one = src.get(0).splitAlongWidth();
    int steps = Integer.getInteger("dpface.timing.steps", 6);
    int batch = 4;
    List<String> rows = new ArrayList<>();
    for (String model : TrainRun.MODELS) {
      for (int[] crop : new int[][] {{64, 64}, {one.height(), one.width()}}) {
        TrainConfig tc = new TrainConfig(steps, batch, crop[1], crop[0], 1e-3f, 1000, 0.5f, 0.2f, 1,
            steps, steps, DpAugmentation.defaults());
        TrainRun run = new TrainRun(model, "tiny", -8, 8, tc, "synthetic");
        Path runDir = dir.resolve(model + "-" + crop[1]);
        run.write(runDir);
        List<Double> secs = new ArrayList<>();
        run.trainer(new TrainingListener() {
          @Override
          public void onStep(int step, int total, double loss, double seconds) {
            secs.add(seconds);
          }
        }).train(src, firstOnly(src), runDir);
        double step = median(secs.subList(Math.min(2, secs.size() - 1), secs.size()));
        String infer = "";
        if (crop[1] == one.width()) {
          try (TrainedPredictor p = TrainedPredictor.load(runDir)) {
            p.predict(one);
            List<Double> t = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
              long t0 = System.nanoTime();
              p.predict(one);
              t.add((System.nanoTime() - t0) * 1e-9);
            }
            infer = String.format(Locale.ROOT, "%.3f", median(t));
          }
        }
        rows.add(String.format(Locale.ROOT, "| %s | %dx%d | %d | %.3f | %s |", model, crop[1], crop[0],
            batch, step, infer));
      }
    }
    System.out.println("| model (tiny) | train crop WxH | batch | s/step (median) | inference s/sample "
        + one.width() + "x" + one.height() + " (median of 5) |");
    System.out.println("|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.out.println("cores " + Runtime.getRuntime().availableProcessors() + ", load "
        + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Forward time of tiny StereoDP at 320×240 without (J = 0) and with (J = 4) the normal module. */
  @Test
  void stereoDpNormalModuleCost() throws IOException {
    CameraSpec cam = BundledRigs.load("virtual-8cam").cameras().get(0);
    boolean vertical = cam.dualPixel().splitAxis().orElseThrow() == SplitAxis.VERTICAL;
    DpSample one = new SyntheticDpSource(cam, vertical ? 240 : 320, vertical ? 320 : 240, 1, 3, 850, 1100)
        .get(0).splitAlongWidth();
    for (int j : new int[] {0, 4}) {
      StereoDpNetConfig t = StereoDpNetConfig.tiny(-8, 8);
      StereoDpNetConfig c = new StereoDpNetConfig(t.featureChannels(), t.downsampleLevels(),
          t.numHypotheses(), t.minDisparityPx(), t.maxDisparityPx(), t.softArgminLevels(),
          t.aggregationChannels(), t.aggregationStages(), t.normalChannels(), t.adaptiveSampling(), j);
      try (Model model = Model.newInstance("stereodp")) {
        model.setBlock(new StereoDpNet(c));
        NDList probe = DpBatch.inputs(model.getNDManager(), List.of(one));
        model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, probe.getShapes());
        List<Double> t0s = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          try (NDManager m = model.getNDManager().newSubManager()) {
            long t0 = System.nanoTime();
            model.getBlock().forward(new ParameterStore(m, false), DpBatch.inputs(m, List.of(one)), false)
                .head().toFloatArray();
            t0s.add((System.nanoTime() - t0) * 1e-9);
          }
        }
        System.out.printf(Locale.ROOT, "stereodp tiny J=%d forward 320x240: %.3f s (median of last 3)%n", j,
            median(t0s.subList(1, 4)));
      }
    }
  }

  private static org.dpface.network.data.SampleSource firstOnly(SyntheticDpSource s) {
    return new org.dpface.network.data.SampleSource() {
      @Override
      public int size() {
        return 1;
      }

      @Override
      public DpSample get(int index) {
        return s.get(0);
      }
    };
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : 0.5 * (s.get(n / 2 - 1) + s.get(n / 2));
  }
}
