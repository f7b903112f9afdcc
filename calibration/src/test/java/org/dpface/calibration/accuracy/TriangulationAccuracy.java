package org.dpface.calibration.accuracy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidAlignment;
import org.dpface.core.geom.RigidTransform;
import org.dpface.reconstruction.triangulate.TriangulationMethod;
import org.dpface.reconstruction.triangulate.TwoViewTriangulation;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;

/**
 * The geometric part of the reconstruction error a calibration causes, without rendering a take: points
 * on a 100 mm sphere at the rig's subject centre (a head-sized surface), each seen by a camera where its
 * normal faces the camera (cosine ≥ 0.3) and lit by a projector likewise, are projected through the TRUE
 * camera and projector (exact pixel, exact decoded code) and triangulated through the CALIBRATED pair the
 * way the reconstruction does it ({@link TwoViewTriangulation}, camera ray). The calibrated rig frame is
 * carried into the truth's by the reconstruction scorer's rule (Horn fit of every camera's centre and a
 * point 1 m along its axis), then each point's distance to the sphere is its error: per camera-projector
 * pair, and per point the mean over the pairs that see it (what fusing the depth maps approximates).
 */
final class TriangulationAccuracy {
  static final double RADIUS_MM = 100;
  private static final double MIN_COS = 0.3;

  /** A calibrated device: model and world (calibration frame) to device. */
  record Device(CameraModel model, RigidTransform worldToDevice) {}

