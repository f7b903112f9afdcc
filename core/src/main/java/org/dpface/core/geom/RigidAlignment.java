package org.dpface.core.geom;

/**
 * Least-squares rigid alignment of corresponding 3D points: the rotation R and translation t minimising
 * Σ |R·a_i + t − b_i|², by Horn's closed form with unit quaternions (B. K. P. Horn, "Closed-form solution of
 * absolute orientation using unit quaternions", JOSA A 4(4), 1987): the rotation is the eigenvector of the
 * largest eigenvalue of a symmetric 4×4 matrix built from the cross-covariance, found here by cyclic Jacobi
 * rotations. Used to compare a calibrated rig frame (a gauge choice) with the truth's frame before scoring.
 */
public final class RigidAlignment {
  private RigidAlignment() {}

  /**
   * @param from points a_i, x y z interleaved (mm)
   * @param to points b_i, x y z interleaved (mm), same count
   * @return {@code fromToTo}: maps each a_i as close as possible onto b_i
   * @throws IllegalArgumentException with fewer than 3 points or mismatched lengths
   */
  public static RigidTransform fit(double[] from, double[] to) {
    if (from.length != to.length || from.length % 3 != 0 || from.length < 9) {
      throw new IllegalArgumentException("need >= 3 corresponding points, got " + from.length / 3 + " and " + to.length / 3);
    }
    int n = from.length / 3;
    double[] ca = centroid(from, n);
    double[] cb = centroid(to, n);
    double[][] s = new double[3][3];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          s[r][c] += (from[3 * i + r] - ca[r]) * (to[3 * i + c] - cb[c]);
        }
      }
    }
    double sxx = s[0][0], sxy = s[0][1], sxz = s[0][2];
    double syx = s[1][0], syy = s[1][1], syz = s[1][2];
    double szx = s[2][0], szy = s[2][1], szz = s[2][2];
    double[][] m = {
      {sxx + syy + szz, syz - szy, szx - sxz, sxy - syx},
      {syz - szy, sxx - syy - szz, sxy + syx, szx + sxz},
      {szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy},
      {sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz}
    };
    double[] q = largestEigenvector(m);
    double w = q[0], x = q[1], y = q[2], z = q[3];
    double[] rot = {
      w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y),
      2 * (x * y + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x),
      2 * (x * z - w * y), 2 * (y * z + w * x), w * w - x * x - y * y + z * z
    };
    double[] t = new double[3];
    for (int r = 0; r < 3; r++) {
      t[r] = cb[r] - (rot[3 * r] * ca[0] + rot[3 * r + 1] * ca[1] + rot[3 * r + 2] * ca[2]);
    }
    return RigidTransform.of(rot, t);
  }

  private static double[] centroid(double[] p, int n) {
    double[] c = new double[3];
    for (int i = 0; i < n; i++) {
      c[0] += p[3 * i];
      c[1] += p[3 * i + 1];
      c[2] += p[3 * i + 2];
    }
    c[0] /= n;
    c[1] /= n;
    c[2] /= n;
    return c;
  }

  /** Cyclic Jacobi eigen-decomposition of a symmetric 4×4 matrix; the unit eigenvector of its largest eigenvalue. */
  static double[] largestEigenvector(double[][] a0) {
    double[][] a = new double[4][];
    double[][] v = new double[4][4];
    for (int i = 0; i < 4; i++) {
      a[i] = a0[i].clone();
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 60; sweep++) {
      double off = 0;
      for (int p = 0; p < 4; p++) {
        for (int r = p + 1; r < 4; r++) {
          off += a[p][r] * a[p][r];
        }
      }
      if (off < 1e-30) {
        break;
      }
      for (int p = 0; p < 3; p++) {
        for (int r = p + 1; r < 4; r++) {
          if (Math.abs(a[p][r]) < 1e-300) {
            continue;
          }
          double theta = (a[r][r] - a[p][p]) / (2 * a[p][r]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < 4; k++) {
            double akp = a[k][p];
            double akr = a[k][r];
            a[k][p] = c * akp - s * akr;
            a[k][r] = s * akp + c * akr;
          }
          for (int k = 0; k < 4; k++) {
            double apk = a[p][k];
            double ark = a[r][k];
            a[p][k] = c * apk - s * ark;
            a[r][k] = s * apk + c * ark;
          }
          for (int k = 0; k < 4; k++) {
            double vkp = v[k][p];
            double vkr = v[k][r];
            v[k][p] = c * vkp - s * vkr;
            v[k][r] = s * vkp + c * vkr;
          }
        }
      }
    }
    int best = 0;
    for (int i = 1; i < 4; i++) {
      if (a[i][i] > a[best][best]) {
        best = i;
      }
    }
    double[] q = {v[0][best], v[1][best], v[2][best], v[3][best]};
    double norm = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    for (int i = 0; i < 4; i++) {
      q[i] /= norm;
    }
    return q;
  }
}
