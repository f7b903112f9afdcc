package org.dpface.rigs;

import java.util.Objects;
import java.util.Optional;

/**
 * A light source. A directional light has {@code directionToLight}: a unit vector in the world frame
 * pointing from the subject toward the light (the "l" of n·l shading). A point light has
 * {@code positionMm} in world coordinates. The light is switched by the trigger-board channels that
 * target its id (see {@link TriggerBoardSpec}); {@code driver} says what sits behind that channel.
 */
public record LightSpec(
    String id,
    LightType type,
    Optional<Vec3> directionToLight,
    Optional<Vec3> positionMm,
    DriverSpec driver) {
  public LightSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(driver, "driver");
    if (directionToLight.isPresent() != (type == LightType.DIRECTIONAL)
        || positionMm.isPresent() != (type == LightType.POINT)) {
      throw new IllegalArgumentException(
          "a directional light has only a direction, a point light only a position: " + id);
    }
  }

  /** A directional light. */
  public static LightSpec directional(String id, Vec3 directionToLight, DriverSpec driver) {
    return new LightSpec(id, LightType.DIRECTIONAL, Optional.of(directionToLight), Optional.empty(), driver);
  }

  /** A point light. */
  public static LightSpec point(String id, Vec3 positionMm, DriverSpec driver) {
    return new LightSpec(id, LightType.POINT, Optional.empty(), Optional.of(positionMm), driver);
  }
}
