package org.dpface.reconstruction.codec;

/**
 * atan2 by octant reduction and an odd polynomial of degree 13 for atan on [0, 1], least-squares fitted
 * (iteratively reweighted toward minimax); max error 2.5e-7 rad, which is 6e-7 px at a 16 px phase period.
 */
final class FastAtan {
  private static final float C0 = 0.9999961115794382f;
  private static final float C1 = -0.33317368034835104f;
  private static final float C2 = 0.19807814928187598f;
  private static final float C3 = -0.1323333872883055f;
  private static final float C4 = 0.07962360031533876f;
  private static final float C5 = -0.03360415193910604f;
  private static final float C6 = 0.006811769143135013f;
  private static final float HALF_PI = (float) (Math.PI / 2);
  private static final float PI = (float) Math.PI;

  private FastAtan() {}

  /** atan2(y, x) in (-pi, pi]; 0 for (0, 0). */
  static float atan2(float y, float x) {
    float ax = Math.abs(x);
    float ay = Math.abs(y);
    float mx = Math.max(ax, ay);
    if (mx == 0) {
      return 0;
    }
    float t = Math.min(ax, ay) / mx;
    float t2 = t * t;
    float r = t * (C0 + t2 * (C1 + t2 * (C2 + t2 * (C3 + t2 * (C4 + t2 * (C5 + t2 * C6))))));
    if (ay > ax) {
      r = HALF_PI - r;
    }
    if (x < 0) {
      r = PI - r;
    }
    return y < 0 ? -r : r;
  }
}