  /** Error quantiles (mm): per pair median/p95, fused (per point mean) median/p95, and sample counts. */
  record Figures(double pairMedian, double pairP95, double fusedMedian, double fusedP95, int pairSamples,
      int points) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT,
          "pairs median %.4f p95 %.4f mm (%d) | fused median %.4f p95 %.4f mm (%d points)", pairMedian, pairP95,
          pairSamples, fusedMedian, fusedP95, points);
    }
  }

  private TriangulationAccuracy() {}

  /**
   * @param cams calibrated cameras in rig order
   * @param projs calibrated projectors in rig order (null entries skipped)
   * @param cameraSubset camera indices used (and aligned over)
   */
  static Figures measure(RigDescription rig, List<Device> cams, List<Device> projs, int[] cameraSubset) {
    double[] centre = rig.nominalGeometry().subjectCentreMm().toArray();
    RigidTransform align = alignment(rig, cams, cameraSubset);
    List<Double> pair = new ArrayList<>();
    List<Double> fused = new ArrayList<>();
    int n = 4000;
    double golden = Math.PI * (3 - Math.sqrt(5));
    double[] uv = new double[2];
    double[] q = new double[2];
    double[] xn = new double[2];
    double[] qn = new double[2];
    double[] cam = new double[3];
    double[] out = new double[TwoViewTriangulation.OUT_SIZE];
    double[] w = new double[3];
    double[] a = new double[3];
    TwoViewTriangulation[][] tri = new TwoViewTriangulation[cams.size()][projs.size()];
    for (int c : cameraSubset) {
      for (int j = 0; j < projs.size(); j++) {
        if (projs.get(j) != null) {
          RigidTransform camToProj = cams.get(c).worldToDevice().invert().then(projs.get(j).worldToDevice());
          tri[c][j] = new TwoViewTriangulation(camToProj, Math.sqrt(cams.get(c).model().fx() * cams.get(c).model().fy()),
              Math.sqrt(projs.get(j).model().fx() * projs.get(j).model().fy()));
        }
      }
    }
    for (int i = 0; i < n; i++) {
      // Fibonacci sphere, front hemisphere only (normal toward −z, the rig)
      double nz = -(1 - (i + 0.5) / n);
      double r = Math.sqrt(1 - nz * nz);
      double nx = r * Math.cos(golden * i);
      double ny = r * Math.sin(golden * i);
      double[] x = {centre[0] + RADIUS_MM * nx, centre[1] + RADIUS_MM * ny, centre[2] + RADIUS_MM * nz};
      double sum = 0;
      int k = 0;
      for (int c : cameraSubset) {
        CameraSpec cs = rig.cameras().get(c);
        if (!faces(cs.worldToCamera(), x, nx, ny, nz)) {
          continue;
        }
        cs.worldToCamera().transformPoint(x[0], x[1], x[2], cam, 0);
        CameraModel tm = cs.nominalModel();
        if (!tm.project(cam[0], cam[1], cam[2], uv, 0) || !tm.isInside(uv[0], uv[1])) {
          continue;
        }
        for (int j = 0; j < projs.size(); j++) {
          if (tri[c][j] == null) {
            continue;
          }
          ProjectorSpec ps = rig.projectors().get(j);
          if (!faces(ps.worldToProjector(), x, nx, ny, nz)) {
            continue;
          }
          ps.worldToProjector().transformPoint(x[0], x[1], x[2], cam, 0);
          CameraModel pm = ps.nominalModel();
          if (!pm.project(cam[0], cam[1], cam[2], q, 0) || !pm.isInside(q[0], q[1])) {
            continue;
          }
          if (!cams.get(c).model().unproject(uv[0], uv[1], xn, 0)
              || !projs.get(j).model().unproject(q[0], q[1], qn, 0)
              || !tri[c][j].triangulate(TriangulationMethod.CAMERA_RAY, xn[0], xn[1], qn[0], qn[1], out, 0)) {
            continue;
          }
          cams.get(c).worldToDevice().invert().transformPoint(out[0], out[1], out[2], w, 0);
          align.transformPoint(w[0], w[1], w[2], a, 0);
          double e = Math.abs(Math.sqrt(sq(a[0] - centre[0]) + sq(a[1] - centre[1]) + sq(a[2] - centre[2]))
              - RADIUS_MM);
          pair.add(e);
          double signed = Math.sqrt(sq(a[0] - centre[0]) + sq(a[1] - centre[1]) + sq(a[2] - centre[2])) - RADIUS_MM;
          sum += signed;
          k++;
        }
      }
      if (k > 0) {
        fused.add(Math.abs(sum / k));
      }
    }
    double[] p = quantiles(pair);
    double[] f = quantiles(fused);
    return new Figures(p[0], p[1], f[0], f[1], pair.size(), fused.size());
  }

  /** Horn fit, calibration frame → truth, over the subset's camera centres and points 1 m along their axes. */
  static RigidTransform alignment(RigDescription rig, List<Device> cams, int[] subset) {
    double[] rec = new double[6 * subset.length];
    double[] tru = new double[6 * subset.length];
    for (int k = 0; k < subset.length; k++) {
      int c = subset[k];
      RigidTransform r = cams.get(c).worldToDevice().invert();
      RigidTransform t = rig.cameras().get(c).worldToCamera().invert();
      r.transformPoint(0, 0, 0, rec, 6 * k);
      r.transformPoint(0, 0, 1000, rec, 6 * k + 3);
      t.transformPoint(0, 0, 0, tru, 6 * k);
      t.transformPoint(0, 0, 1000, tru, 6 * k + 3);
    }
    return RigidAlignment.fit(rec, tru);
  }

  private static boolean faces(RigidTransform worldToDevice, double[] x, double nx, double ny, double nz) {
    double[] c = new double[3];
    worldToDevice.invert().transformPoint(0, 0, 0, c, 0);
    double dx = c[0] - x[0];
    double dy = c[1] - x[1];
    double dz = c[2] - x[2];
    double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
    return (dx * nx + dy * ny + dz * nz) / d >= MIN_COS;
  }

  private static double[] quantiles(List<Double> v) {
    if (v.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    return new double[] {s[s.length / 2], s[(int) Math.min(s.length - 1, Math.round(0.95 * (s.length - 1)))]};
  }

  private static double sq(double x) {
    return x * x;
  }
}
