package org.dpface.capture.session;

import java.util.Objects;
import java.util.Optional;

/**
 * One take of a session.
 *
 * @param id {@code take-NNNN}, unique in the session, never reused
 * @param spec what it captures
 * @param attempt 1 for the first try of {@code spec}, +1 per retake
 * @param state where it stands
 * @param reason why it failed or is incomplete; empty otherwise
 * @param supersededBy the retake that replaced it
 */
public record Take(
    String id, TakeSpec spec, int attempt, TakeState state, Optional<String> reason,
    Optional<String> supersededBy) {
  public Take {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(supersededBy, "supersededBy");
  }

  /** A copy in {@code newState} with {@code newReason}. */
  public Take with(TakeState newState, Optional<String> newReason) {
    return new Take(id, spec, attempt, newState, newReason, supersededBy);
  }
}
