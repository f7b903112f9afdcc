package org.dpface.rigs.virtual.subject;

/**
 * The analytic mean head as a radial function of direction in the head frame (mm; x toward the
 * subject's left, y down, z toward the back of the head, origin between the ear canals).
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>Base shape: the smooth maximum of the radial functions of four convex pieces that all contain
 *       the origin (cranium ellipsoid, midface ellipsoid, jaw ellipsoid, neck as a rounded cylinder).
 *       A union of convex sets containing the origin is star-shaped about it, and a smooth maximum of
 *       their radial functions stays a positive continuous radial function.
 *   <li>Relief: smooth bumps and dents, functions of the base point's (x, y) on the face (gated to the
 *       front) or (y, z) on the sides (ears), added along the ray: nose ridge and tip, alae, brow
 *       ridge, eye sockets with eyeballs, cheekbones, nasolabial folds, lips and mouth line, chin,
 *       temples, ears.
 * </ol>
 *
 * <p>A vertex is {@code (base(u) + relief(base(u) u, u)) u} for its unit direction u, so the mean head
 * is star-shaped about the origin by construction. Feature positions below are in base-point
 * coordinates (mm); {@link SkinAlbedo} uses the same layout in material coordinates.
 */
final class MeanHeadShape {
  /** Mouth line height (base y, mm). */
  static final double MOUTH_Y = 48;
  /** Eye centres at x = ±EYE_X, y = EYE_Y (mm). */
  static final double EYE_X = 32;

  static final double EYE_Y = -20;
  /** Nasion and nose-tip heights (base y, mm). */
  static final double NASION_Y = -30;

  static final double NOSE_TIP_Y = 16;
  /** Brow line height (base y, mm). */
  static final double BROW_Y = -38;
  /** Chin centre height (base y, mm). */
  static final double CHIN_Y = 88;

  private static final double BLEND_MM = 12;

  private MeanHeadShape() {}

  /** Radial distance (mm) of the base shape along the unit direction (dx, dy, dz). */
  static double baseRadius(double dx, double dy, double dz) {
    double r = ellipsoidExit(dx, dy, dz, 0, -28, 6, 76, 98, 100); // cranium
    r = smoothMax(r, ellipsoidExit(dx, dy, dz, 0, 15, -25, 66, 80, 72), BLEND_MM); // midface
    r = smoothMax(r, ellipsoidExit(dx, dy, dz, 0, 40, -35, 55, 72, 62), BLEND_MM); // jaw and chin
    r = smoothMax(r, neckExit(dx, dy, dz), BLEND_MM);
    return r;
  }

  /**
   * The mean-head surface point (mm) whose base point on the front of the face has (x0, y0): a fixed
   * point iteration on the ray direction. Used for landmark positions in material coordinates.
   */
  static double[] frontSurfacePoint(double x0, double y0) {
    double z0 = -90;
    double ux = 0;
    double uy = 0;
    double uz = -1;
    for (int i = 0; i < 40; i++) {
      double n = Math.sqrt(x0 * x0 + y0 * y0 + z0 * z0);
      ux = x0 / n;
      uy = y0 / n;
      uz = z0 / n;
      z0 = baseRadius(ux, uy, uz) * uz;
    }
    double r0 = baseRadius(ux, uy, uz);
    double r = r0 + relief(r0 * ux, r0 * uy, r0 * uz, ux, uy, uz);
    return new double[] {r * ux, r * uy, r * uz};
  }

  /** Weight of front-of-face features for a direction: 1 toward the face, 0 at the sides and back. */
  static double frontGate(double dz) {
    return smoothstep(0.2, 0.5, -dz);
  }

  /** Weight of side features (ears) for a direction. */
  static double sideGate(double dx) {
    return smoothstep(0.55, 0.8, Math.abs(dx));
  }

  /** Relief (mm, outward positive) at base point (x, y, z) reached along unit direction (dx, dy, dz). */
  static double relief(double x, double y, double z, double dx, double dy, double dz) {
    double h = 0;
    double front = frontGate(dz);
    if (front > 0) {
      h += front * faceRelief(x, y);
    }
    double side = sideGate(dx);
    if (side > 0) {
      h += side * ear(y, z);
    }
    return h;
  }

  /** All face features at base (x, y) (mm), before the front gate. */
  static double faceRelief(double x, double y) {
    double ax = Math.abs(x);
    double h = nose(x, y);
    // Brow ridge: a horizontal bar over the eyes, fading laterally.
    h += 5 * gauss((y - BROW_Y) / 6.5) * gauss(Math.max(0, ax - 38) / 9);
    // Eye sockets with eyeballs.
    double sx = (ax - EYE_X) / 21;
    double sy = (y - EYE_Y) / 15;
    h -= 11 * compact(Math.sqrt(sx * sx + sy * sy));
    double ex = (ax - EYE_X) / 12;
    double ey = (y - (EYE_Y + 1)) / 11;
    double e2 = ex * ex + ey * ey;
    if (e2 < 1) {
      h += 8.5 * Math.pow(1 - e2, 1.2);
    }
    // Cheekbones.
    h += 7 * gauss(Math.hypot(ax - 38, y - 8) / 15);
    // Nasolabial folds: a shallow groove from the alae to the mouth corners.
    h -= 1.8 * gauss(segmentDistance(ax, y, 17, 22, 27, 52) / 2.5) * smoothstep(60, 40, y);
    h += lips(x, y);
    // Mentolabial sulcus, chin.
    h -= 3 * gauss((y - 68) / 5) * gauss(x / 20);
    h += 6 * gauss(Math.hypot(x, y - CHIN_Y) / 13);
    // Temples.
    h -= 3 * gauss(Math.hypot(ax - 58, y + 45) / 15);
    return h;
  }

