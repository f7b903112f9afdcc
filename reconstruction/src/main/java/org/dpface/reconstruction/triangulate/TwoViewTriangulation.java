package org.dpface.reconstruction.triangulate;

import org.dpface.core.geom.RigidTransform;

/**
 * Triangulates one point from two calibrated views given undistorted normalized image coordinates
 * (x', y') = (X/Z, Y/Z) in each view. View 1 is the reference: the point comes out in view 1's frame (mm),
 * so its z is view 1's planar depth.
 *
 * <p>Geometry: {@code view1ToView2} maps X2 = R X1 + t; the essential matrix E = [t]x R satisfies
 * x2ᵀ E x1 = 0 (Hartley and Zisserman 9.6, p. 257). Corrections are measured in pixel-scaled normalized
 * coordinates (f · x', f · y') with f the geometric-mean focal length of each view, so residuals weigh like
 * pixels.
 *
 * <p>Algorithm overview ({@link #triangulate}):
 *
 * <ol>
 *   <li>ray distance and triangulation angle from the uncorrected rays (common perpendicular);
 *   <li>correction by {@link TriangulationMethod}: none (midpoint), view 2 projected onto the epipolar line
 *       of view 1 (camera ray), or both corrected optimally (Lindstrom niter2);
 *   <li>closest points of the (corrected) rays: their midpoint, or the point on ray 1 for the camera-ray
 *       method (the corrected rays are coplanar, so both coincide up to rounding).
 * </ol>
 *
 * Immutable and thread-safe; {@link #triangulate} does not allocate.
 */
public final class TwoViewTriangulation {
  /** Output slots of {@link #triangulate}. */
  public static final int X = 0;
  public static final int Y = 1;
  public static final int Z = 2;
  /** Closest distance (mm) between the uncorrected rays. */
  public static final int RAY_DISTANCE = 3;
  /** Cosine of the angle between the uncorrected rays. */
  public static final int COS_ANGLE = 4;
  /** Number of output slots. */
  public static final int OUT_SIZE = 5;

  private final double[] rt = new double[9]; // R transposed: view-2 directions into view 1
  private final double c2x;
  private final double c2y;
  private final double c2z; // view 2's centre in view 1's frame
  private final double[] g = new double[9]; // D1 Eᵀ D2: p1ᵀ G p2 = 0 in pixel-scaled coordinates
  private final double f1;
  private final double f2;

