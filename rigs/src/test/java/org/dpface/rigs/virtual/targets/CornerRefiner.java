package org.dpface.rigs.virtual.targets;

import org.dpface.core.image.GrayU16;

/**
 * Test-side sub-pixel corner estimator, independent of the renderer: the gradient-orthogonality
 * (Förstner) estimator that OpenCV's cornerSubPix also uses. At an X-junction every image gradient is
 * orthogonal to the vector from the corner to its pixel, so the corner q solves
 * Σ w g gᵀ q = Σ w g gᵀ p (W. Förstner and E. Gülch, "A fast operator for detection and precise
 * location of distinct points, corners and centres of circular features", 1987). Gaussian weights
 * centred on the current estimate; iterated to convergence.
 */
final class CornerRefiner {
  private CornerRefiner() {}

  /** Refined (u, v), or null when the window leaves the image or the system is singular. */
  static double[] refine(GrayU16 img, double u0, double v0, int radius, double sigma) {
    double cu = u0;
    double cv = v0;
    for (int iter = 0; iter < 50; iter++) {
      int x0 = (int) Math.round(cu);
      int y0 = (int) Math.round(cv);
      if (x0 - radius < 1 || y0 - radius < 1 || x0 + radius > img.width() - 2 || y0 + radius > img.height() - 2) {
        return null;
      }
      double a11 = 0;
      double a12 = 0;
      double a22 = 0;
      double b1 = 0;
      double b2 = 0;
      for (int y = y0 - radius; y <= y0 + radius; y++) {
        for (int x = x0 - radius; x <= x0 + radius; x++) {
          double gx = (img.get(x + 1, y) - img.get(x - 1, y)) / 2.0;
          double gy = (img.get(x, y + 1) - img.get(x, y - 1)) / 2.0;
          double du = x - cu;
          double dv = y - cv;
          double w = Math.exp(-(du * du + dv * dv) / (2 * sigma * sigma));
          a11 += w * gx * gx;
          a12 += w * gx * gy;
          a22 += w * gy * gy;
          b1 += w * (gx * gx * x + gx * gy * y);
          b2 += w * (gx * gy * x + gy * gy * y);
        }
      }
      double det = a11 * a22 - a12 * a12;
      if (!(det > 0)) {
        return null;
      }
      double nu = (a22 * b1 - a12 * b2) / det;
      double nv = (a11 * b2 - a12 * b1) / det;
      double step = Math.hypot(nu - cu, nv - cv);
      cu = nu;
      cv = nv;
      if (step < 1e-5) {
        break;
      }
    }
    return new double[] {cu, cv};
  }
}
