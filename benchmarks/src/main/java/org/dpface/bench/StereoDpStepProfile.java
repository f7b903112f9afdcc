package org.dpface.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the tiny StereoDP training step (or inference) spends its time: runs {@code steps} training steps or
 * inferences of one shape (as {@link StereoDpVsPyTorch} times them) under libtorch's autograd profiler (DJL {@code JniUtils.startProfile}),
 * then prints the steps' thread CPU time against the time spent inside libtorch ops (top-level ops of the
 * profiler trace, forward and backward), the number of op calls per step, and the ops with the most self time.
 * CPU time minus op time is the Java/JNI side (DJL bookkeeping, host arrays, JNI crossings).
 *
 * <p>Usage: {@code StereoDpStepProfile [steps] [--shape train:4x48x48|infer:1x240x320] [--top 25] [--by-shape]} (--by-shape: ops
 * grouped by name and input shapes); runs on 1 intra-op thread.
 */
public final class StereoDpStepProfile {
  private StereoDpStepProfile() {}

  /** One profiler event: op name, start and duration (µs), thread. */
  private record Event(String name, double ts, double dur, long tid) {}

  public static void main(String[] args) throws Exception {
    int steps = 5;
    int top = 25;
    boolean byShape = false;
    StereoDpVsPyTorch.Case c = new StereoDpVsPyTorch.Case("train", 4, 48, 48);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--shape" -> c = StereoDpVsPyTorch.Case.parse(args[++i]);
        case "--top" -> top = Integer.parseInt(args[++i]);
        case "--by-shape" -> byShape = true;
        default -> steps = Integer.parseInt(args[i]);
      }
    }
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    StereoDpVsPyTorch.Env env = StereoDpVsPyTorch.demoEnv();
    // warm-up without the profiler, then the profiled steps
    boolean train = c.kind().equals("train");
    double[] plain = train ? StereoDpVsPyTorch.trainSteps(env, c, steps, () -> {}, () -> {})
        : StereoDpVsPyTorch.inferences(env, c, steps, () -> {}, () -> {});
    boolean shapes = byShape;
    Path trace = Files.createTempFile("dpface-stereodp-profile", ".json");
    Runnable start = () -> JniUtils.startProfile(false, shapes, false);
    Runnable stop = () -> JniUtils.stopProfile(trace.toString());
    double[] profiled = train ? StereoDpVsPyTorch.trainSteps(env, c, steps, start, stop)
        : StereoDpVsPyTorch.inferences(env, c, steps, start, stop);
    List<Event> events = read(trace);
    if (!Boolean.getBoolean("dpface.keepTrace")) {
      Files.deleteIfExists(trace);
    } else {
      System.out.println("trace: " + trace);
    }

    Map<String, double[]> self = new HashMap<>(); // name -> {self µs, calls}
    double topLevel = 0;
    long topCalls = 0;
    Map<Long, List<Event>> byThread = new HashMap<>();
    for (Event e : events) {
      byThread.computeIfAbsent(e.tid(), t -> new ArrayList<>()).add(e);
    }
    for (List<Event> list : byThread.values()) {
      list.sort(Comparator.comparingDouble(Event::ts).thenComparing(Comparator.comparingDouble(Event::dur).reversed()));
      Deque<double[]> stack = new ArrayDeque<>(); // {end, child time, index}
      Deque<Event> open = new ArrayDeque<>();
      for (Event e : list) {
        while (!open.isEmpty() && stack.peek()[0] <= e.ts()) {
          close(stack.pop(), open.pop(), self);
        }
        if (open.isEmpty()) {
          topLevel += e.dur();
          topCalls++;
        } else {
          stack.peek()[1] += e.dur();
        }
        open.push(e);
        stack.push(new double[] {e.ts() + e.dur(), 0});
      }
      while (!open.isEmpty()) {
        close(stack.pop(), open.pop(), self);
      }
    }
    System.out.printf(Locale.ROOT, "StereoDP tiny, %s, 1 thread: %d timed runs%n", c, steps);
    System.out.printf(Locale.ROOT, "without profiler: median %.1f ms wall, %.1f ms thread CPU per step%n",
        BenchStats.median(java.util.Arrays.copyOf(plain, steps)),
        BenchStats.median(java.util.Arrays.copyOfRange(plain, steps, 2 * steps)));
    double cpu = java.util.Arrays.stream(profiled, steps, 2 * steps).sum() / steps;
    System.out.printf(Locale.ROOT, "profiled: %.1f ms thread CPU per step, of which %.1f ms inside %d top-level libtorch"
        + " ops per step (%.1f %%); the rest (%.1f ms) is Java, DJL and JNI%n", cpu, topLevel / 1e3 / steps,
        topCalls / steps, 100 * topLevel / 1e3 / steps / cpu, cpu - topLevel / 1e3 / steps);
    System.out.printf("%n| op | self ms / step | calls / step |%n|---|---:|---:|%n");
    int n = steps;
    self.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).limit(top)
        .forEach(e -> System.out.printf(Locale.ROOT, "| %s | %.2f | %.0f |%n", e.getKey(), e.getValue()[0] / 1e3 / n,
            e.getValue()[1] / n));
  }

  private static void close(double[] frame, Event e, Map<String, double[]> self) {
    double[] acc = self.computeIfAbsent(e.name(), n -> new double[2]);
    acc[0] += e.dur() - frame[1];
    acc[1]++;
  }

  private static List<Event> read(Path trace) throws java.io.IOException {
    JsonNode root = new ObjectMapper().readTree(trace.toFile());
    JsonNode arr = root.isArray() ? root : root.path("traceEvents");
    List<Event> out = new ArrayList<>();
    for (JsonNode n : arr) {
      if ("X".equals(n.path("ph").asText()) && n.has("dur")) {
        JsonNode dims = n.path("shape");
        String name = n.path("name").asText() + (dims.isMissingNode() ? "" : " " + dims);
        out.add(new Event(name, n.path("ts").asDouble(), n.path("dur").asDouble(),
            n.path("tid").asLong()));
      }
    }
    return out;
  }
}
