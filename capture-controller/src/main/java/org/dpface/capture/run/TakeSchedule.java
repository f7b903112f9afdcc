package org.dpface.capture.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dpface.capture.board.TriggerPlan;
import org.dpface.capture.session.PlanStep;
import org.dpface.capture.storage.TakeExpectation;
import org.dpface.rigs.Resolution;

/**
 * Everything the host sets up for one take: the trigger plan (one step per capture-plan step, every
 * camera's shutter in each), the pattern list each projector is loaded with, and what the stored take
 * must contain.
 *
 * @param triggerPlan the board's plan
 * @param steps the capture-plan steps, index i fired by trigger step i (immutable copy)
 * @param cameraIds cameras exposed at every step (immutable copy)
 * @param projectorPatterns pattern ids per projector id, in rig order (immutable copy)
 * @param resolution size of each DP view of every camera
 * @param timing pulse widths, gaps and tolerance
 */
public record TakeSchedule(
    TriggerPlan triggerPlan, List<PlanStep> steps, List<String> cameraIds,
    Map<String, List<String>> projectorPatterns, Resolution resolution, Timing timing) {
  public TakeSchedule {
    Objects.requireNonNull(triggerPlan, "triggerPlan");
    steps = List.copyOf(steps);
    cameraIds = List.copyOf(cameraIds);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    projectorPatterns.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    projectorPatterns = java.util.Collections.unmodifiableMap(copy);
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(timing, "timing");
    if (steps.size() != triggerPlan.size()) {
      throw new IllegalArgumentException(steps.size() + " plan steps but " + triggerPlan.size() + " trigger steps");
    }
  }

  /** What {@code TakeVerifier} checks the stored take against. */
  public TakeExpectation expectation() {
    return new TakeExpectation(cameraIds, resolution, triggerPlan, timing.toleranceMicros());
  }

  /** Frames per take: cameras × steps. */
  public int frameCount() {
    return cameraIds.size() * steps.size();
  }
}
