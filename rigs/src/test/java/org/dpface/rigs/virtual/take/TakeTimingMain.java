package org.dpface.rigs.virtual.take;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.optics.DpLayers;
import org.dpface.rigs.virtual.optics.DualPixelRenderer;
import org.dpface.rigs.virtual.render.RowExecutor;
import org.dpface.rigs.virtual.render.SceneLookup;
import org.dpface.rigs.virtual.subject.HeadModel;
import org.dpface.rigs.virtual.subject.PosedSubject;
import org.dpface.rigs.virtual.subject.SubjectPlacement;
import org.dpface.rigs.virtual.subject.SubjectPose;
import org.dpface.rigs.virtual.subject.SyntheticSubject;

/**
 * Timing figure (not a test, not a benchmark against a peer): one full take of {@code virtual-8cam} at
 * the bundled resolution: 8 cameras × (42 SL patterns × 2 projectors + 6 lamps + ambient) raw DP
 * pairs, then a breakdown of one SL step and one lamp step of camera 0 into radiance, DP composition
 * (over the camera's kept depth layers, as in a take) and sensor. Args: [threads] [repeats] [contact-sheet.png]. Prints to stdout (a command-line main).
 */
public final class TakeTimingMain {
  private TakeTimingMain() {}

  public static void main(String[] args) throws IOException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    RigDescription rig = BundledRigs.load("virtual-8cam");
    HeadModel model = HeadModel.standard();
    PosedSubject posed = SyntheticSubject.create(1, 1, model)
        .pose(model, SubjectPose.neutralFront(), SubjectPlacement.of(rig));
    List<GrayU8> patterns = new ArrayList<>();
    for (int f = 0; f < 42; f++) {
      GrayU8 p = new GrayU8(800, 600);
      int period = 2 << (f % 10);
      for (int y = 0; y < 600; y++) {
        for (int x = 0; x < 800; x++) {
          p.set(x, y, ((x / period) & 1) == (f / 10 & 1) ? 255 : 0);
        }
      }
      patterns.add(p);
    }
    VirtualTakeConfig cfg = VirtualTakeConfig.defaults().withThreads(threads);
    GrayU16 l = new GrayU16(1, 1);
    GrayU16 r = new GrayU16(1, 1);
    for (int rep = 0; rep < repeats; rep++) {
      long t0 = System.nanoTime();
      long c0 = cpuNanos();
      try (VirtualTake take = VirtualTake.prepare(rig, posed, patterns, cfg)) {
        long t1 = System.nanoTime();
        for (int s = 0; s < take.stepCount(); s++) {
          for (String cam : take.cameraIds()) {
            take.renderStep(cam, s, l, r);
          }
        }
        long t2 = System.nanoTime();
        long c2 = cpuNanos();
        System.out.printf(Locale.ROOT, "take %d (%d threads): prepare (shadow maps + 8 lookups) %.0f ms | "
                + "%d steps x %d cameras = %d DP pairs %.0f ms (%.1f ms/pair) | total %.1f s wall, "
                + "%.1f s process CPU%n",
            rep, threads, ms(t0, t1), take.stepCount(), take.cameraIds().size(),
            take.stepCount() * take.cameraIds().size(), ms(t1, t2),
            ms(t1, t2) / (take.stepCount() * take.cameraIds().size()), ms(t0, t2) / 1000,
            ms(c0, c2) / 1000);
        breakdown(take, cfg, 0, "SL step");
        breakdown(take, cfg, 84, "lamp step");
        if (rep == 0 && args.length > 2) {
          ContactSheet.write(Path.of(args[2]), take, List.of("cam0", "cam2"));
        }
      }
    }
  }

  private static void breakdown(VirtualTake take, VirtualTakeConfig cfg, int step, String name) {
    int n = 10;
    GrayF32 rad = new GrayF32(1, 1);
    GrayF32 a = new GrayF32(1, 1);
    GrayF32 b = new GrayF32(1, 1);
    GrayU16 u = new GrayU16(1, 1);
    SceneLookup lookup = take.lookup("cam0");
    boolean sl = take.steps().get(step).kind() == TakeStep.Kind.STRUCTURED_LIGHT;
    try (DualPixelRenderer dp = new DualPixelRenderer(cfg.dp().withThreads(cfg.threads()));
        RowExecutor rows = new RowExecutor(cfg.threads())) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        take.renderSharpRadiance("cam0", step, rad);
      }
      DpLayers layers = dp.classify(lookup.depth, lookup.mask, sl ? take.slOptics("cam0") : take.dpOptics("cam0"));
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        dp.renderPair(rad, layers, a, b);
      }
      long t2 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        cfg.slSensor().expose(a, 1, 2L * i, u, rows);
        cfg.slSensor().expose(b, 1, 2L * i + 1, u, rows);
      }
      long t3 = System.nanoTime();
      System.out.printf(Locale.ROOT, "  cam0 %s: radiance %.1f ms | DP pair %.1f ms | sensor (2 halves) %.1f ms%n",
          name, ms(t0, t1) / n, ms(t1, t2) / n, ms(t2, t3) / n);
    }
  }

  /** CPU time of the whole process (all threads, JIT and GC included), ns. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double ms(long a, long b) {
    return (b - a) / 1e6;
  }
}
