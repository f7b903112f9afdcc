package org.dpface.calibration.rig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidAlignment;
import org.dpface.core.geom.RigidTransform;
import org.dpface.reconstruction.triangulate.TriangulationMethod;
import org.dpface.reconstruction.triangulate.TwoViewTriangulation;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;

/**
 * How consistent a calibrated rig is with a reference rig (the virtual rig's truth) where the reconstruction
 * uses it: points on a head-sized sphere (radius {@value #RADIUS_MM} mm) at the reference's subject centre, each
 * seen by a camera and lit by a projector where its normal faces both (cosine ≥ {@value #MIN_COS}), are
 * projected through the REFERENCE devices (the pixel and the decoded projector code a perfect decoder gives)
 * and triangulated through the CALIBRATED camera–projector pair the way the reconstruction does (camera ray,
 * {@link TwoViewTriangulation}). The calibration frame is carried into the reference's by the reconstruction
 * scorer's rule (Horn fit of every camera's centre and a point 1 m along its axis), so a gauge difference
 * (world = camera 0) costs nothing; a scale error does.
 *
 * <p>Per camera–projector pair: the reprojection differences of the aligned points through the calibrated
 * camera and projector against the reference pixels (px: which device carries the error), and the
 * triangulated point's error along the surface normal (mm: what it costs the reconstruction). Fused: per point,
 * the mean signed normal error over the pairs that see it (what fusing the depth maps approximates).
 */
public final class RigConsistency {
  /** Sphere radius (mm). */
  public static final double RADIUS_MM = 100;
  /** Sample points on the front hemisphere. */
  public static final int POINTS = 4000;
  private static final double MIN_COS = 0.3;

  /** A calibrated device: id, model, calibration frame to device (mm). */
  public record Device(String id, CameraModel model, RigidTransform worldToDevice) {}

