package org.dpface.calibration.takes;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.reconstruction.struct.TriangulatedView;

/**
 * A plane n · X = n · c fitted to triangulated points in a camera frame (mm): total least squares (the
 * covariance's smallest eigenvector through the centroid), then twice again without the points further than
 * 3 σ from the plane. Its extent is the 2nd to 98th percentile box of the inliers along two in-plane axes
 * (the decoded points of a target with dark print leave holes; the box spans them).
 *
 * @param centre centroid of the inliers (camera frame, mm)
 * @param normal unit normal, facing the camera (n_z &lt; 0)
 * @param rmsMm RMS point-to-plane distance of the inliers
 * @param inliers points kept
 * @param box extent {min s, max s, min t, max t} (mm) along {@link #axes()}, relative to {@code centre}
 */
public record PlaneFit(double[] centre, double[] normal, double rmsMm, int inliers, double[] box) {
  private static final int ROUNDS = 3;
  private static final double CUT_SIGMAS = 3;

  /** Fits the valid points of {@code view} (world frame) moved into the camera by {@code worldToCamera}. */
  static PlaneFit fit(TriangulatedView view, RigidTransform worldToCamera) {
    int w = view.width();
    int h = view.height();
    double[] pts = new double[3 * w * h];
    double[] p = new double[3];
    int n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (view.mask.get(x, y) == 0) {
          continue;
        }
        worldToCamera.transformPoint(view.points.get(x, y, 0), view.points.get(x, y, 1), view.points.get(x, y, 2),
            p, 0);
        System.arraycopy(p, 0, pts, 3 * n, 3);
        n++;
      }
    }
    if (n < 3) {
      throw new IllegalArgumentException("a plane needs at least 3 points, got " + n);
    }
    boolean[] keep = new boolean[n];
    java.util.Arrays.fill(keep, true);
    PlaneFit f = null;
    for (int round = 0; round < ROUNDS; round++) {
      f = fitKept(pts, keep, n);
      double cut = CUT_SIGMAS * Math.max(f.rmsMm, 1e-6);
      for (int i = 0; i < n; i++) {
        keep[i] = Math.abs(f.distance(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2])) <= cut;
      }
    }
    double[][] ax = f.axes();
    double[] s = new double[f.inliers];
    double[] t = new double[f.inliers];
    int m = 0;
    for (int i = 0; i < n && m < s.length; i++) {
      if (keep[i]) {
        double dx = pts[3 * i] - f.centre[0];
        double dy = pts[3 * i + 1] - f.centre[1];
        double dz = pts[3 * i + 2] - f.centre[2];
        s[m] = ax[0][0] * dx + ax[0][1] * dy + ax[0][2] * dz;
        t[m] = ax[1][0] * dx + ax[1][1] * dy + ax[1][2] * dz;
        m++;
      }
    }
    s = java.util.Arrays.copyOf(s, m);
    t = java.util.Arrays.copyOf(t, m);
    java.util.Arrays.sort(s);
    java.util.Arrays.sort(t);
    double[] box = {s[(int) (0.02 * (m - 1))], s[(int) Math.ceil(0.98 * (m - 1))], t[(int) (0.02 * (m - 1))],
        t[(int) Math.ceil(0.98 * (m - 1))]};
    return new PlaneFit(f.centre, f.normal, f.rmsMm, f.inliers, box);
  }

  /** Two unit in-plane axes {s, t}, orthogonal to the normal and to each other. */
  double[][] axes() {
    double[] ref = Math.abs(normal[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
    double[] a = cross(normal, ref);
    double la = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    a = new double[] {a[0] / la, a[1] / la, a[2] / la};
    return new double[][] {a, cross(normal, a)};
  }

  private static double[] cross(double[] u, double[] v) {
    return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
  }

  /** Signed distance of (x, y, z) from the plane (mm). */
  double distance(double x, double y, double z) {
    return normal[0] * (x - centre[0]) + normal[1] * (y - centre[1]) + normal[2] * (z - centre[2]);
  }

  /** Depth where the optical axis meets the plane (mm). */
  public double centreDepthMm() {
    return (normal[0] * centre[0] + normal[1] * centre[1] + normal[2] * centre[2]) / normal[2];
  }

  /**
   * Planar depth of the plane through every pixel of {@code model} whose ray meets the plane in front of the
   * camera inside {@link #box()}, 0 elsewhere; {@code mask} 1 where a depth was written.
   */
  void depthMap(CameraModel model, GrayF32 depth, GrayU8 mask) {
    double[][] ax = axes();
    int w = model.width();
    int h = model.height();
    depth.reshape(w, h);
    mask.reshape(w, h);
    double nc = normal[0] * centre[0] + normal[1] * centre[1] + normal[2] * centre[2];
    double[] ray = new double[3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float z = 0;
        if (model.unproject(x, y, ray, 0)) {
          double den = normal[0] * ray[0] + normal[1] * ray[1] + normal[2];
          double zz = den != 0 ? nc / den : -1;
          if (zz > 0) {
            double dx = ray[0] * zz - centre[0];
            double dy = ray[1] * zz - centre[1];
            double dz = zz - centre[2];
            double ps = ax[0][0] * dx + ax[0][1] * dy + ax[0][2] * dz;
            double pt = ax[1][0] * dx + ax[1][1] * dy + ax[1][2] * dz;
            z = ps >= box[0] && ps <= box[1] && pt >= box[2] && pt <= box[3] ? (float) zz : 0;
          }
        }
        depth.set(x, y, z);
        mask.set(x, y, z > 0 ? 1 : 0);
      }
    }
  }

  private static PlaneFit fitKept(double[] pts, boolean[] keep, int n) {
    double[] c = new double[3];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        c[0] += pts[3 * i];
        c[1] += pts[3 * i + 1];
        c[2] += pts[3 * i + 2];
        m++;
      }
    }
    if (m < 3) {
      throw new IllegalArgumentException("a plane needs at least 3 points, got " + m);
    }
    for (int k = 0; k < 3; k++) {
      c[k] /= m;
    }
    double[] cov = new double[9];
    for (int i = 0; i < n; i++) {
      if (!keep[i]) {
        continue;
      }
      double[] d = {pts[3 * i] - c[0], pts[3 * i + 1] - c[1], pts[3 * i + 2] - c[2]};
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          cov[3 * a + b] += d[a] * d[b];
        }
      }
    }
    double[] nrm = smallestEigenvector(cov);
    if (nrm[2] > 0) {
      nrm[0] = -nrm[0];
      nrm[1] = -nrm[1];
      nrm[2] = -nrm[2];
    }
    PlaneFit f = new PlaneFit(c, nrm, 0, m, null);
    double ss = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        double e = f.distance(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2]);
        ss += e * e;
      }
    }
    return new PlaneFit(c, nrm, Math.sqrt(ss / m), m, null);
  }

  /** Cyclic Jacobi on a symmetric 3 × 3 matrix (row-major); the unit eigenvector of the smallest eigenvalue. */
  static double[] smallestEigenvector(double[] m) {
    double[] a = m.clone();
    double[] v = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    for (int sweep = 0; sweep < 50; sweep++) {
      double off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
      if (off < 1e-30 * (a[0] * a[0] + a[4] * a[4] + a[8] * a[8] + 1e-300)) {
        break;
      }
      for (int p = 0; p < 2; p++) {
        for (int q = p + 1; q < 3; q++) {
          double apq = a[3 * p + q];
          if (apq == 0) {
            continue;
          }
          double theta = (a[3 * q + q] - a[3 * p + p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double cs = 1 / Math.sqrt(t * t + 1);
          double sn = t * cs;
          for (int k = 0; k < 3; k++) {
            double akp = a[3 * k + p];
            double akq = a[3 * k + q];
            a[3 * k + p] = cs * akp - sn * akq;
            a[3 * k + q] = sn * akp + cs * akq;
          }
          for (int k = 0; k < 3; k++) {
            double apk = a[3 * p + k];
            double aqk = a[3 * q + k];
            a[3 * p + k] = cs * apk - sn * aqk;
            a[3 * q + k] = sn * apk + cs * aqk;
          }
          for (int k = 0; k < 3; k++) {
            double vkp = v[3 * k + p];
            double vkq = v[3 * k + q];
            v[3 * k + p] = cs * vkp - sn * vkq;
            v[3 * k + q] = sn * vkp + cs * vkq;
          }
        }
      }
    }
    int best = 0;
    for (int k = 1; k < 3; k++) {
      if (a[4 * k] < a[4 * best]) {
        best = k;
      }
    }
    double[] e = {v[best], v[3 + best], v[6 + best]};
    double len = Math.sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
    return new double[] {e[0] / len, e[1] / len, e[2] / len};
  }
}
