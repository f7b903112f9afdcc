package org.dpface.calibration.io;

/**
 * A camera's dual-pixel defocus coefficients in {@code calibration.json}: DP disparity d (px, along the
 * camera's split axis, d &gt; 0 behind the focus plane) follows d = a / Z + b for planar depth Z (mm).
 *
 * @param a coefficient a (px·mm); negative for a lens focused at a finite distance
 * @param b coefficient b (px)
 * @param residualPx RMS residual of the fit over its inlier samples (px)
 * @param samples inlier samples (measurement windows) the fit used
 */
public record DpCoefficients(double a, double b, double residualPx, int samples) {
  public DpCoefficients {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("a and b must be finite, got " + a + ", " + b);
    }
    if (!(residualPx >= 0) || !Double.isFinite(residualPx)) {
      throw new IllegalArgumentException("residualPx must be finite and >= 0, got " + residualPx);
    }
    if (samples < 0) {
      throw new IllegalArgumentException("samples must be >= 0, got " + samples);
    }
  }

  /** Disparity (px) at planar depth {@code zMm}. */
  public double disparityPx(double zMm) {
    return a / zMm + b;
  }

  /** Planar depth (mm) for disparity {@code d}: Z = a / (d − b). */
  public double depthMm(double disparityPx) {
    return a / (disparityPx - b);
  }
}
