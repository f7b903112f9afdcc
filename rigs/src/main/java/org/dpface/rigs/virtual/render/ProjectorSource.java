package org.dpface.rigs.virtual.render;

import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.Vec3;

/**
 * A projector as a light source: its nominal model and pose (a {@link ShadowView} that also serves as
 * its shadow map), the working distance D0 at which its irradiance factor is 1, and its lens.
 *
 * <p>D0 is the planar depth (projector frame, mm) of the rig's nominal subject centre.
 */
public final class ProjectorSource {
  private final String id;
  private final ShadowView view;
  private final double workingDistanceMm;
  private final ProjectorOptics optics;

  /**
   * @param id projector id
   * @param model nominal projector model (pixels, distortion included)
   * @param worldToProjector pose (mm)
   * @param workingDistanceMm D0, planar depth where the geometry factor of a fronto-parallel surface is 1
   * @param optics projector lens (defocus)
   */
  public ProjectorSource(
      String id, CameraModel model, RigidTransform worldToProjector, double workingDistanceMm, ProjectorOptics optics) {
    this.id = Objects.requireNonNull(id, "id");
    this.view = new ShadowView(model, worldToProjector);
    if (!(workingDistanceMm > 0) || !Double.isFinite(workingDistanceMm)) {
      throw new IllegalArgumentException("workingDistanceMm must be finite and > 0, got " + workingDistanceMm);
    }
    this.workingDistanceMm = workingDistanceMm;
    this.optics = Objects.requireNonNull(optics, "optics");
  }

  /**
   * From a rig's projector: nominal model and pose, D0 = planar depth of {@code subjectCentreMm}
   * (world), default optics ({@link ProjectorOptics#defaultFor}) focused at D0.
   */
  public static ProjectorSource of(ProjectorSpec spec, Vec3 subjectCentreMm) {
    RigidTransform w2p = spec.worldToProjector();
    double[] c = new double[3];
    w2p.transformPoint(subjectCentreMm.x(), subjectCentreMm.y(), subjectCentreMm.z(), c, 0);
    if (!(c[2] > 0)) {
      throw new IllegalArgumentException("subject centre is behind projector " + spec.id());
    }
    return new ProjectorSource(spec.id(), spec.nominalModel(), w2p, c[2], ProjectorOptics.defaultFor(c[2]));
  }

  public String id() {
    return id;
  }

  public CameraModel model() {
    return view.model();
  }

  public RigidTransform worldToProjector() {
    return view.worldToView();
  }

  /** The projector's shadow map (rendered by {@link IlluminationScene#render}). */
  public ShadowView view() {
    return view;
  }

  public double workingDistanceMm() {
    return workingDistanceMm;
  }

  public ProjectorOptics optics() {
    return optics;
  }

  /** Geometric-mean focal length in pixels. */
  public double focalPx() {
    return Math.sqrt(view.model().fx() * view.model().fy());
  }
}
