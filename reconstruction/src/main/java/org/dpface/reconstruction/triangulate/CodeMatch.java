package org.dpface.reconstruction.triangulate;

/**
 * Sub-pixel location in a camera of a sought projector code: a local affine map from that camera's pixels
 * to codes is fitted by least squares over a (2r + 1)² window of indexed pixels around a seed, and inverted.
 * The window is re-centred on the pixel nearest the solution until the solution lies within half a pixel
 * of the centre (at most {@link #MAX_RECENTRE} times), so the affine model is only ever evaluated near its
 * centre. Same idea as the local code-map inversion in multi-camera structured-light scanners (e.g.
 * Scharstein and Szeliski, "High-accuracy stereo depth maps using structured light", CVPR 2003, which match
 * cameras through shared codes).
 *
 * <p>Stateless; no allocation.
 */
final class CodeMatch {
  static final int MAX_RECENTRE = 3;
  /** A solution further than this (px) from the final window centre is an extrapolation: no match. */
  static final double MAX_OFFSET_PX = 1.0;

  private CodeMatch() {}

  /**
   * @param seed pixel index (y * width + x) near the code
   * @param out receives the sub-pixel (x, y) at {@code off}
   * @return false when the window has too few pixels, the fit is degenerate or the solution leaves the window
   */
  static boolean locate(CodeIndex index, int height, int seed, double cu, double cv, int r, int minSupport,
      double[] out, int off) {
    int w = index.width();
    int cx = seed % w;
    int cy = seed / w;
    for (int iter = 0; ; iter++) {
      double n = 0;
      double sx = 0;
      double sy = 0;
      double sxx = 0;
      double sxy = 0;
      double syy = 0;
      double su = 0;
      double sux = 0;
      double suy = 0;
      double sv = 0;
      double svx = 0;
      double svy = 0;
      for (int y = Math.max(0, cy - r); y <= Math.min(height - 1, cy + r); y++) {
        for (int x = Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) {
          int k = y * w + x;
          double ku = index.u(k);
          if (Double.isNaN(ku)) {
            continue;
          }
          double kv = index.v(k);
          double dx = x - cx;
          double dy = y - cy;
          n++;
          sx += dx;
          sy += dy;
          sxx += dx * dx;
          sxy += dx * dy;
          syy += dy * dy;
          su += ku;
          sux += ku * dx;
          suy += ku * dy;
          sv += kv;
          svx += kv * dx;
          svy += kv * dy;
        }
      }
      if (n < minSupport) {
        return false;
      }
      // normal equations M a = b with M = [[n, sx, sy], [sx, sxx, sxy], [sy, sxy, syy]] (symmetric)
      double c00 = sxx * syy - sxy * sxy;
      double c01 = sy * sxy - sx * syy;
      double c02 = sx * sxy - sy * sxx;
      double c11 = n * syy - sy * sy;
      double c12 = sx * sy - n * sxy;
      double c22 = n * sxx - sx * sx;
      double det = n * c00 + sx * c01 + sy * c02;
      if (!(Math.abs(det) > 1e-9 * n * n * n)) {
        return false;
      }
      double u0 = (c00 * su + c01 * sux + c02 * suy) / det;
      double ux = (c01 * su + c11 * sux + c12 * suy) / det;
      double uy = (c02 * su + c12 * sux + c22 * suy) / det;
      double v0 = (c00 * sv + c01 * svx + c02 * svy) / det;
      double vx = (c01 * sv + c11 * svx + c12 * svy) / det;
      double vy = (c02 * sv + c12 * svx + c22 * svy) / det;
      double jd = ux * vy - uy * vx;
      if (!(Math.abs(jd) > 1e-9)) {
        return false;
      }
      double ru = cu - u0;
      double rv = cv - v0;
      double dx = (vy * ru - uy * rv) / jd;
      double dy = (-vx * ru + ux * rv) / jd;
      boolean centred = Math.abs(dx) <= 0.5 && Math.abs(dy) <= 0.5;
      if (centred || iter == MAX_RECENTRE) {
        if (Math.abs(dx) > MAX_OFFSET_PX || Math.abs(dy) > MAX_OFFSET_PX) {
          return false;
        }
        out[off] = cx + dx;
        out[off + 1] = cy + dy;
        return true;
      }
      int nx = cx + (int) Math.round(dx);
      int ny = cy + (int) Math.round(dy);
      if (nx < 0 || ny < 0 || nx >= w || ny >= height) {
        return false;
      }
      cx = nx;
      cy = ny;
    }
  }
}
