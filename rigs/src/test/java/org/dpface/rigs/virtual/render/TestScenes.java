package org.dpface.rigs.virtual.render;

import java.util.List;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.rigs.NominalGeometry;
import org.dpface.rigs.Vec3;

/**
 * Small analytic scenes for the render tests (world frame = camera frame, mm): a tilted plane through
 * (0, 0, 1000), optionally with a square plate occluder in front of it, a 160x120 camera at the
 * origin and a distorted projector to the right looking at the plane centre.
 */
final class TestScenes {
  static final double PLANE_Z = 1000;
  /** Plane tilt about the y axis (radians). */
  static final double TILT = Math.toRadians(20);
  /** Plane normal (unit, toward the camera: n · X &lt; 0 on the plane). */
  static final double[] PLANE_N = {Math.sin(TILT), 0, -Math.cos(TILT)};
  /** Occluder plate: fronto-parallel square at this depth, centre and half size (mm). */
  static final double PLATE_Z = 750;
  static final double PLATE_CX = 60;
  static final double PLATE_CY = 0;
  static final double PLATE_HALF = 40;
  static final double[] PROJECTOR_CENTRE = {300, -50, 0};

  static final CameraModel CAMERA = CameraModel.pinhole(160, 120, 200, 79.5, 59.5);
  static final NominalGeometry SUBJECT = new NominalGeometry(new Vec3(0, 0, PLANE_Z), 600);

  private TestScenes() {}

  /** A distorted projector of the given size at {@link #PROJECTOR_CENTRE} looking at (0, 0, 1000). */
  static ProjectorSource projector(int width, int height, double f, ProjectorOptics optics) {
    CameraModel model = new CameraModel(width, height, f, f * 1.01, (width - 1) / 2.0 + 3, (height - 1) / 2.0 - 2,
        new double[] {-0.08, 0.02, 0.001, -0.0005, 0});
    RigidTransform w2p = lookAt(PROJECTOR_CENTRE, new double[] {0, 0, PLANE_Z});
    double[] c = w2p.apply(new double[] {0, 0, PLANE_Z});
    return new ProjectorSource("proj", model, w2p, c[2], optics);
  }

  static ProjectorSource projector() {
    return projector(200, 150, 250, ProjectorOptics.pinhole(1000));
  }

  /** worldToView of a camera at {@code eye} whose z axis points at {@code target} (y roughly down). */
  static RigidTransform lookAt(double[] eye, double[] target) {
    double[] z = norm(new double[] {target[0] - eye[0], target[1] - eye[1], target[2] - eye[2]});
    double[] x = norm(cross(new double[] {0, 1, 0}, z));
    double[] y = cross(z, x);
    double[] r = {x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]};
    double[] t = new double[3];
    for (int i = 0; i < 3; i++) {
      t[i] = -(r[i * 3] * eye[0] + r[i * 3 + 1] * eye[1] + r[i * 3 + 2] * eye[2]);
    }
    return RigidTransform.of(r, t);
  }

  /** The tilted plane (2 triangles, ids 0 and 1), with the plate (ids 2 and 3) when asked. */
  static TriangleMesh mesh(boolean withPlate) {
    // Plane axes: e1 in the tilted x-z direction, e2 = y.
    double[] e1 = {Math.cos(TILT), 0, Math.sin(TILT)};
    double s = 900;
    float[] pos = new float[withPlate ? 24 : 12];
    double[][] corners = {{-s, -s}, {s, -s}, {s, s}, {-s, s}};
    for (int i = 0; i < 4; i++) {
      pos[i * 3] = (float) (corners[i][0] * e1[0]);
      pos[i * 3 + 1] = (float) corners[i][1];
      pos[i * 3 + 2] = (float) (PLANE_Z + corners[i][0] * e1[2]);
    }
    int[] faces;
    if (withPlate) {
      double h = PLATE_HALF;
      double[][] pc = {{-h, -h}, {h, -h}, {h, h}, {-h, h}};
      for (int i = 0; i < 4; i++) {
        pos[12 + i * 3] = (float) (PLATE_CX + pc[i][0]);
        pos[12 + i * 3 + 1] = (float) (PLATE_CY + pc[i][1]);
        pos[12 + i * 3 + 2] = (float) PLATE_Z;
      }
      faces = new int[] {0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7};
    } else {
      faces = new int[] {0, 1, 2, 0, 2, 3};
    }
    return new TriangleMesh(pos, faces);
  }

  /** Scene with one projector and the given lamps. */
  static IlluminationScene scene(ProjectorSource projector, List<LightSource> lights, boolean shadows) {
    return new IlluminationScene(List.of(projector), lights, shadows);
  }

  /** World point where the camera ray through pixel (u, v) meets the plane. */
  static double[] planePoint(double u, double v) {
    double[] xy = new double[2];
    CAMERA.unproject(u, v, xy, 0);
    double[] d = {xy[0], xy[1], 1};
    // n · X = n · P0 with P0 = (0, 0, PLANE_Z).
    double t = PLANE_N[2] * PLANE_Z / (PLANE_N[0] * d[0] + PLANE_N[1] * d[1] + PLANE_N[2] * d[2]);
    return new double[] {t * d[0], t * d[1], t * d[2]};
  }

  /** True when the segment from {@code p} to {@code q} crosses the plate; {@code margin[0]} gets the
   *  distance (mm) of the crossing from the plate's edge (negative outside). */
  static boolean segmentHitsPlate(double[] p, double[] q, double[] margin) {
    double t = (PLATE_Z - p[2]) / (q[2] - p[2]);
    if (!(t > 0 && t < 1)) {
      margin[0] = -1e9;
      return false;
    }
    double x = p[0] + t * (q[0] - p[0]) - PLATE_CX;
    double y = p[1] + t * (q[1] - p[1]) - PLATE_CY;
    double m = PLATE_HALF - Math.max(Math.abs(x), Math.abs(y));
    margin[0] = m;
    return m > 0;
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  static double[] norm(double[] v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return new double[] {v[0] / n, v[1] / n, v[2] / n};
  }

  static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }
}
