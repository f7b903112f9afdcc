package org.dpface.capture.session;

/**
 * One trigger step of a take: all cameras expose once.
 *
 * @param index 0-based step index within the take
 * @param kind structured-light pattern or DP shot under one light
 * @param label {@code sl-007} for pattern 7, {@code light-<lightId>} for a DP shot
 */
public record PlanStep(int index, Kind kind, String label) {
  /** What is lit during the step. */
  public enum Kind {
    /** The projector shows a structured-light pattern. */
    STRUCTURED_LIGHT,
    /** One directional light is on, projector dark. */
    DP_LIGHT
  }
}
