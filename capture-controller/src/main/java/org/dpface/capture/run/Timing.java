package org.dpface.capture.run;

/**
 * Trigger timing of a take, µs.
 *
 * @param exposureMicros shutter pulse (and light flash) width of every step
 * @param firstDelayMicros delay from FIRE to the first step
 * @param stepGapMicros gap between the end of one step's pulse and the next step (projector settle,
 *     camera readout)
 * @param toleranceMicros allowed |measured − planned| step offset when a take is verified
 */
public record Timing(long exposureMicros, long firstDelayMicros, long stepGapMicros, long toleranceMicros) {
  public Timing {
    if (exposureMicros < 1 || firstDelayMicros < 0 || stepGapMicros < 0 || toleranceMicros < 0) {
      throw new IllegalArgumentException("exposure must be >= 1 µs, delays and tolerance >= 0: " + this);
    }
  }

  /**
   * A physical board: 8 ms exposure (1/125 s), 1 ms to the first step, 40 ms between steps, steps within
   * 1 ms of plan (a firmware timer is µs-exact; this leaves room for its ISR latency).
   */
  public static Timing defaults() {
    return new Timing(8_000, 1_000, 40_000, 1_000);
  }

  /**
   * The simulated board: the same pulses, but steps within 250 ms of plan. It times steps in a JVM
   * thread on a shared host, where scheduler stalls of tens of ms happen under load (see
   * SerialTriggerBoardPtyTest); a tighter bound would fail takes for the host's load, not the rig's.
   */
  public static Timing simulatedBoard() {
    return new Timing(8_000, 1_000, 40_000, 250_000);
  }
}
