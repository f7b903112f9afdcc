package org.dpface.bench;

import static org.dpface.bench.BenchStats.median;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.dpface.reconstruction.codec.DecoderConfig;
import org.dpface.reconstruction.codec.PatternDecoder;
import org.dpface.reconstruction.struct.DecodedMaps;

/**
 * Quick side-by-side (no JMH) on {@link GrayCodeScene}: dpface's {@link PatternDecoder} (OpenCV order,
 * default thresholds), OpenCV's dense {@code getProjPixel} map and the read-once bound (every byte of the
 * 42 frames summed once), each on 1 and 2 threads, interleaved in rounds. Prints, per thread count, the
 * median and range over the rounds (each round: best of 5 for dpface and read-once, one OpenCV map), the
 * ratios OpenCV / dpface and dpface / read-once, and whether both decoders agree on the projector pixel
 * where both accept a camera pixel. On 1 thread every step runs on the calling thread, so the same rounds
 * also give its CPU time (ThreadMXBean), which a loaded machine inflates far less than the wall time.
 * Arguments: {@code [rounds]} (default 5).
 */
public final class GrayCodeVsOpenCv {
  private GrayCodeVsOpenCv() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int[] threadCounts = {1, 2};
    try (GrayCodeScene scene = new GrayCodeScene(7, 2)) {
      System.out.printf(Locale.ROOT, "scene: %d frames %dx%d 8-bit (%.1f MB), projector %dx%d, %d processors, %s%n",
          scene.frames.size(), GrayCodeScene.CAM_W, GrayCodeScene.CAM_H, scene.bytes() / 1e6, GrayCodeScene.PROJ_W,
          GrayCodeScene.PROJ_H, Runtime.getRuntime().availableProcessors(), Runtime.version());
      int n = GrayCodeScene.CAM_W * GrayCodeScene.CAM_H;
      int[] cvX = new int[n];
      int[] cvY = new int[n];
      DecodedMaps out = new DecodedMaps();
      PatternDecoder[] dec = new PatternDecoder[threadCounts.length];
      double[][][] ms = new double[threadCounts.length][3][rounds];
      double[][] cpuMs = new double[3][rounds];
      try {
        for (int t = 0; t < threadCounts.length; t++) {
          dec[t] = new PatternDecoder(scene.sequence, DecoderConfig.defaults(), threadCounts[t]);
          for (int i = 0; i < 20; i++) { // warm-up
            dec[t].decode(scene.frames, out);
            scene.readOnce(threadCounts[t]);
          }
          scene.decodeOpenCv(threadCounts[t], cvX, cvY);
        }
        for (int r = 0; r < rounds; r++) {
          for (int t = 0; t < threadCounts.length; t++) {
            PatternDecoder d = dec[t];
            int threads = threadCounts[t];
            double[] cpu = threads == 1 ? new double[3] : null;
            ms[t][0][r] = bestMs(() -> d.decode(scene.frames, out), 5, cpu, 0);
            ms[t][2][r] = bestMs(() -> scene.readOnce(threads), 5, cpu, 2);
            ms[t][1][r] = bestMs(() -> scene.decodeOpenCv(threads, cvX, cvY), 1, cpu, 1);
            if (cpu != null) {
              for (int k = 0; k < 3; k++) {
                cpuMs[k][r] = cpu[k];
              }
            }
          }
        }
        dec[0].decode(scene.frames, out);
      } finally {
        for (PatternDecoder d : dec) {
          if (d != null) {
            d.close();
          }
        }
      }
      System.out.println("| threads | dpface ms | OpenCV getProjPixel ms | read-once ms | OpenCV / dpface | dpface / read-once |");
      System.out.println("|---|---|---|---|---|---|");
      for (int t = 0; t < threadCounts.length; t++) {
        double ours = median(ms[t][0]);
        double peer = median(ms[t][1]);
        double read = median(ms[t][2]);
        System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %.1f | %.2f |%n", threadCounts[t], spread(ms[t][0]),
            spread(ms[t][1]), spread(ms[t][2]), peer / ours, ours / read);
      }
      System.out.printf(Locale.ROOT, "| 1, CPU time | %s | %s | %s | %.1f | %.2f |%n", spread(cpuMs[0]), spread(cpuMs[1]),
          spread(cpuMs[2]), median(cpuMs[1]) / median(cpuMs[0]), median(cpuMs[0]) / median(cpuMs[2]));
      System.out.println("(median [min .. max] over " + rounds + " rounds; dpface and read-once best of 5 per round;"
          + " load average " + String.format(Locale.ROOT, "%.1f",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + ")");
      System.out.println(agreement(out, cvX, cvY));
    }
  }

  /** Agreement of the two decoders' projector pixels (dpface's Gray-only output is integer). */
  static String agreement(DecodedMaps out, int[] cvX, int[] cvY) {
    int n = cvX.length;
    int ours = 0;
    int peer = 0;
    int both = 0;
    int same = 0;
    for (int i = 0; i < n; i++) {
      boolean a = out.mask.data[i] != 0;
      boolean b = cvX[i] >= 0;
      ours += a ? 1 : 0;
      peer += b ? 1 : 0;
      if (a && b) {
        both++;
        if (out.projU.data[i] == cvX[i] && out.projV.data[i] == cvY[i]) {
          same++;
        }
      }
    }
    return String.format(Locale.ROOT, "valid pixels: dpface %d (%.1f%%), OpenCV %d (%.1f%%), both %d; identical "
        + "projector pixel on %d of %d jointly valid (%.4f%%)", ours, 100.0 * ours / n, peer, 100.0 * peer / n, both,
        same, both, both == 0 ? 0.0 : 100.0 * same / both);
  }

  static double bestMs(Runnable r, int repeats) {
    return bestMs(r, repeats, null, 0);
  }

  /** Best wall time of {@code repeats} runs; with {@code cpu}, also the best CPU time into cpu[slot]. */
  static double bestMs(Runnable r, int repeats, double[] cpu, int slot) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double best = Double.POSITIVE_INFINITY;
    double bestCpu = Double.POSITIVE_INFINITY;
    for (int i = 0; i < repeats; i++) {
      long c0 = cpu != null ? mx.getCurrentThreadCpuTime() : 0;
      long t0 = System.nanoTime();
      r.run();
      best = Math.min(best, (System.nanoTime() - t0) * 1e-6);
      if (cpu != null) {
        bestCpu = Math.min(bestCpu, (mx.getCurrentThreadCpuTime() - c0) * 1e-6);
      }
    }
    if (cpu != null) {
      cpu[slot] = bestCpu;
    }
    return best;
  }

  static String spread(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return String.format(Locale.ROOT, "%.1f [%.1f .. %.1f]", median(v), s[0], s[s.length - 1]);
  }
}
