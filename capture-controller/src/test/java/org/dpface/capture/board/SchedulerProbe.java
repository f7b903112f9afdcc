package org.dpface.capture.board;

import java.util.concurrent.locks.LockSupport;

/**
 * The timing baseline of a test, measured in the same run: a daemon thread parks for {@link #PERIOD_NANOS}
 * again and again and records how much longer than asked each park took, i.e. how long a waiting thread
 * of this JVM waited for a core. The simulated board times its steps the same way (park, then spin), so a
 * step's lateness beyond what the probe saw over the same window is the simulator's, not the machine's.
 *
 * <p>Timing bounds of the simulator tests are therefore {@code bound + probe.maxOversleepMicros()} by
 * default, and the plain bound (no allowance) with {@code -Ddpface.timing=true} on an idle machine, like the
 * project's other timing checks. Order, counts and "never early" are asserted strictly either way.
 */
final class SchedulerProbe implements AutoCloseable {
  /** One park, 1 ms: 1000 wake-ups a second, negligible load. */
  static final long PERIOD_NANOS = 1_000_000;

  private final Thread thread;
  private volatile boolean running = true;
  private volatile long maxOversleepNanos;
  private volatile long samples;

  private SchedulerProbe() {
    thread = new Thread(this::run, "scheduler-probe");
    thread.setDaemon(true);
  }

  /** Starts a probe; close it when the timed work is done. */
  static SchedulerProbe start() {
    SchedulerProbe p = new SchedulerProbe();
    p.thread.start();
    return p;
  }

  /** Whether the strict, absolute timing bounds apply ({@code -Ddpface.timing=true}). */
  static boolean strict() {
    return Boolean.getBoolean("dpface.timing");
  }

  private void run() {
    while (running) {
      long t0 = System.nanoTime();
      LockSupport.parkNanos(PERIOD_NANOS);
      long over = System.nanoTime() - t0 - PERIOD_NANOS;
      if (over > maxOversleepNanos) {
        maxOversleepNanos = over;
      }
      samples++;
    }
  }

  /** The longest extra wait of one park so far (µs). */
  long maxOversleepMicros() {
    return maxOversleepNanos / 1000;
  }

  /**
   * {@code boundMicros} plus the worst scheduling delay seen so far, or {@code boundMicros} alone when
   * {@link #strict()}.
   */
  long allowMicros(long boundMicros) {
    return strict() ? boundMicros : boundMicros + maxOversleepMicros();
  }

  /** A line for assertion messages. */
  String describe() {
    return "scheduler probe: worst extra park wait " + maxOversleepMicros() + " µs over " + samples + " parks"
        + (strict() ? " (strict bounds: -Ddpface.timing=true)" : " (added to the bounds)");
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