  /**
   * @param view1ToView2 pose of view 2 relative to view 1 (mm); the baseline must be non-zero
   * @param focal1 view 1 focal length in pixels (sqrt(fx · fy)), for the pixel-scaled metric
   * @param focal2 view 2 focal length in pixels
   */
  public TwoViewTriangulation(RigidTransform view1ToView2, double focal1, double focal2) {
    if (!(focal1 > 0) || !(focal2 > 0)) {
      throw new IllegalArgumentException("focal lengths must be > 0, got " + focal1 + ", " + focal2);
    }
    double[] r = view1ToView2.rotation();
    double[] t = view1ToView2.translation();
    if (Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]) < 1e-9) {
      throw new IllegalArgumentException("views share a centre: no baseline to triangulate with");
    }
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        rt[i * 3 + j] = r[j * 3 + i];
      }
    }
    c2x = -(rt[0] * t[0] + rt[1] * t[1] + rt[2] * t[2]);
    c2y = -(rt[3] * t[0] + rt[4] * t[1] + rt[5] * t[2]);
    c2z = -(rt[6] * t[0] + rt[7] * t[1] + rt[8] * t[2]);
    // E = [t]x R
    double[] tx = {0, -t[2], t[1], t[2], 0, -t[0], -t[1], t[0], 0};
    double[] e = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        e[i * 3 + j] = tx[i * 3] * r[j] + tx[i * 3 + 1] * r[3 + j] + tx[i * 3 + 2] * r[6 + j];
      }
    }
    double[] d1 = {1 / focal1, 1 / focal1, 1};
    double[] d2 = {1 / focal2, 1 / focal2, 1};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        g[i * 3 + j] = d1[i] * e[j * 3 + i] * d2[j];
      }
    }
    this.f1 = focal1;
    this.f2 = focal2;
  }

  /** View 2's optical centre in view 1's frame (mm); writes x, y, z at {@code off}. */
  public void view2Centre(double[] out, int off) {
    out[off] = c2x;
    out[off + 1] = c2y;
    out[off + 2] = c2z;
  }

  /**
   * Triangulates normalized coordinates (x1, y1) of view 1 and (x2, y2) of view 2.
   *
   * @param out receives {@link #OUT_SIZE} values at {@code off}: the point in view 1's frame, the ray
   *     distance and the cosine of the triangulation angle (both from the uncorrected rays)
   * @return false when the rays are parallel or the point lies behind either view (outputs then undefined)
   */
  public boolean triangulate(TriangulationMethod method, double x1, double y1, double x2, double y2,
      double[] out, int off) {
    if (!closest(x1, y1, x2, y2, false, out, off)) {
      return false;
    }
    double rayDistance = out[off + RAY_DISTANCE];
    double cosAngle = out[off + COS_ANGLE];
    if (method == TriangulationMethod.MIDPOINT) {
      return true;
    }
    double p1x = f1 * x1;
    double p1y = f1 * y1;
    double p2x = f2 * x2;
    double p2y = f2 * y2;
    if (method == TriangulationMethod.CAMERA_RAY) {
      // epipolar line of p1 in view 2: l = Gᵀ p1
      double l0 = p1x * g[0] + p1y * g[3] + g[6];
      double l1 = p1x * g[1] + p1y * g[4] + g[7];
      double l2 = p1x * g[2] + p1y * g[5] + g[8];
      double k = (l0 * p2x + l1 * p2y + l2) / (l0 * l0 + l1 * l1);
      p2x -= k * l0;
      p2y -= k * l1;
    } else {
      // Lindstrom 2010, niter2, with x = p1, x' = p2 and constraint x ᵀ G x' = 0.
      double gx0 = g[0] * p2x + g[1] * p2y + g[2]; // (G x')[0..1]
      double gx1 = g[3] * p2x + g[4] * p2y + g[5];
      double gt0 = g[0] * p1x + g[3] * p1y + g[6]; // (Gᵀ x)[0..1]
      double gt1 = g[1] * p1x + g[4] * p1y + g[7];
      double c = p1x * gx0 + p1y * gx1 + (g[6] * p2x + g[7] * p2y + g[8]);
      double n0 = gx0;
      double n1 = gx1;
      double m0 = gt0;
      double m1 = gt1;
      double a = n0 * (g[0] * m0 + g[1] * m1) + n1 * (g[3] * m0 + g[4] * m1);
      double b = 0.5 * (n0 * n0 + n1 * n1 + m0 * m0 + m1 * m1);
      double d = Math.sqrt(Math.max(0, b * b - a * c));
      double lambda = c / (b + d);
      double dx0 = lambda * n0;
      double dx1 = lambda * n1;
      double dy0 = lambda * m0;
      double dy1 = lambda * m1;
      n0 -= g[0] * dy0 + g[1] * dy1;
      n1 -= g[3] * dy0 + g[4] * dy1;
      m0 -= g[0] * dx0 + g[3] * dx1;
      m1 -= g[1] * dx0 + g[4] * dx1;
      lambda *= 2 * d / (n0 * n0 + n1 * n1 + m0 * m0 + m1 * m1);
      p1x -= lambda * n0;
      p1y -= lambda * n1;
      p2x -= lambda * m0;
      p2y -= lambda * m1;
    }
    if (!closest(p1x / f1, p1y / f1, p2x / f2, p2y / f2, method == TriangulationMethod.CAMERA_RAY, out,
        off)) {
      return false;
    }
    out[off + RAY_DISTANCE] = rayDistance;
    out[off + COS_ANGLE] = cosAngle;
    return true;
  }

  /**
   * Closest points of ray 1 (origin 0, direction (x1, y1, 1)) and ray 2 (origin c2, direction Rᵀ (x2, y2, 1))
   * in view 1's frame; writes their midpoint (or the point on ray 1), distance and angle cosine.
   */
  private boolean closest(double x1, double y1, double x2, double y2, boolean onRay1, double[] out, int off) {
    double ex = rt[0] * x2 + rt[1] * y2 + rt[2];
    double ey = rt[3] * x2 + rt[4] * y2 + rt[5];
    double ez = rt[6] * x2 + rt[7] * y2 + rt[8];
    double wx = -c2x;
    double wy = -c2y;
    double wz = -c2z;
    double a = x1 * x1 + y1 * y1 + 1;
    double b = x1 * ex + y1 * ey + ez;
    double c = ex * ex + ey * ey + ez * ez;
    double d = x1 * wx + y1 * wy + wz;
    double e = ex * wx + ey * wy + ez * wz;
    double den = a * c - b * b;
    if (!(den > 1e-12 * a * c)) {
      return false;
    }
    double s = (b * e - c * d) / den;
    double u = (a * e - b * d) / den;
    if (!(s > 0) || !(u > 0)) {
      return false;
    }
    double px = s * x1;
    double py = s * y1;
    double pz = s;
    double qx = c2x + u * ex;
    double qy = c2y + u * ey;
    double qz = c2z + u * ez;
    double dx = px - qx;
    double dy = py - qy;
    double dz = pz - qz;
    if (onRay1) {
      out[off] = px;
      out[off + 1] = py;
      out[off + 2] = pz;
    } else {
      out[off] = 0.5 * (px + qx);
      out[off + 1] = 0.5 * (py + qy);
      out[off + 2] = 0.5 * (pz + qz);
    }
    out[off + RAY_DISTANCE] = Math.sqrt(dx * dx + dy * dy + dz * dz);
    out[off + COS_ANGLE] = b / Math.sqrt(a * c);
    return true;
  }
}
