package org.dpface.rigs;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * One projector of a rig: an inverse camera with its own resolution (nominal values).
 *
 * @param id unique id across the rig's cameras, projectors and lights
 * @param model free-text projector model
 * @param resolution projector image size in pixels
 * @param intrinsics nominal intrinsics; exactly one of {@code intrinsics} and {@code throwRatio}
 * @param throwRatio throw distance / projected image width (> 0); gives fx = fy = throwRatio · width
 *     with the principal point at the image centre
 * @param driver the projector driver and its settings
 * @param projectorToWorld nominal pose: projector frame (OpenCV axes) to world (mm)
 */
public record ProjectorSpec(
    String id,
    String model,
    Resolution resolution,
    Optional<Intrinsics> intrinsics,
    OptionalDouble throwRatio,
    DriverSpec driver,
    Pose projectorToWorld) {
  public ProjectorSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(projectorToWorld, "projectorToWorld");
    if (intrinsics.isPresent() == throwRatio.isPresent()) {
      throw new IllegalArgumentException("projector " + id + " needs exactly one of intrinsics, throwRatio");
    }
  }

  /**
   * The nominal projector model: the explicit intrinsics, or from the throw ratio a distortion-free
   * pinhole with fx = fy = throwRatio · width (a plane at distance D is lit over a width D / throwRatio)
   * and the principal point at the image centre ((w − 1)/2, (h − 1)/2).
   */
  public CameraModel nominalModel() {
    if (intrinsics.isPresent()) {
      return intrinsics.get().toCameraModel(resolution);
    }
    double f = throwRatio.getAsDouble() * resolution.width();
    return CameraModel.pinhole(
        resolution.width(), resolution.height(), f, (resolution.width() - 1) / 2.0,
        (resolution.height() - 1) / 2.0);
  }

  /** The nominal {@code worldToProjector} transform. */
  public RigidTransform worldToProjector() {
    return projectorToWorld.toTransform().invert();
  }

  /** Nominal full field of view in radians, {horizontal, vertical}; see {@link CameraSpec#fieldOfViewRad}. */
  public double[] fieldOfViewRad() {
    return CameraSpec.fieldOfView(nominalModel());
  }
}
