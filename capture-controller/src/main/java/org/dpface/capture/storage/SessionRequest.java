package org.dpface.capture.storage;

import java.util.Objects;
import org.dpface.capture.session.CapturePlan;

/**
 * What a new session needs.
 *
 * @param subjectId {@code sub-NNNN} from the subject registry
 * @param rigId rig description id
 * @param calibrationId calibration in force
 * @param operator operator initials, 1-8 letters or digits
 * @param plan the capture plan
 */
public record SessionRequest(String subjectId, String rigId, String calibrationId, String operator, CapturePlan plan) {
  public SessionRequest {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(rigId, "rigId");
    Objects.requireNonNull(calibrationId, "calibrationId");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(plan, "plan");
  }
}
