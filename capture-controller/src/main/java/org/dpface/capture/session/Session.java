package org.dpface.capture.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one capture session: who (pseudonymous subject, operator initials), with what (rig,
 * calibration), the plan and every take so far.
 *
 * @param id {@code <subject>-ses-NN}
 * @param subjectId {@code sub-NNNN}
 * @param rigId the rig description's id
 * @param calibrationId the calibration in force, e.g. {@code cal-2024-05-02}
 * @param operator operator initials or pseudonym, 1 to 8 letters or digits
 * @param created creation time (UTC)
 * @param plan the capture plan
 * @param takes every take in creation order (immutable copy)
 */
public record Session(
    String id, String subjectId, String rigId, String calibrationId, String operator, Instant created,
    CapturePlan plan, List<Take> takes) {
  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(rigId, "rigId");
    Objects.requireNonNull(calibrationId, "calibrationId");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(plan, "plan");
    takes = List.copyOf(takes);
    if (operator == null || !operator.matches("[A-Za-z0-9]{1,8}")) {
      throw new IllegalArgumentException("operator must be 1-8 letters or digits (initials, no names), got "
          + operator);
    }
  }

  /** The take with {@code takeId}. */
  public Optional<Take> take(String takeId) {
    return takes.stream().filter(t -> t.id().equals(takeId)).findFirst();
  }

  /** The first take still to capture, in plan order; empty when the plan is done. */
  public Optional<Take> nextPlanned() {
    return takes.stream().filter(t -> t.state() == TakeState.PLANNED).findFirst();
  }

  /** True when every spec of the plan has a COMPLETE take. */
  public boolean done() {
    return plan.takes().stream().allMatch(s -> takes.stream()
        .anyMatch(t -> t.spec().equals(s) && t.state() == TakeState.COMPLETE));
  }
}
