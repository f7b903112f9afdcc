package org.dpface.capture.board;

import java.util.List;

/**
 * An ordered list of {@link TriggerStep}s fired by one FIRE. Step i's rising edge is at
 * {@code offset(i) = offset(i-1) + pulse(i-1) + delay(i)} µs after FIRE, {@code offset(0) = delay(0)}.
 *
 * @param steps at least one step
 */
public record TriggerPlan(List<TriggerStep> steps) {
  public TriggerPlan {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a trigger plan needs at least one step");
    }
  }

  /** Number of steps. */
  public int size() {
    return steps.size();
  }

  /** Planned rising-edge time of every step, µs after the board received FIRE (allocates). */
  public long[] plannedOffsetsMicros() {
    long[] out = new long[steps.size()];
    long t = 0;
    for (int i = 0; i < out.length; i++) {
      TriggerStep s = steps.get(i);
      if (i > 0) {
        t += steps.get(i - 1).pulseMicros();
      }
      t += s.delayMicros();
      out[i] = t;
    }
    return out;
  }

  /** Planned time from FIRE to the falling edge of the last pulse, µs. */
  public long durationMicros() {
    long[] off = plannedOffsetsMicros();
    return off[off.length - 1] + steps.get(steps.size() - 1).pulseMicros();
  }

  /** OR of all channel masks. */
  public int usedChannels() {
    int m = 0;
    for (TriggerStep s : steps) {
      m |= s.channelMask();
    }
    return m;
  }
}