  /** Nose relief (mm) at base (x, y): ridge from the nasion to the tip, tip ball, alae. */
  static double nose(double x, double y) {
    double ridge;
    double t = (y - NASION_Y) / (NOSE_TIP_Y - NASION_Y);
    if (t < 0) {
      ridge = 7 * gauss((y - NASION_Y) / 7);
    } else if (t < 1) {
      ridge = 7 + 10 * Math.pow(t, 1.4);
    } else {
      ridge = 17 * gauss((y - NOSE_TIP_Y) / 5.5);
    }
    double width = 4.5 + 7 * Math.min(1, Math.max(0, t));
    double h = ridge * gauss(x / width);
    h += 4 * gauss(Math.hypot(x, y - NOSE_TIP_Y) / 6.5);
    double ay = y - (NOSE_TIP_Y + 5);
    h += 7 * gauss(Math.hypot(Math.abs(x) - 13, ay) / 5.5);
    return h;
  }

  /** Lips and the mouth line (mm) at base (x, y). */
  static double lips(double x, double y) {
    double h = 0;
    h += 5 * gauss((y - (MOUTH_Y - 5)) / 3.8) * lipWidth(x / 26);
    h += 6 * gauss((y - (MOUTH_Y + 6)) / 4.3) * lipWidth(x / 24);
    h -= 3 * gauss((y - MOUTH_Y) / 1.2) * lipWidth(x / 27);
    return h;
  }

  /** Ear relief (mm) at base (y, z) on either side of the head: rim plateau with a concha bowl. */
  static double ear(double y, double z) {
    double u = (y + 4) / 31;
    double v = (z - 12) / 17;
    double rho2 = u * u + v * v;
    double h = 0;
    if (rho2 < 1) {
      double p = 1 - rho2 * rho2;
      h += 15 * p * p;
    }
    h -= 8 * compact(Math.hypot(y - 4, z - 4) / 11);
    return h;
  }

  private static double lipWidth(double s) {
    double q = 1 - s * s;
    return q > 0 ? q * Math.sqrt(q) : 0;
  }

  /** Largest ray parameter t with |(t d - c) / a| = 1 (the exit point; c must be inside). */
  static double ellipsoidExit(
      double dx, double dy, double dz, double cx, double cy, double cz, double ax, double ay, double az) {
    double ux = dx / ax;
    double uy = dy / ay;
    double uz = dz / az;
    double vx = cx / ax;
    double vy = cy / ay;
    double vz = cz / az;
    double a = ux * ux + uy * uy + uz * uz;
    double b = ux * vx + uy * vy + uz * vz;
    double c = vx * vx + vy * vy + vz * vz - 1;
    return (b + Math.sqrt(b * b - a * c)) / a;
  }

  /** Exit distance along d from the neck: a rounded cylinder (8-norm), axis (0, y, 18), y in [-15, 215]. */
  static double neckExit(double dx, double dy, double dz) {
    double lo = 0;
    double hi = 400;
    for (int i = 0; i < 40; i++) {
      double t = 0.5 * (lo + hi);
      if (neckLevel(t * dx, t * dy, t * dz) < 1) {
        lo = t;
      } else {
        hi = t;
      }
    }
    return 0.5 * (lo + hi);
  }

  private static double neckLevel(double x, double y, double z) {
    double rho = Math.hypot(x, z - 18) / 54;
    double ay = (y - 100) / 115;
    double r2 = rho * rho;
    double y2 = ay * ay;
    return Math.sqrt(Math.sqrt(Math.sqrt(r2 * r2 * r2 * r2 + y2 * y2 * y2 * y2)));
  }

  /** Polynomial smooth maximum (Quilez) with blend width k. */
  static double smoothMax(double a, double b, double k) {
    double h = Math.max(0, Math.min(1, 0.5 + 0.5 * (a - b) / k));
    return b + (a - b) * h + k * h * (1 - h);
  }

  static double smoothstep(double e0, double e1, double x) {
    double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
    return t * t * (3 - 2 * t);
  }

  static double gauss(double u) {
    return Math.exp(-0.5 * u * u);
  }

  /** C2 compact bump (1 - r^2)^3 for r in [0, 1), 0 beyond. */
  static double compact(double r) {
    if (r >= 1) {
      return 0;
    }
    double q = 1 - r * r;
    return q * q * q;
  }

  private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
    double vx = bx - ax;
    double vy = by - ay;
    double t = ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy);
    t = Math.max(0, Math.min(1, t));
    return Math.hypot(px - ax - t * vx, py - ay - t * vy);
  }
}
