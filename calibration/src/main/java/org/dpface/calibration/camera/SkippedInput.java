package org.dpface.calibration.camera;

import java.util.Objects;

/**
 * An input a calibration could not use, with the reason (for reports and calibration.json).
 *
 * @param source input name
 * @param reason why it was not used
 */
public record SkippedInput(String source, String reason) {
  public SkippedInput {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }
}
