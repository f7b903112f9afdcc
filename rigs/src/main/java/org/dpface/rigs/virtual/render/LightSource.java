package org.dpface.rigs.virtual.render;

import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.LightSpec;
import org.dpface.rigs.LightType;
import org.dpface.rigs.NominalGeometry;
import org.dpface.rigs.Vec3;

/**
 * A lamp for {@link LightingRenderer}: directional (unit {@code directionToLight}, world frame) or a
 * point (position in world mm, irradiance falling off as (D0 / r)² with D0 its distance to the nominal
 * subject centre), plus a virtual shadow camera.
 *
 * <p>Shadow camera: a pinhole of {@code shadowMapSize}² pixels looking at the nominal subject centre
 * and covering 1.5 subject diameters. For a point light it sits at the light. A directional light is
 * approximated by a camera {@value #DIRECTIONAL_DISTANCE_FACTOR} subject diameters away along its
 * direction, so its rays deviate from parallel by at most atan(0.75 / {@value
 * #DIRECTIONAL_DISTANCE_FACTOR}) ≈ 0.43° over the subject; the Lambert term itself uses the exact
 * direction.
 */
public final class LightSource {
  /** Distance of a directional light's shadow camera, in subject diameters. */
  public static final double DIRECTIONAL_DISTANCE_FACTOR = 100;
  /** Field covered by a shadow camera, in subject diameters. */
  public static final double SHADOW_FIELD_DIAMETERS = 1.5;

  private final String id;
  private final boolean directional;
  private final double[] vector;
  private final double referenceDistanceMm;
  private final ShadowView shadow;

  private LightSource(String id, boolean directional, double[] vector, double referenceDistanceMm, ShadowView shadow) {
    this.id = id;
    this.directional = directional;
    this.vector = vector;
    this.referenceDistanceMm = referenceDistanceMm;
    this.shadow = shadow;
  }

  /** Directional light toward {@code directionToLight} (world, normalised here). */
  public static LightSource directional(String id, Vec3 directionToLight, NominalGeometry subject, int shadowMapSize) {
    Vec3 l = directionToLight.normalized();
    Vec3 s = subject.subjectCentreMm();
    double d = DIRECTIONAL_DISTANCE_FACTOR * subject.subjectDiameterMm();
    double[] centre = {s.x() + l.x() * d, s.y() + l.y() * d, s.z() + l.z() * d};
    return new LightSource(id, true, l.toArray(), 1,
        shadowView(centre, s, d, subject.subjectDiameterMm(), shadowMapSize));
  }

  /** Point light at {@code positionMm} (world). */
  public static LightSource point(String id, Vec3 positionMm, NominalGeometry subject, int shadowMapSize) {
    Vec3 s = subject.subjectCentreMm();
    double[] p = positionMm.toArray();
    double d = Math.sqrt(sq(s.x() - p[0]) + sq(s.y() - p[1]) + sq(s.z() - p[2]));
    if (!(d > subject.subjectDiameterMm() / 2)) {
      throw new IllegalArgumentException("point light " + id + " is inside the subject volume");
    }
    return new LightSource(id, false, p, d, shadowView(p, s, d, subject.subjectDiameterMm(), shadowMapSize));
  }

  /** From a rig's light. */
  public static LightSource of(LightSpec spec, NominalGeometry subject, int shadowMapSize) {
    Objects.requireNonNull(spec, "spec");
    return spec.type() == LightType.DIRECTIONAL
        ? directional(spec.id(), spec.directionToLight().orElseThrow(), subject, shadowMapSize)
        : point(spec.id(), spec.positionMm().orElseThrow(), subject, shadowMapSize);
  }

  public String id() {
    return id;
  }

  public boolean isDirectional() {
    return directional;
  }

  /** Unit direction to the light (directional) or position in mm (point), world frame; copy. */
  public double[] vector() {
    return vector.clone();
  }

  double vector(int i) {
    return vector[i];
  }

  /** D0 of the point-light falloff (mm); 1 for a directional light (unused). */
  public double referenceDistanceMm() {
    return referenceDistanceMm;
  }

  /** The shadow camera. */
  public ShadowView shadow() {
    return shadow;
  }

  private static ShadowView shadowView(double[] centre, Vec3 target, double distance, double diameter, int size) {
    if (size < 16) {
      throw new IllegalArgumentException("shadow map size must be >= 16, got " + size);
    }
    double[] z = {target.x() - centre[0], target.y() - centre[1], target.z() - centre[2]};
    normalize(z);
    double[] hint = Math.abs(z[1]) < 0.9 ? new double[] {0, 1, 0} : new double[] {1, 0, 0};
    double[] x = cross(hint, z);
    normalize(x);
    double[] y = cross(z, x);
    double[] r = {x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]};
    double[] t = new double[3];
    for (int i = 0; i < 3; i++) {
      t[i] = -(r[i * 3] * centre[0] + r[i * 3 + 1] * centre[1] + r[i * 3 + 2] * centre[2]);
    }
    double f = size * distance / (SHADOW_FIELD_DIAMETERS * diameter);
    CameraModel model = CameraModel.pinhole(size, size, f, (size - 1) / 2.0, (size - 1) / 2.0);
    return new ShadowView(model, RigidTransform.of(r, t));
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  private static void normalize(double[] v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    v[0] /= n;
    v[1] /= n;
    v[2] /= n;
  }

  private static double sq(double v) {
    return v * v;
  }
}
