package org.dpface.rigs;

/**
 * A 3-vector as written in rig files ({@code [x, y, z]}); its meaning (position in mm, direction,
 * axis-angle in radians) and frame are given by the field that holds it.
 */
public record Vec3(double x, double y, double z) {
  /** The zero vector. */
  public static final Vec3 ZERO = new Vec3(0, 0, 0);

  /** From a 3-element array. */
  public static Vec3 of(double[] v) {
    if (v.length != 3) {
      throw new IllegalArgumentException("expected 3 values, got " + v.length);
    }
    return new Vec3(v[0], v[1], v[2]);
  }

  /** New array {x, y, z}. */
  public double[] toArray() {
    return new double[] {x, y, z};
  }

  /** Euclidean norm. */
  public double norm() {
    return Math.sqrt(x * x + y * y + z * z);
  }

  /** This vector scaled to unit length; throws for the zero vector. */
  public Vec3 normalized() {
    double n = norm();
    if (!(n > 0)) {
      throw new IllegalArgumentException("cannot normalize " + this);
    }
    return new Vec3(x / n, y / n, z / n);
  }
}
