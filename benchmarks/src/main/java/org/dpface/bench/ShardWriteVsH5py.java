package org.dpface.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.shard.ShardBackend;
import org.dpface.dataset.shard.ShardWriter;

/**
 * HDF5 shard export: dpface's {@link ShardWriter} with each available {@link ShardBackend} against h5py
 * writing the same arrays in the same layout (chunk = one sample, shuffle + gzip at the same level), in
 * one run. Prints MB/s of uncompressed sample data (MB = 10^6 bytes; {@link SampleShape#sampleBytes()}
 * per sample, what h5py writes too), the ratio to h5py (median over rounds), and peak memory of the write
 * on top of the samples already in memory: Java heap (sum of the heap pools' peak usage after a GC and a
 * peak reset, an upper bound that counts uncollected garbage) and process RSS (Linux VmHWM after a
 * {@code clear_refs} reset, which also sees the C library's buffers). The peer's RSS is measured the same
 * way in its process.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar org.dpface.bench.ShardWriteVsH5py \
 *     [--samples 16] [--height 1024] [--width 1280] [--channels 1] [--level 1] [--rounds 3] \
 *     [--backends native,jhdf] [--jhdf-samples N] [--no-peer]
 * </pre>
 */
public final class ShardWriteVsH5py {
  private ShardWriteVsH5py() {}

  public static void main(String[] args) throws Exception {
    int samples = 16;
    int height = 1024;
    int width = 1280;
    int channels = 1;
    int level = ShardWriter.DEFAULT_DEFLATE_LEVEL;
    int rounds = 3;
    int jhdfSamples = -1;
    boolean peer = true;
    List<ShardBackend> backends = new ArrayList<>(List.of(ShardBackend.values()));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--height" -> height = Integer.parseInt(args[++i]);
        case "--width" -> width = Integer.parseInt(args[++i]);
        case "--channels" -> channels = Integer.parseInt(args[++i]);
        case "--level" -> level = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--jhdf-samples" -> jhdfSamples = Integer.parseInt(args[++i]);
        case "--no-peer" -> peer = false;
        case "--backends" -> {
          backends.clear();
          for (String b : args[++i].split(",")) {
            backends.add(ShardBackend.valueOf(b.trim().toUpperCase(Locale.ROOT)));
          }
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    SampleShape shape = new SampleShape(height, width, channels);
    long t0 = System.nanoTime();
    List<Sample> all = ShardScene.samples(shape, samples, 42);
    double mb = samples * shape.sampleBytes() / 1e6;
    System.out.printf(Locale.ROOT, "%d samples of %d x %d x %d (%.1f MB uncompressed), deflate %d, %d rounds; built in %.1f s; max heap %d MB, %d cpus%n",
        samples, height, width, channels, mb, level, rounds, (System.nanoTime() - t0) / 1e9,
        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

    Path dir = Files.createTempDirectory("dpface-shard-bench");
    List<String[]> rows = new ArrayList<>();
    double peerMedian = Double.NaN;
    try {
      List<double[]> results = new ArrayList<>();
      for (ShardBackend b : backends) {
        System.out.println(b + ": " + b.describe());
        if (!b.available()) {
          results.add(null);
          continue;
        }
        int n = b == ShardBackend.JHDF && jhdfSamples > 0 ? Math.min(jhdfSamples, samples) : samples;
        results.add(measure(b, all.subList(0, n), shape, level, rounds, dir));
      }
      if (peer) {
        H5pyShardPeer.Result r = H5pyShardPeer.run(all, shape, DpAxis.HORIZONTAL, level, rounds, dir);
        if (r.skipReason() != null) {
          System.out.println("h5py peer skipped: " + r.skipReason());
        } else {
          double[] s = r.seconds().clone();
          Arrays.sort(s);
          peerMedian = s[s.length / 2];
          long peak = Arrays.stream(r.peakExtraRss()).max().orElse(-1);
          rows.add(row(r.version(), samples, mb, s, r.fileBytes(), Double.NaN, peak, 1.0));
        }
      }
      for (int i = 0; i < backends.size(); i++) {
        double[] m = results.get(i);
        if (m == null) {
          continue;
        }
        int n = (int) m[0];
        double[] s = Arrays.copyOfRange(m, 4, m.length);
        Arrays.sort(s);
        double mbN = n * shape.sampleBytes() / 1e6;
        double ratio = (mbN / s[s.length / 2]) / (mb / peerMedian);
        rows.add(row("dpface " + backends.get(i).name().toLowerCase(Locale.ROOT), n, mbN, s, (long) m[1], m[2], (long) m[3], ratio));
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
    System.out.println();
    System.out.println("| writer | samples | MB | MB/s median [best] | s median | file MB | peak extra heap MB | peak extra RSS MB | MB/s ÷ h5py |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
  }

  private static String[] row(String who, int n, double mb, double[] sortedSeconds, long fileBytes, double heapPeak, long rssPeak, double ratio) {
    double med = sortedSeconds[sortedSeconds.length / 2];
    return new String[] {
      who, Integer.toString(n), String.format(Locale.ROOT, "%.1f", mb),
      String.format(Locale.ROOT, "%.1f [%.1f]", mb / med, mb / sortedSeconds[0]),
      String.format(Locale.ROOT, "%.2f", med), String.format(Locale.ROOT, "%.1f", fileBytes / 1e6),
      Double.isNaN(heapPeak) ? "-" : String.format(Locale.ROOT, "%.0f", heapPeak / 1e6),
      rssPeak < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", rssPeak / 1e6),
      Double.isNaN(ratio) ? "n/a (no peer)" : String.format(Locale.ROOT, "%.2f", ratio)
    };
  }

  /** {n, file bytes, max peak extra heap, max peak extra RSS, seconds per round...}. */
  private static double[] measure(ShardBackend backend, List<Sample> samples, SampleShape shape, int level, int rounds, Path dir)
      throws IOException {
    double[] out = new double[4 + rounds];
    out[0] = samples.size();
    for (int r = 0; r < rounds; r++) {
      Path file = dir.resolve(backend.name().toLowerCase(Locale.ROOT) + ".h5");
      System.gc();
      long heapBefore = heapUsed();
      List<MemoryPoolMXBean> pools = heapPools();
      pools.forEach(MemoryPoolMXBean::resetPeakUsage);
      long rssBefore = ProcMemory.rss();
      boolean hwm = ProcMemory.resetHighWaterMark();
      long t0 = System.nanoTime();
      try (ShardWriter w = new ShardWriter(file, "train", shape, DpAxis.HORIZONTAL, level, backend)) {
        for (Sample s : samples) {
          w.add(s);
        }
        out[1] = w.finish();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long heapPeak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - heapBefore;
      long rssPeak = hwm ? ProcMemory.highWaterMark() - rssBefore : -1;
      out[2] = Math.max(out[2], heapPeak);
      out[3] = Math.max(out[3], rssPeak);
      out[4 + r] = seconds;
      System.out.printf(Locale.ROOT, "  %s round %d: %.2f s, %.1f MB/s, file %.1f MB, peak extra heap %.0f MB, RSS %s%n", backend, r, seconds,
          samples.size() * shape.sampleBytes() / 1e6 / seconds, out[1] / 1e6, heapPeak / 1e6,
          rssPeak < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", rssPeak / 1e6));
      Files.deleteIfExists(file);
    }
    return out;
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
