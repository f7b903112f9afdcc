package org.dpface.capture.board;

import java.util.List;

/**
 * The outcome of one FIRE.
 *
 * @param planId the plan fired
 * @param fireMicros board time at which FIRE was accepted, µs since its boot
 * @param completed true if every step fired; false if the plan was aborted
 * @param steps the fired steps in order, timestamps strictly increasing
 */
public record FireResult(int planId, long fireMicros, boolean completed, List<StepResult> steps) {
  public FireResult {
    steps = List.copyOf(steps);
  }

  /** Rising-edge times relative to FIRE, µs (allocates). */
  public long[] offsetsMicros() {
    long[] out = new long[steps.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = steps.get(i).boardMicros() - fireMicros;
    }
    return out;
  }
}
