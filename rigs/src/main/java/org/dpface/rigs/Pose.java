package org.dpface.rigs;

import java.util.Objects;
import org.dpface.core.geom.RigidTransform;

/**
 * A nominal rigid pose {@code aToB}: X_b = R X_a + t. The rig file names the direction in the field
 * ({@code cameraToWorld}, {@code projectorToWorld}), so the translation is the device's optical centre
 * in world coordinates (mm) and the rotation's columns are the device axes (x right, y down, z forward)
 * in the world frame.
 *
 * <p>Stored canonically as an axis-angle (Rodrigues) vector in radians, as OpenCV's rvec; a file may
 * give the rotation as a 3x3 matrix instead, which is converted on reading.
 */
public record Pose(Vec3 rodrigues, Vec3 translationMm) {
  public Pose {
    Objects.requireNonNull(rodrigues, "rodrigues");
    Objects.requireNonNull(translationMm, "translationMm");
  }

  /** The identity pose. */
  public static Pose identity() {
    return new Pose(Vec3.ZERO, Vec3.ZERO);
  }

  /** The pose of a core transform. */
  public static Pose of(RigidTransform aToB) {
    return new Pose(Vec3.of(aToB.rodrigues()), Vec3.of(aToB.translation()));
  }

  /** The core transform {@code aToB}. */
  public RigidTransform toTransform() {
    return RigidTransform.fromRodrigues(rodrigues.toArray(), translationMm.toArray());
  }
}
