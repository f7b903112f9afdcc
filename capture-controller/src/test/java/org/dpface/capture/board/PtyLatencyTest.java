package org.dpface.capture.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures PING round-trip latency and per-step timestamp jitter over a socat pty and writes the figures to
 * {@code target/trigger-pty-latency.txt} (tests do not print). Asserted strictly: every ping answered, every
 * step reported once, in order, none early. The latency figures are held to loose sanity limits plus the
 * worst scheduling delay a {@link SchedulerProbe} saw during the measurement (the limits alone with
 * {@code -Ddpface.timing=true}, for an idle machine).
 */
class PtyLatencyTest {
  private static final int PINGS = 1000;
  private static final int STEPS = 200;
  private static final long STEP_DELAY_MICROS = 1500;
  private static final long PULSE_MICROS = 500;
  /** Sanity limits only; real figures go to the report file. */
  private static final double MAX_P99_RTT_MILLIS = 50;
  private static final long MAX_P99_JITTER_MICROS = 20_000;

  @TempDir
  Path dir;

  @Test
  void pingLatencyAndStepJitter() throws Exception {
    assumeTrue(PtyPair.socatAvailable(), PtyPair.NO_SOCAT);
    try (SchedulerProbe probe = SchedulerProbe.start();
        PtyRig rig = new PtyRig(dir, 3, SimulatedBoard.builder());
        SerialTriggerBoard host = SerialTriggerBoard.open(rig.hostPath(), SerialTriggerBoard.Options.defaults())) {
      host.identify();
      for (int i = 0; i < 50; i++) {
        host.ping(); // warm-up (JIT)
      }
      long[] rtt = new long[PINGS];
      for (int i = 0; i < PINGS; i++) {
        rtt[i] = host.ping();
        assertTrue(rtt[i] > 0, "ping " + i + " answered in " + rtt[i] + " ns");
      }
      Arrays.sort(rtt);
      List<TriggerStep> steps = new ArrayList<>();
      for (int i = 0; i < STEPS; i++) {
        steps.add(new TriggerStep(Channels.allCameras(), STEP_DELAY_MICROS, PULSE_MICROS));
      }
      TriggerPlan plan = new TriggerPlan(steps);
      host.arm(plan);
      FireResult r = host.fire();
      assertTrue(r.completed());
      assertEquals(STEPS, r.steps().size());
      for (int i = 0; i < STEPS; i++) {
        assertEquals(i, r.steps().get(i).index());
        if (i > 0) {
          assertTrue(r.steps().get(i).boardMicros() > r.steps().get(i - 1).boardMicros(), "timestamps increase at step " + i);
        }
      }
      long[] planned = plan.plannedOffsetsMicros();
      long[] actual = r.offsetsMicros();
      long[] lateness = new long[STEPS];
      long[] intervalError = new long[STEPS - 1];
      for (int i = 0; i < STEPS; i++) {
        lateness[i] = actual[i] - planned[i];
        if (i > 0) {
          intervalError[i - 1] = Math.abs((actual[i] - actual[i - 1]) - (planned[i] - planned[i - 1]));
        }
      }
      StringBuilder late = new StringBuilder();
      for (int i = 0; i < STEPS; i++) {
        if (lateness[i] > 200) {
          late.append(' ').append(i).append(':').append(lateness[i]);
        }
      }
      Arrays.sort(lateness);
      Arrays.sort(intervalError);
      double p50 = rtt[PINGS / 2] / 1e6;
      double p99 = rtt[(int) (PINGS * 0.99)] / 1e6;
      String report = String.format(java.util.Locale.ROOT,
          "PING round trip over socat pty, %d pings: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n"
              + "step timestamps, %d steps every %d us: lateness vs plan p50 %d us, p99 %d us, max %d us;"
              + " |interval error| p50 %d us, p99 %d us, max %d us%n",
          PINGS, p50, p99, rtt[PINGS - 1] / 1e6, STEPS, STEP_DELAY_MICROS + PULSE_MICROS,
          lateness[STEPS / 2], lateness[(int) (STEPS * 0.99)], lateness[STEPS - 1],
          intervalError[intervalError.length / 2], intervalError[(int) (intervalError.length * 0.99)],
          intervalError[intervalError.length - 1]) + "steps later than 200 us (index:us):" + late + "\n"
          + probe.describe() + "\n";
      Path out = Path.of("target", "trigger-pty-latency.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      assertTrue(lateness[0] >= 0, "no step fires early: " + report);
      assertTrue(p99 * 1000 < probe.allowMicros((long) (MAX_P99_RTT_MILLIS * 1000)), report);
      assertTrue(lateness[(int) (STEPS * 0.99)] < probe.allowMicros(MAX_P99_JITTER_MICROS), report);
    }
  }
}