  /**
   * One pair's figures: a camera and a projector (or a second camera, triangulated as the reconstruction
   * triangulates camera pairs through a projector's codes).
   *
   * @param points sample points seen by both
   * @param cameraPx median / p95 reprojection difference in the camera, px
   * @param otherPx median / p95 reprojection difference in the projector (other camera), px
   * @param normalMm median / p95 |triangulation error along the normal|, mm
   * @param biasMm mean signed normal error (+ = outward, toward the rig), mm
   * @param depthMm median / p95 |planar depth error| in the camera's own frame (calibrated vs true camera: no
   *     alignment involved; what a depth map of that camera carries), mm
   * @param depthBiasMm mean signed depth error in the camera's frame (+ = farther), mm
   */
  public record Pair(String camera, String other, int points, double[] cameraPx, double[] otherPx,
      double[] normalMm, double biasMm, double[] depthMm, double depthBiasMm) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "%s-%s: %d points, camera %.3f / %.3f px, other %.3f / %.3f px, triangulated %.3f / %.3f mm "
              + "(bias %+.3f mm), camera-frame depth %.3f / %.3f mm (bias %+.3f mm)", camera, other, points,
          cameraPx[0], cameraPx[1], otherPx[0], otherPx[1], normalMm[0], normalMm[1], biasMm, depthMm[0],
          depthMm[1], depthBiasMm);
    }
  }

  /**
   * @param pairs every pair with points
   * @param fusedMm median / p95 |mean signed normal error over a point's pairs|, mm
   * @param points sample points seen by at least one pair
   */
  public record Result(List<Pair> pairs, double[] fusedMm, int points) {
    /** The pair with the largest median triangulation error. */
    public Pair worstPair() {
      Pair w = null;
      for (Pair p : pairs) {
        if (w == null || p.normalMm()[0] > w.normalMm()[0]) {
          w = p;
        }
      }
      return w;
    }

    /** The largest per-pair quantile {@code q} (0 median, 1 p95) of the camera or projector px figure. */
    public double worstPx(boolean projector, int q) {
      double w = 0;
      for (Pair p : pairs) {
        w = Math.max(w, (projector ? p.otherPx() : p.cameraPx())[q]);
      }
      return w;
    }

    /** The largest |mean signed camera-frame depth error| over the pairs, mm (0 without pairs). */
    public double worstDepthBiasMm() {
      double w = 0;
      for (Pair p : pairs) {
        w = Math.max(w, Math.abs(p.depthBiasMm()));
      }
      return w;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "fused %.3f / %.3f mm over %d points; worst pair %s", fusedMm[0],
          fusedMm[1], points, worstPair());
    }
  }

  private RigConsistency() {}

  /**
   * Scores calibrated devices against {@code reference} (ids as in it).
   *
   * @param cameras calibrated cameras (the first view of each pair, aligned over)
   * @param projectors calibrated projectors, or the cameras again for camera pairs (a device is never paired with
   *     itself)
   */
  public static Result measure(List<Device> cameras, List<Device> projectors, RigDescription reference) {
    if (cameras.isEmpty()) {
      throw new IllegalArgumentException("no calibrated camera to score");
    }
    RigidTransform calToRef = alignment(cameras, reference);
    RigidTransform refToCal = calToRef.invert();
    double[] centre = reference.nominalGeometry().subjectCentreMm().toArray();
    int nc = cameras.size();
    int np = projectors.size();
    CameraSpec[] camSpec = new CameraSpec[nc];
    for (int c = 0; c < nc; c++) {
      camSpec[c] = cameraSpec(reference, cameras.get(c).id());
    }
    Device[] projSpec = new Device[np];
    TwoViewTriangulation[][] tri = new TwoViewTriangulation[nc][np];
    for (int j = 0; j < np; j++) {
      projSpec[j] = referenceDevice(reference, projectors.get(j).id());
      for (int c = 0; c < nc; c++) {
        Device cam = cameras.get(c);
        Device proj = projectors.get(j);
        if (cam.id().equals(proj.id())) {
          continue; // camera pairs: a camera with itself
        }
        tri[c][j] = new TwoViewTriangulation(cam.worldToDevice().invert().then(proj.worldToDevice()),
            Math.sqrt(cam.model().fx() * cam.model().fy()), Math.sqrt(proj.model().fx() * proj.model().fy()));
      }
    }
    RigidTransform[] camToRef = new RigidTransform[nc];
    for (int c = 0; c < nc; c++) {
      camToRef[c] = cameras.get(c).worldToDevice().invert().then(calToRef);
    }
    List<List<double[]>> samples = new ArrayList<>(); // per pair: {cam px, proj px, |normal mm|, signed}
    for (int k = 0; k < nc * np; k++) {
      samples.add(new ArrayList<>());
    }
    List<Double> fused = new ArrayList<>();
    double golden = Math.PI * (3 - Math.sqrt(5));
    double[] uv = new double[2];
    double[] q = new double[2];
    double[] uvCal = new double[2];
    double[] qCal = new double[2];
    double[] xn = new double[2];
    double[] qn = new double[2];
    double[] xc = new double[3];
    double[] out = new double[TwoViewTriangulation.OUT_SIZE];
    double[] w = new double[3];
    double[] xt = new double[3];
    for (int i = 0; i < POINTS; i++) {
      // Fibonacci sphere, front hemisphere only (normal toward −z, the rig)
      double nz = -(1 - (i + 0.5) / POINTS);
      double r = Math.sqrt(1 - nz * nz);
      double[] n = {r * Math.cos(golden * i), r * Math.sin(golden * i), nz};
      double[] x = {centre[0] + RADIUS_MM * n[0], centre[1] + RADIUS_MM * n[1], centre[2] + RADIUS_MM * n[2]};
      refToCal.transformPoint(x[0], x[1], x[2], xc, 0);
      double sum = 0;
      int count = 0;
      for (int c = 0; c < nc; c++) {
        if (!project(camSpec[c].nominalModel(), camSpec[c].worldToCamera(), x, n, uv)
            || !projectInto(cameras.get(c), xc, uvCal)) {
          continue;
        }
        for (int j = 0; j < np; j++) {
          if (tri[c][j] == null || !project(projSpec[j].model(), projSpec[j].worldToDevice(), x, n, q)
              || !projectInto(projectors.get(j), xc, qCal)
              || !cameras.get(c).model().unproject(uv[0], uv[1], xn, 0)
              || !projectors.get(j).model().unproject(q[0], q[1], qn, 0)
              || !tri[c][j].triangulate(TriangulationMethod.CAMERA_RAY, xn[0], xn[1], qn[0], qn[1], out, 0)) {
            continue;
          }
          camSpec[c].worldToCamera().transformPoint(x[0], x[1], x[2], xt, 0);
          double dz = out[2] - xt[2];
          camToRef[c].transformPoint(out[0], out[1], out[2], w, 0);
          double e = (w[0] - x[0]) * n[0] + (w[1] - x[1]) * n[1] + (w[2] - x[2]) * n[2];
          samples.get(c * np + j).add(new double[] {Math.hypot(uvCal[0] - uv[0], uvCal[1] - uv[1]),
              Math.hypot(qCal[0] - q[0], qCal[1] - q[1]), Math.abs(e), e, Math.abs(dz), dz});
          sum += e;
          count++;
        }
      }
      if (count > 0) {
        fused.add(Math.abs(sum / count));
      }
    }
    List<Pair> pairs = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      for (int j = 0; j < np; j++) {
        List<double[]> s = samples.get(c * np + j);
        if (s.isEmpty()) {
          continue;
        }
        double bias = 0;
        double depthBias = 0;
        for (double[] v : s) {
          bias += v[3];
          depthBias += v[5];
        }
        pairs.add(new Pair(cameras.get(c).id(), projectors.get(j).id(), s.size(), quantiles(s, 0),
            quantiles(s, 1), quantiles(s, 2), bias / s.size(), quantiles(s, 4), depthBias / s.size()));
      }
    }
    double[] f = fused.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Result(pairs, f.length == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {
        quantile(f, 0.5), quantile(f, 0.95)}, f.length);
  }

  /**
   * Horn fit, calibration frame → reference, over every camera's centre and a point 1 m along its axis (the
   * reconstruction scorer's rule).
   */
  public static RigidTransform alignment(List<Device> cameras, RigDescription reference) {
    double[] cal = new double[6 * cameras.size()];
    double[] ref = new double[6 * cameras.size()];
    for (int k = 0; k < cameras.size(); k++) {
      RigidTransform a = cameras.get(k).worldToDevice().invert();
      RigidTransform b = cameraSpec(reference, cameras.get(k).id()).worldToCamera().invert();
      a.transformPoint(0, 0, 0, cal, 6 * k);
      a.transformPoint(0, 0, 1000, cal, 6 * k + 3);
      b.transformPoint(0, 0, 0, ref, 6 * k);
      b.transformPoint(0, 0, 1000, ref, 6 * k + 3);
    }
    return RigidAlignment.fit(cal, ref);
  }

  /** Projects {@code x} (reference world) through a reference device when the normal faces it; false if not. */
  private static boolean project(CameraModel model, RigidTransform worldToDevice, double[] x, double[] n,
      double[] out) {
    double[] c = worldToDevice.invert().originInTarget();
    double dx = c[0] - x[0];
    double dy = c[1] - x[1];
    double dz = c[2] - x[2];
    if ((dx * n[0] + dy * n[1] + dz * n[2]) / Math.sqrt(dx * dx + dy * dy + dz * dz) < MIN_COS) {
      return false;
    }
    double[] p = new double[3];
    worldToDevice.transformPoint(x[0], x[1], x[2], p, 0);
    return model.project(p[0], p[1], p[2], out, 0) && model.isInside(out[0], out[1]);
  }

  private static boolean projectInto(Device d, double[] x, double[] out) {
    double[] p = new double[3];
    d.worldToDevice().transformPoint(x[0], x[1], x[2], p, 0);
    return d.model().project(p[0], p[1], p[2], out, 0);
  }

  private static CameraSpec cameraSpec(RigDescription rig, String id) {
    return rig.cameras().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("camera " + id + " is not in rig " + rig.id()));
  }

  /** The reference projector (or camera, for camera pairs) of that id. */
  private static Device referenceDevice(RigDescription rig, String id) {
    for (ProjectorSpec p : rig.projectors()) {
      if (p.id().equals(id)) {
        return new Device(id, p.nominalModel(), p.worldToProjector());
      }
    }
    CameraSpec c = cameraSpec(rig, id);
    return new Device(id, c.nominalModel(), c.worldToCamera());
  }

  private static double[] quantiles(List<double[]> s, int field) {
    double[] v = new double[s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = s.get(i)[field];
    }
    Arrays.sort(v);
    return new double[] {quantile(v, 0.5), quantile(v, 0.95)};
  }

  private static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  }
}
