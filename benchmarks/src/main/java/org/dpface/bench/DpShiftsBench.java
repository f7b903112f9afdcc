package org.dpface.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.dpface.network.model.DpOps;
import org.dpface.network.model.StereoDpNetConfig;

/**
 * The cost-volume samplers of the tiny StereoDP alone: for each of the K hypotheses, the nearest, bilinear and
 * Fourier phase shifts of the right features ({@link DpOps}), blended with fixed weights as the adaptive sampler
 * blends them, summed. Timed (thread CPU ms, median of rounds) on the demo's training shape (4 x 8 x 24 x 24 features:
 * 4 x 48 x 48 crops at 1/2 scale; forward and backward) and on the demo sample's inference shape (1 x 8 x 120 x 160:
 * 240 x 320 at 1/2 scale; forward only), on 1 intra-op thread. Compare with {@link StereoDpStepProfile}'s step time
 * to see the samplers' share of a step.
 *
 * <p>Usage: {@code DpShiftsBench [rounds]}.
 */
public final class DpShiftsBench {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private DpShiftsBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    StereoDpNetConfig cfg = StereoDpVsPyTorch.demoEnv().cfg();
    double[] shifts = new double[cfg.numHypotheses()];
    for (int k = 0; k < shifts.length; k++) {
      shifts[k] = cfg.hypothesisPx(k) / 2; // features at 1/2 scale
    }
    System.out.printf(Locale.ROOT, "shifts (feature px): %s; Engine %s%n", Arrays.toString(shifts),
        Engine.getEngine("PyTorch").getVersion());
    report("train 4x8x24x24 fwd+bwd", run(new Shape(4, 8, 24, 24), shifts, rounds, true));
    report("infer 1x8x120x160 fwd", run(new Shape(1, 8, 120, 160), shifts, rounds, false));
  }

  private static void report(String what, double[] cpu) {
    double[] s = cpu.clone();
    Arrays.sort(s);
    System.out.printf(Locale.ROOT, "%-26s median %.3f ms thread CPU [%.3f .. %.3f]%n", what, s[s.length / 2], s[0],
        s[s.length - 1]);
  }

  private static double[] run(Shape shape, double[] shifts, int rounds, boolean backward) {
    double[] cpu = new double[rounds];
    try (NDManager base = NDManager.newBaseManager()) {
      float[] host = new float[(int) shape.size()];
      java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
      for (int i = 0; i < host.length; i++) {
        host[i] = (float) rng.nextGaussian();
      }
      for (int r = -3; r < rounds; r++) {
        long c0 = CPU.getCurrentThreadCpuTime();
        try (NDManager m = base.newSubManager()) {
          NDArray x = m.create(host, shape);
          if (backward) {
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
              gc.backward(volume(x, shifts).sum());
            }
            x.getGradient().getFloat(0, 0, 0, 0);
          } else {
            volume(x, shifts).getFloat(0, 0, 0, 0);
          }
        }
        if (r >= 0) {
          cpu[r] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
        }
      }
    }
    return cpu;
  }

  private static NDArray volume(NDArray fr, double[] shifts) {
    NDArray acc = null;
    for (double s : shifts) {
      // scalars through DpOps.mulScalar: a mul(Number) operand is freed before backward (see DpOps)
      NDArray v = DpOps.mulScalar(DpOps.shiftNearest(fr, s), 0.2f)
          .add(DpOps.mulScalar(DpOps.shiftBilinear(fr, s), 0.5f))
          .add(DpOps.mulScalar(DpOps.shiftPhase(fr, s), 0.3f));
      acc = acc == null ? v : acc.add(v);
    }
    return acc;
  }
}
