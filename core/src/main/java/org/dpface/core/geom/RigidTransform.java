package org.dpface.core.geom;

import java.util.Arrays;

/**
 * Immutable rigid transform X_b = R X_a + t from frame a to frame b; name instances {@code aToB}
 * ({@code worldToCamera}). Translation in millimetres, rotation as a row-major 3x3 matrix.
 */
public final class RigidTransform {
  private static final RigidTransform IDENTITY =
      new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]);

  private final double[] r;
  private final double[] t;

  private RigidTransform(double[] r, double[] t) {
    this.r = r;
    this.t = t;
  }

  public static RigidTransform identity() {
    return IDENTITY;
  }

  /**
   * From a row-major rotation matrix and a translation (mm). The matrix must be a rotation within
   * 1e-6 (orthonormal, det +1).
   */
  public static RigidTransform of(double[] rotationRowMajor, double[] translationMm) {
    if (rotationRowMajor.length != 9 || translationMm.length != 3) {
      throw new IllegalArgumentException("expected 9 rotation and 3 translation values");
    }
    double[] r = rotationRowMajor.clone();
    Rotations.checkRotation(r, 1e-6);
    return new RigidTransform(r, translationMm.clone());
  }

  /** From an axis-angle (Rodrigues) vector in radians, as OpenCV's rvec, and a translation (mm). */
  public static RigidTransform fromRodrigues(double[] rvec, double[] translationMm) {
    return new RigidTransform(Rotations.rodriguesToMatrix(rvec), translationMm.clone());
  }

  /** Pure translation. */
  public static RigidTransform translation(double tx, double ty, double tz) {
    return new RigidTransform(IDENTITY.r.clone(), new double[] {tx, ty, tz});
  }

  /** Row-major rotation (copy). */
  public double[] rotation() {
    return r.clone();
  }

  /** Translation in mm (copy). */
  public double[] translation() {
    return t.clone();
  }

  /** Rotation element (row, col). */
  public double r(int row, int col) {
    return r[row * 3 + col];
  }

  /** Translation element i. */
  public double t(int i) {
    return t[i];
  }

  /** Axis-angle vector (radians) of the rotation, as OpenCV's rvec. */
  public double[] rodrigues() {
    return Rotations.matrixToRodrigues(r);
  }

  /** Applies the transform to point (x, y, z); writes 3 values to {@code out} at {@code off}. */
  public void transformPoint(double x, double y, double z, double[] out, int off) {
    out[off] = r[0] * x + r[1] * y + r[2] * z + t[0];
    out[off + 1] = r[3] * x + r[4] * y + r[5] * z + t[1];
    out[off + 2] = r[6] * x + r[7] * y + r[8] * z + t[2];
  }

  /** Rotates direction (x, y, z) (no translation); writes 3 values to {@code out} at {@code off}. */
  public void transformDirection(double x, double y, double z, double[] out, int off) {
    out[off] = r[0] * x + r[1] * y + r[2] * z;
    out[off + 1] = r[3] * x + r[4] * y + r[5] * z;
    out[off + 2] = r[6] * x + r[7] * y + r[8] * z;
  }

  /** Allocating convenience: the transformed point. */
  public double[] apply(double[] p) {
    double[] out = new double[3];
    transformPoint(p[0], p[1], p[2], out, 0);
    return out;
  }

  /**
   * Composition: if this is {@code aToB} and {@code next} is {@code bToC}, returns {@code aToC}
   * ({@code aToC.apply(p) == next.apply(this.apply(p))}).
   */
  public RigidTransform then(RigidTransform next) {
    double[] rr = new double[9];
    double[] tt = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        rr[i * 3 + j] =
            next.r[i * 3] * r[j] + next.r[i * 3 + 1] * r[3 + j] + next.r[i * 3 + 2] * r[6 + j];
      }
      tt[i] = next.r[i * 3] * t[0] + next.r[i * 3 + 1] * t[1] + next.r[i * 3 + 2] * t[2] + next.t[i];
    }
    return new RigidTransform(rr, tt);
  }

  /** If this is {@code aToB}, returns {@code bToA}. */
  public RigidTransform invert() {
    double[] rr = new double[9];
    double[] tt = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        rr[i * 3 + j] = r[j * 3 + i];
      }
    }
    for (int i = 0; i < 3; i++) {
      tt[i] = -(rr[i * 3] * t[0] + rr[i * 3 + 1] * t[1] + rr[i * 3 + 2] * t[2]);
    }
    return new RigidTransform(rr, tt);
  }

  /** Position of this transform's source-frame origin expressed in the target frame (= t). */
  public double[] originInTarget() {
    return t.clone();
  }

  /** Row-major 4x4 homogeneous matrix. */
  public double[] toMatrix4() {
    return new double[] {
      r[0], r[1], r[2], t[0], r[3], r[4], r[5], t[1], r[6], r[7], r[8], t[2], 0, 0, 0, 1
    };
  }

  /** Rotation angle (radians) of {@code this.invert().then(other)}: 0 when the rotations agree. */
  public double rotationAngleTo(RigidTransform other) {
    return Rotations.angle(invert().then(other).r);
  }

  /** Distance (mm) between the translations. */
  public double translationDistanceTo(RigidTransform other) {
    double dx = t[0] - other.t[0];
    double dy = t[1] - other.t[1];
    double dz = t[2] - other.t[2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RigidTransform other && Arrays.equals(r, other.r) && Arrays.equals(t, other.t);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(r) + Arrays.hashCode(t);
  }

  @Override
  public String toString() {
    return "RigidTransform[R=" + Arrays.toString(r) + ", t=" + Arrays.toString(t) + " mm]";
  }
}
