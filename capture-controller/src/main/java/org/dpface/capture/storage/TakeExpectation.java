package org.dpface.capture.storage;

import java.util.List;
import java.util.Objects;
import org.dpface.capture.board.TriggerPlan;
import org.dpface.rigs.Resolution;

/**
 * What a finished take must contain: one DP frame per camera per trigger step, of the given size,
 * 16-bit, each fired within {@code toleranceMicros} of the plan's offset after FIRE.
 *
 * @param cameraIds cameras that expose at every step (immutable copy, non-empty)
 * @param resolution size of each DP view
 * @param triggerPlan the plan the board fired
 * @param toleranceMicros allowed |measured − planned| step offset, µs
 */
public record TakeExpectation(
    List<String> cameraIds, Resolution resolution, TriggerPlan triggerPlan, long toleranceMicros) {
  public TakeExpectation {
    cameraIds = List.copyOf(cameraIds);
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(triggerPlan, "triggerPlan");
    if (cameraIds.isEmpty()) {
      throw new IllegalArgumentException("a take needs at least one camera");
    }
    if (toleranceMicros < 0) {
      throw new IllegalArgumentException("tolerance must be >= 0 µs, got " + toleranceMicros);
    }
  }

  /** Trigger steps, i.e. frames per camera. */
  public int steps() {
    return triggerPlan.size();
  }
}
