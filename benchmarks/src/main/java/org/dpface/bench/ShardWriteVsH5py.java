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
 * per sample, what h5py writes too), the ratio to h5py (median over rounds), MB per process CPU second
 * (load-independent cost; JVM GC/JIT threads included), and peak memory of the write
 * on top of the samples already in memory: Java heap (sum of the heap pools' peak usage after a GC and a
 * peak reset, an upper bound that counts uncollected garbage) and process RSS (Linux VmHWM after a
 * {@code clear_refs} reset, which also sees the C library's buffers). The peer's RSS is measured the same
 * way in its process.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar org.dpface.bench.ShardWriteVsH5py \
 *     [--samples 16] [--height 1024] [--width 1280] [--channels 1] [--level 1] [--rounds 3] \
 *     [--backends native,jhdf] [--native-threads 0,2] [--jhdf-samples N] [--no-peer]
 * </pre>
 *
 * <p>{@code --native-threads}: one native run per entry ({@link ShardBackend#THREADS_PROPERTY}); 0 = the
 * HDF5 library filters each chunk (as h5py), n > 0 = chunks shuffled + deflated in Java on n threads and
 * stored with {@code H5Dwrite_chunk}. Default: 0 and the available processors.
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
    List<Integer> nativeThreads = new ArrayList<>(List.of(0, Runtime.getRuntime().availableProcessors()));
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
        case "--native-threads" -> {
          nativeThreads.clear();
          for (String t : args[++i].split(",")) {
            nativeThreads.add(Integer.parseInt(t.trim()));
          }
        }
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

    record Variant(String label, ShardBackend backend, int threads, List<Sample> samples, double[] seconds, double[] cpu, long[] mem) {}
    List<Variant> variants = new ArrayList<>();
    for (ShardBackend b : backends) {
      for (int threads : b == ShardBackend.NATIVE ? nativeThreads : List.of(-1)) {
        setThreads(threads);
        System.out.println(b + (threads < 0 ? "" : " threads=" + threads) + ": " + b.describe());
        if (b.available()) {
          int n = b == ShardBackend.JHDF && jhdfSamples > 0 ? Math.min(jhdfSamples, samples) : samples;
          variants.add(new Variant("dpface " + b.name().toLowerCase(Locale.ROOT)
              + (threads < 0 ? "" : threads == 0 ? " (library filters)" : " (Java deflate, " + threads + " thr)"),
              b, threads, all.subList(0, n), new double[rounds], new double[rounds], new long[3]));
        }
      }
    }
    Path dir = Files.createTempDirectory("dpface-shard-bench");
    List<String[]> rows = new ArrayList<>();
    double peerMedian = Double.NaN;
    H5pyShardPeer peerProcess = null;
    try {
      if (peer) {
        String why = H5pyShardPeer.unavailableReason();
        if (why == null) {
          peerProcess = H5pyShardPeer.start(all, shape, DpAxis.HORIZONTAL, level, dir);
          System.out.println("peer: " + peerProcess.version());
        } else {
          System.out.println("h5py peer skipped: " + why);
        }
      }
      double[] peerSeconds = new double[rounds];
      double[] peerCpu = new double[rounds];
      long peerRss = -1;
      long peerFile = 0;
      for (int r = 0; r < rounds; r++) {
        for (Variant v : variants) {
          setThreads(v.threads());
          long[] m = measure(v.label(), v.backend(), v.samples(), shape, level, dir);
          v.seconds()[r] = m[0] / 1e9;
          v.cpu()[r] = m[4] / 1e9;
          v.mem()[0] = m[1];
          v.mem()[1] = Math.max(v.mem()[1], m[2]);
          v.mem()[2] = Math.max(v.mem()[2], m[3]);
        }
        if (peerProcess != null) {
          H5pyShardPeer.Round pr = peerProcess.round();
          peerSeconds[r] = pr.seconds();
          peerCpu[r] = pr.cpuSeconds();
          peerRss = Math.max(peerRss, pr.peakExtraRss());
          peerFile = pr.fileBytes();
          System.out.printf(Locale.ROOT, "  %s: %.2f s (CPU %.2f s), %.1f MB/s, file %.1f MB, peak extra RSS %.0f MB%n", peerProcess.version(),
              pr.seconds(), pr.cpuSeconds(), mb / pr.seconds(), pr.fileBytes() / 1e6, pr.peakExtraRss() / 1e6);
        }
      }
      if (peerProcess != null) {
        Arrays.sort(peerSeconds);
        peerMedian = peerSeconds[rounds / 2];
        Arrays.sort(peerCpu);
        rows.add(row(peerProcess.version(), samples, mb, peerSeconds, peerCpu[rounds / 2], peerFile, Double.NaN, peerRss, 1.0));
      }
      for (Variant v : variants) {
        double[] sec = v.seconds().clone();
        Arrays.sort(sec);
        double mbN = v.samples().size() * shape.sampleBytes() / 1e6;
        double ratio = (mbN / sec[rounds / 2]) / (mb / peerMedian);
        double[] cpu = v.cpu().clone();
        Arrays.sort(cpu);
        rows.add(row(v.label(), v.samples().size(), mbN, sec, cpu[rounds / 2], v.mem()[0], v.mem()[1], v.mem()[2], ratio));
      }
    } finally {
      if (peerProcess != null) {
        peerProcess.close();
      }
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
    System.out.println();
    System.out.println("| writer | samples | MB | MB/s median [best] | s median | MB per CPU-s | file MB | peak extra heap MB | peak extra RSS MB | MB/s ÷ h5py |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
  }

  private static void setThreads(int threads) {
    if (threads >= 0) {
      System.setProperty(ShardBackend.THREADS_PROPERTY, Integer.toString(threads));
    }
  }

  private static String[] row(String who, int n, double mb, double[] sortedSeconds, double cpuMedian, long fileBytes, double heapPeak, long rssPeak, double ratio) {
    double med = sortedSeconds[sortedSeconds.length / 2];
    return new String[] {
      who, Integer.toString(n), String.format(Locale.ROOT, "%.1f", mb),
      String.format(Locale.ROOT, "%.1f [%.1f]", mb / med, mb / sortedSeconds[0]),
      String.format(Locale.ROOT, "%.2f", med), String.format(Locale.ROOT, "%.1f", mb / cpuMedian),
      String.format(Locale.ROOT, "%.1f", fileBytes / 1e6),
      Double.isNaN(heapPeak) ? "-" : String.format(Locale.ROOT, "%.0f", heapPeak / 1e6),
      rssPeak < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", rssPeak / 1e6),
      Double.isNaN(ratio) ? "n/a (no peer)" : String.format(Locale.ROOT, "%.2f", ratio)
    };
  }

  /** One timed write: {nanoseconds, file bytes, peak extra heap, peak extra RSS (-1 unknown), process CPU ns}. */
  private static long[] measure(String label, ShardBackend backend, List<Sample> samples, SampleShape shape, int level, Path dir)
      throws IOException {
    Path file = dir.resolve("dpface.h5");
    System.gc();
    long heapBefore = heapUsed();
    List<MemoryPoolMXBean> pools = heapPools();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    long rssBefore = ProcMemory.rss();
    boolean hwm = ProcMemory.resetHighWaterMark();
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long c0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    long size;
    try (ShardWriter w = new ShardWriter(file, "train", shape, DpAxis.HORIZONTAL, level, backend)) {
      for (Sample s : samples) {
        w.add(s);
      }
      size = w.finish();
    }
    long nanos = System.nanoTime() - t0;
    long cpu = os.getProcessCpuTime() - c0;
    long heapPeak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - heapBefore;
    long rssPeak = hwm ? ProcMemory.highWaterMark() - rssBefore : -1;
    System.out.printf(Locale.ROOT, "  %s: %.2f s (CPU %.2f s), %.1f MB/s, file %.1f MB, peak extra heap %.0f MB, RSS %s%n", label, nanos / 1e9, cpu / 1e9,
        samples.size() * shape.sampleBytes() / 1e6 / (nanos / 1e9), size / 1e6, heapPeak / 1e6,
        rssPeak < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", rssPeak / 1e6));
    Files.deleteIfExists(file);
    return new long[] {nanos, size, heapPeak, rssPeak, cpu};
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
