package org.dpface.core.camera;

import java.util.Arrays;

/**
 * Pinhole camera with OpenCV's distortion model, for cameras and projectors alike (a projector is an
 * inverse camera with its own resolution).
 *
 * <p>Frame: OpenCV camera frame (x right, y down, z forward), lengths in mm. Pixel (u, v) = (column,
 * row), integer coordinates are pixel centres. Distortion coefficients in OpenCV order
 * {@code k1 k2 p1 p2 k3 k4 k5 k6} (rational model; k4..k6 = 0 gives the standard 5-term model):
 *
 * <pre>
 *   x' = X/Z, y' = Y/Z, r² = x'² + y'²
 *   radial = (1 + k1 r² + k2 r⁴ + k3 r⁶) / (1 + k4 r² + k5 r⁴ + k6 r⁶)
 *   x'' = x' radial + 2 p1 x'y' + p2 (r² + 2x'²)
 *   y'' = y' radial + p1 (r² + 2y'²) + 2 p2 x'y'
 *   u = fx x'' + cx,  v = fy y'' + cy
 * </pre>
 *
 * Immutable and thread-safe. The {@code project}/{@code unproject} methods write into caller buffers
 * and do not allocate.
 */
public final class CameraModel {
  /** Convergence tolerance on normalized coordinates for {@link #undistortNormalized}. */
  public static final double UNDISTORT_TOL = 1e-15;

  private static final int UNDISTORT_MAX_ITER = 50;

  private final int width;
  private final int height;
  private final double fx;
  private final double fy;
  private final double cx;
  private final double cy;
  private final double k1;
  private final double k2;
  private final double p1;
  private final double p2;
  private final double k3;
  private final double k4;
  private final double k5;
  private final double k6;
  private final boolean distorted;

