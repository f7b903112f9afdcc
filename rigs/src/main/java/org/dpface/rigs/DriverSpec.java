package org.dpface.rigs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Which driver talks to a device and its free-form settings, interpreted by that driver (the capture
 * controller), not by this module. Examples of {@code type}: {@code "virtual"}, {@code "hot-folder"},
 * {@code "ffmpeg"}, {@code "display"}, {@code "trigger"}. The settings object is deep-copied on the way
 * in and out, so the record stays immutable.
 */
public record DriverSpec(String type, ObjectNode settings) {
  public DriverSpec {
    Objects.requireNonNull(type, "type");
    settings = settings == null ? JsonNodeFactory.instance.objectNode() : settings.deepCopy();
  }

  /** A driver with no settings. */
  public static DriverSpec of(String type) {
    return new DriverSpec(type, null);
  }

  /** A copy of the settings object. */
  @Override
  public ObjectNode settings() {
    return settings.deepCopy();
  }
}
