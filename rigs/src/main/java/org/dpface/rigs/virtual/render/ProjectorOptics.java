package org.dpface.rigs.virtual.render;

/**
 * Thin-lens defocus of a projector lens. A projector is an inverse camera: a point of its image
 * (DMD) plane is sharp on the surface at distance {@code focusDistanceMm}; a surface at planar depth Z
 * (projector frame) receives each projector pixel spread over a disc whose diameter, mapped back onto
 * the projector image plane, is (DESIGN.md thin lens, with the sensor distance v = f_px · pitch)
 *
 * <pre>
 *   c(Z) = A · f_px · (1/g − 1/Z)    projector pixels, signed (> 0 behind the focus plane)
 * </pre>
 *
 * for aperture diameter A (mm), focal length f_px (pixels) and focus distance g (mm). The pixel pitch
 * cancels, so A and g are all the lens data needed.
 *
 * <p>Rig files carry no projector lens data yet; {@link #defaultFor} then assumes a typical
 * short-throw DLP lens: aperture {@value #DEFAULT_APERTURE_MM} mm (about f = 16 mm at f/2) focused at
 * the nominal working distance.
 *
 * @param apertureDiameterMm aperture diameter A (mm, >= 0; 0 = pinhole, always sharp)
 * @param focusDistanceMm focus distance g (mm, > 0, planar depth in the projector frame)
 */
public record ProjectorOptics(double apertureDiameterMm, double focusDistanceMm) {
  /** Default projector aperture diameter in mm. */
  public static final double DEFAULT_APERTURE_MM = 8.0;

  public ProjectorOptics {
    if (!(apertureDiameterMm >= 0) || !Double.isFinite(apertureDiameterMm)) {
      throw new IllegalArgumentException("apertureDiameterMm must be finite and >= 0, got " + apertureDiameterMm);
    }
    if (!(focusDistanceMm > 0) || !Double.isFinite(focusDistanceMm)) {
      throw new IllegalArgumentException("focusDistanceMm must be finite and > 0, got " + focusDistanceMm);
    }
  }

  /** The default lens ({@link #DEFAULT_APERTURE_MM}) focused at {@code workingDistanceMm}. */
  public static ProjectorOptics defaultFor(double workingDistanceMm) {
    return new ProjectorOptics(DEFAULT_APERTURE_MM, workingDistanceMm);
  }

  /** A pinhole projector (no defocus) nominally focused at {@code workingDistanceMm}. */
  public static ProjectorOptics pinhole(double workingDistanceMm) {
    return new ProjectorOptics(0, workingDistanceMm);
  }

  /** Signed blur-disc diameter c(Z) in projector pixels for focal length {@code fPx} (pixels). */
  public double blurDiameterPx(double fPx, double zMm) {
    return apertureDiameterMm * fPx * (1 / focusDistanceMm - 1 / zMm);
  }

  /**
   * Standard deviation (projector pixels) of the Gaussian that stands in for the blur disc: a uniform
   * disc of diameter c has per-axis second moment c²/16, so σ = |c| / 4.
   */
  public double blurSigmaPx(double fPx, double zMm) {
    return Math.abs(blurDiameterPx(fPx, zMm)) / 4;
  }
}