  /**
   * @param width image width in pixels (> 0)
   * @param height image height in pixels (> 0)
   * @param fx focal length in pixels along u
   * @param fy focal length in pixels along v
   * @param cx principal point u (px)
   * @param cy principal point v (px)
   * @param distortion 0, 4, 5 or 8 OpenCV coefficients (k1 k2 p1 p2 [k3 [k4 k5 k6]])
   */
  public CameraModel(
      int width, int height, double fx, double fy, double cx, double cy, double... distortion) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("resolution must be > 0, got " + width + "x" + height);
    }
    if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy)) {
      throw new IllegalArgumentException("focal lengths must be finite and > 0, got " + fx + ", " + fy);
    }
    if (!Double.isFinite(cx) || !Double.isFinite(cy)) {
      throw new IllegalArgumentException("principal point must be finite, got " + cx + ", " + cy);
    }
    int n = distortion.length;
    if (n != 0 && n != 4 && n != 5 && n != 8) {
      throw new IllegalArgumentException("distortion must have 0, 4, 5 or 8 coefficients, got " + n);
    }
    double[] d = Arrays.copyOf(distortion, 8);
    for (int i = 0; i < d.length; i++) {
      if (!Double.isFinite(d[i])) {
        throw new IllegalArgumentException("distortion coefficient not finite: " + Arrays.toString(distortion));
      }
      d[i] += 0.0; // -0.0 -> +0.0, so equals (==) and hashCode (bit patterns) agree
    }
    this.width = width;
    this.height = height;
    this.fx = fx;
    this.fy = fy;
    this.cx = cx + 0.0;
    this.cy = cy + 0.0;
    this.k1 = d[0];
    this.k2 = d[1];
    this.p1 = d[2];
    this.p2 = d[3];
    this.k3 = d[4];
    this.k4 = d[5];
    this.k5 = d[6];
    this.k6 = d[7];
    boolean any = false;
    for (double v : d) {
      any |= v != 0;
    }
    this.distorted = any;
  }

  /** Undistorted pinhole camera. */
  public static CameraModel pinhole(int width, int height, double f, double cx, double cy) {
    return new CameraModel(width, height, f, f, cx, cy);
  }

  /**
   * Pinhole camera from lens data: focal length (mm) over pixel pitch (mm) gives f in pixels, principal
   * point at the image centre ((w - 1) / 2, (h - 1) / 2).
   */
  public static CameraModel fromLens(int width, int height, double focalLengthMm, double pixelPitchMm) {
    double f = focalLengthMm / pixelPitchMm;
    return pinhole(width, height, f, (width - 1) / 2.0, (height - 1) / 2.0);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public double fx() {
    return fx;
  }

  public double fy() {
    return fy;
  }

  public double cx() {
    return cx;
  }

  public double cy() {
    return cy;
  }

  /** Distortion coefficients k1 k2 p1 p2 k3 k4 k5 k6 (copy; always 8 values). */
  public double[] distortion() {
    return new double[] {k1, k2, p1, p2, k3, k4, k5, k6};
  }

  /** True when any distortion coefficient is non-zero. */
  public boolean isDistorted() {
    return distorted;
  }

  /** Row-major 3x3 intrinsic matrix K. */
  public double[] intrinsicMatrix() {
    return new double[] {fx, 0, cx, 0, fy, cy, 0, 0, 1};
  }

  /** A copy with the resolution and intrinsics scaled by {@code s} (pixel-centre convention kept). */
  public CameraModel scaled(double s, int newWidth, int newHeight) {
    double[] d = distortion();
    return new CameraModel(
        newWidth, newHeight, fx * s, fy * s, (cx + 0.5) * s - 0.5, (cy + 0.5) * s - 0.5, d);
  }

  /** True when pixel coordinate (u, v) lies within the image (pixel centres 0..w-1, edges ±0.5). */
  public boolean isInside(double u, double v) {
    return u >= -0.5 && v >= -0.5 && u < width - 0.5 && v < height - 0.5;
  }

  /**
   * Projects a camera-frame point (mm) to pixels. Returns false (and leaves {@code out}) when Z <= 0.
   * Points outside the image are still projected; use {@link #isInside}.
   *
   * @param out receives u at {@code off}, v at {@code off + 1}
   */
  public boolean project(double x, double y, double z, double[] out, int off) {
    if (!(z > 0)) {
      return false;
    }
    distortNormalized(x / z, y / z, out, off);
    out[off] = fx * out[off] + cx;
    out[off + 1] = fy * out[off + 1] + cy;
    return true;
  }

  /** Applies the distortion model to normalized coordinates (x', y') giving (x'', y''). */
  public void distortNormalized(double xn, double yn, double[] out, int off) {
    if (!distorted) {
      out[off] = xn;
      out[off + 1] = yn;
      return;
    }
    double r2 = xn * xn + yn * yn;
    double radial = (1 + r2 * (k1 + r2 * (k2 + r2 * k3))) / (1 + r2 * (k4 + r2 * (k5 + r2 * k6)));
    double xy = xn * yn;
    out[off] = xn * radial + 2 * p1 * xy + p2 * (r2 + 2 * xn * xn);
    out[off + 1] = yn * radial + p1 * (r2 + 2 * yn * yn) + 2 * p2 * xy;
  }

  /**
   * Inverts the distortion: finds (x', y') with distort(x', y') = (xd, yd) by Newton's method on the
   * analytic Jacobian, started from OpenCV's fixed-point iteration. Returns false if it did not converge
   * to {@link #UNDISTORT_TOL}, or converged to a preimage where the model folds over (radial factor or
   * Jacobian determinant not positive: a mirrored point beyond the turning point of strong barrel
   * distortion, not a valid viewing ray). Both happen only far outside the calibrated field; {@code out}
   * then holds the last estimate.
   */
  public boolean undistortNormalized(double xd, double yd, double[] out, int off) {
    if (!distorted) {
      out[off] = xd;
      out[off + 1] = yd;
      return true;
    }
    double x = xd;
    double y = yd;
    // Two fixed-point steps give Newton a good start under barrel distortion.
    for (int i = 0; i < 2; i++) {
      double r2 = x * x + y * y;
      double icdist = (1 + r2 * (k4 + r2 * (k5 + r2 * k6))) / (1 + r2 * (k1 + r2 * (k2 + r2 * k3)));
      if (!(icdist > 0) || !Double.isFinite(icdist)) {
        x = xd;
        y = yd;
        break;
      }
      double dx = 2 * p1 * x * y + p2 * (r2 + 2 * x * x);
      double dy = p1 * (r2 + 2 * y * y) + 2 * p2 * x * y;
      x = (xd - dx) * icdist;
      y = (yd - dy) * icdist;
    }
    for (int iter = 0; iter < UNDISTORT_MAX_ITER; iter++) {
      double r2 = x * x + y * y;
      double num = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
      double den = 1 + r2 * (k4 + r2 * (k5 + r2 * k6));
      double rad = num / den;
      double dnum = k1 + r2 * (2 * k2 + r2 * 3 * k3);
      double dden = k4 + r2 * (2 * k5 + r2 * 3 * k6);
      double drad = (dnum * den - num * dden) / (den * den);
      double xy = x * y;
      double fxv = x * rad + 2 * p1 * xy + p2 * (r2 + 2 * x * x) - xd;
      double fyv = y * rad + p1 * (r2 + 2 * y * y) + 2 * p2 * xy - yd;
      double j11 = rad + 2 * x * x * drad + 2 * p1 * y + 6 * p2 * x;
      double j12 = 2 * xy * drad + 2 * p1 * x + 2 * p2 * y;
      double j22 = rad + 2 * y * y * drad + 6 * p1 * y + 2 * p2 * x;
      double det = j11 * j22 - j12 * j12;
      if (det == 0 || !Double.isFinite(det)) {
        break;
      }
      double sx = (j22 * fxv - j12 * fyv) / det;
      double sy = (j11 * fyv - j12 * fxv) / det;
      x -= sx;
      y -= sy;
      if (Math.abs(sx) + Math.abs(sy) <= UNDISTORT_TOL * (1 + Math.abs(x) + Math.abs(y))) {
        out[off] = x;
        out[off + 1] = y;
        return isRegular(x, y);
      }
    }
    out[off] = x;
    out[off + 1] = y;
    return false;
  }

  /**
   * True where the distortion map is locally invertible and orientation preserving at undistorted
   * (x, y): positive radial factor and positive Jacobian determinant.
   */
  private boolean isRegular(double x, double y) {
    double r2 = x * x + y * y;
    double num = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
    double den = 1 + r2 * (k4 + r2 * (k5 + r2 * k6));
    double rad = num / den;
    double drad = ((k1 + r2 * (2 * k2 + r2 * 3 * k3)) * den - num * (k4 + r2 * (2 * k5 + r2 * 3 * k6)))
        / (den * den);
    double j11 = rad + 2 * x * x * drad + 2 * p1 * y + 6 * p2 * x;
    double j12 = 2 * x * y * drad + 2 * p1 * x + 2 * p2 * y;
    double j22 = rad + 2 * y * y * drad + 6 * p1 * y + 2 * p2 * x;
    return rad > 0 && j11 * j22 - j12 * j12 > 0;
  }

  /**
   * Pixel to normalized undistorted coordinates (x', y') = (X/Z, Y/Z) of the viewing ray. Returns the
   * convergence flag of {@link #undistortNormalized}.
   */
  public boolean unproject(double u, double v, double[] out, int off) {
    return undistortNormalized((u - cx) / fx, (v - cy) / fy, out, off);
  }

  /**
   * Unit viewing ray (camera frame) through pixel (u, v); writes x, y, z at {@code off}. Returns the
   * convergence flag of {@link #undistortNormalized}.
   */
  public boolean pixelRay(double u, double v, double[] out, int off) {
    boolean ok = unproject(u, v, out, off);
    double x = out[off];
    double y = out[off + 1];
    double n = Math.sqrt(x * x + y * y + 1);
    out[off] = x / n;
    out[off + 1] = y / n;
    out[off + 2] = 1 / n;
    return ok;
  }

  /** Camera-frame point at planar depth {@code zMm} seen at pixel (u, v); writes x, y, z at {@code off}. */
  public boolean backProject(double u, double v, double zMm, double[] out, int off) {
    boolean ok = unproject(u, v, out, off);
    out[off] *= zMm;
    out[off + 1] *= zMm;
    out[off + 2] = zMm;
    return ok;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CameraModel c && width == c.width && height == c.height && fx == c.fx
        && fy == c.fy && cx == c.cx && cy == c.cy && Arrays.equals(distortion(), c.distortion());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new double[] {width, height, fx, fy, cx, cy}) * 31
        + Arrays.hashCode(distortion());
  }

  @Override
  public String toString() {
    return "CameraModel[" + width + "x" + height + ", fx=" + fx + ", fy=" + fy + ", cx=" + cx + ", cy="
        + cy + ", dist=" + Arrays.toString(distortion()) + "]";
  }
}
