package org.dpface.rigs;

/**
 * Nominal lens settings of a camera, modelled as a thin lens.
 *
 * @param focalLengthMm focal length f (mm, > 0)
 * @param fNumber f-number N (> 0); the aperture diameter is f / N
 * @param focusDistanceMm distance g of the in-focus plane from the lens (mm, > f)
 */
public record LensSpec(double focalLengthMm, double fNumber, double focusDistanceMm) {

  /** Aperture (entrance pupil) diameter f / N in mm. */
  public double apertureDiameterMm() {
    return focalLengthMm / fNumber;
  }

  /**
   * Lens-to-sensor distance of the focused thin lens, v = f / (1 − f/g) (mm), from 1/f = 1/g + 1/v.
   * This is the pinhole focal length of the focused lens (it exceeds f: 156.8 mm for f = 135 mm,
   * g = 970 mm).
   */
  public double sensorDistanceMm() {
    return focalLengthMm / (1 - focalLengthMm / focusDistanceMm);
  }

  /**
   * Signed diameter (mm, on the sensor) of the blur disc of a point at planar depth {@code zMm} (mm
   * from the lens): c(Z) = (f/N) · f / (1 − f/g) · (1/g − 1/Z) (DESIGN.md, thin lens). Positive behind
   * the focus plane (Z > g), negative in front of it, 0 at Z = g; tends to (f/N)·f/(g − f) as Z → ∞.
   *
   * <p>Derivation: a point at Z images at v_Z = 1/(1/f − 1/Z); the aperture cone of diameter f/N
   * converging at v_Z cuts the sensor (at v_g) in a disc of diameter (f/N)·(v_g − v_Z)/v_Z, which
   * simplifies to the formula above.
   */
  public double blurDiameterMm(double zMm) {
    return apertureDiameterMm() * sensorDistanceMm() * (1 / focusDistanceMm - 1 / zMm);
  }
}
