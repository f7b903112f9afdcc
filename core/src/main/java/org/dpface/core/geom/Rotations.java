package org.dpface.core.geom;

/** Rotation utilities on row-major 3x3 matrices; angles in radians. */
public final class Rotations {
  private Rotations() {}

  /**
   * Rodrigues' formula: axis-angle vector (direction = axis, norm = angle in radians) to a row-major
   * rotation matrix. Uses the Taylor form near zero so tiny angles stay accurate.
   */
  public static double[] rodriguesToMatrix(double[] rvec) {
    double theta = Math.sqrt(rvec[0] * rvec[0] + rvec[1] * rvec[1] + rvec[2] * rvec[2]);
    double a;
    double b;
    if (theta < 1e-8) {
      a = 1 - theta * theta / 6;
      b = 0.5 - theta * theta / 24;
    } else {
      a = Math.sin(theta) / theta;
      b = (1 - Math.cos(theta)) / (theta * theta);
    }
    double x = rvec[0];
    double y = rvec[1];
    double z = rvec[2];
    return new double[] {
      1 - b * (y * y + z * z), -a * z + b * x * y, a * y + b * x * z,
      a * z + b * x * y, 1 - b * (x * x + z * z), -a * x + b * y * z,
      -a * y + b * x * z, a * x + b * y * z, 1 - b * (x * x + y * y)
    };
  }

  /**
   * Inverse of {@link #rodriguesToMatrix}: the axis-angle vector with angle in [0, pi]; accurate to
   * rounding near 0 and near pi.
   *
   * <p>Algorithm: cos from the trace, sin n from the skew part (R - R^T) / 2, angle = atan2(sin, cos).
   * Below pi/2 the axis comes from the skew part. Above pi/2 the skew part vanishes as the angle nears
   * pi, so the axis comes from the symmetric part (R + R^T) / 2 - cos I = (1 - cos) n n^T (its column
   * with the largest diagonal) and only its sign from the skew part; at exactly pi both signs are the
   * same rotation.
   */
  public static double[] matrixToRodrigues(double[] r) {
    double cos = Math.max(-1, Math.min(1, (r[0] + r[4] + r[8] - 1) / 2));
    double sx = r[7] - r[5];
    double sy = r[2] - r[6];
    double sz = r[3] - r[1];
    double sin = Math.sqrt(sx * sx + sy * sy + sz * sz) / 2;
    double theta = Math.atan2(sin, cos);
    if (cos >= 0) {
      if (sin > 1e-6) {
        double k = theta / (2 * sin);
        return new double[] {sx * k, sy * k, sz * k};
      }
      // near identity: R ~ I + [w]x, theta / sin = 1 + O(theta^2) < 1 + 2e-13
      return new double[] {sx / 2, sy / 2, sz / 2};
    }
    double b00 = r[0] - cos;
    double b11 = r[4] - cos;
    double b22 = r[8] - cos;
    double b01 = (r[1] + r[3]) / 2;
    double b02 = (r[2] + r[6]) / 2;
    double b12 = (r[5] + r[7]) / 2;
    double nx;
    double ny;
    double nz;
    if (b00 >= b11 && b00 >= b22) {
      nx = b00;
      ny = b01;
      nz = b02;
    } else if (b11 >= b22) {
      nx = b01;
      ny = b11;
      nz = b12;
    } else {
      nx = b02;
      ny = b12;
      nz = b22;
    }
    double n = Math.sqrt(nx * nx + ny * ny + nz * nz);
    if (nx * sx + ny * sy + nz * sz < 0) {
      n = -n;
    }
    return new double[] {nx / n * theta, ny / n * theta, nz / n * theta};
  }

  /** Rotation angle (radians, 0..pi) of a rotation matrix. */
  public static double angle(double[] r) {
    double cos = Math.max(-1, Math.min(1, (r[0] + r[4] + r[8] - 1) / 2));
    double sx = r[7] - r[5];
    double sy = r[2] - r[6];
    double sz = r[3] - r[1];
    return Math.atan2(Math.sqrt(sx * sx + sy * sy + sz * sz) / 2, cos);
  }

  /**
   * Rotation whose rows are the camera axes of a camera at {@code eye} looking at {@code target} with
   * image "up" near {@code up} (all in the world frame). Returns worldToCamera's rotation, OpenCV frame
   * (x right, y down, z forward).
   */
  public static double[] lookAt(double[] eye, double[] target, double[] up) {
    double[] z = normalize(sub(target, eye));
    double[] x = normalize(cross(z, up)); // right = forward x up  (y down => up is -y)
    double[] y = cross(z, x);
    return new double[] {x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]};
  }

  /** Throws if {@code r} is not orthonormal with determinant +1 within {@code tol}. */
  public static void checkRotation(double[] r, double tol) {
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double dot = r[i * 3] * r[j * 3] + r[i * 3 + 1] * r[j * 3 + 1] + r[i * 3 + 2] * r[j * 3 + 2];
        if (Math.abs(dot - (i == j ? 1 : 0)) > tol) {
          throw new IllegalArgumentException("not a rotation matrix: rows " + i + "," + j + " dot " + dot);
        }
      }
    }
    double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
        + r[2] * (r[3] * r[7] - r[4] * r[6]);
    if (Math.abs(det - 1) > tol) {
      throw new IllegalArgumentException("not a proper rotation: det = " + det);
    }
  }

  static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  static double[] normalize(double[] a) {
    double n = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    if (n == 0) {
      throw new IllegalArgumentException("zero-length vector");
    }
    return new double[] {a[0] / n, a[1] / n, a[2] / n};
  }
}
