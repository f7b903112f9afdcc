package org.dpface.rigs;

import java.util.Objects;
import java.util.Optional;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * One camera of a rig, as described in the rig file (nominal values, before calibration).
 *
 * @param id unique id across the rig's cameras, projectors and lights
 * @param model free-text camera model, e.g. "Canon EOS 5D Mark IV"
 * @param resolution image size in pixels as delivered by the driver (after any binning or crop)
 * @param pixelPitchUm pixel pitch in micrometres at that resolution (binning k x k multiplies it by k)
 * @param lens thin-lens settings
 * @param dualPixel DP sensor and split axis
 * @param intrinsics optional nominal intrinsics; when absent they are derived from lens and pitch
 * @param driver the capture driver and its settings
 * @param cameraToWorld nominal pose: camera frame (OpenCV: x right, y down, z forward) to world (mm)
 */
public record CameraSpec(
    String id,
    String model,
    Resolution resolution,
    double pixelPitchUm,
    LensSpec lens,
    DualPixelSpec dualPixel,
    Optional<Intrinsics> intrinsics,
    DriverSpec driver,
    Pose cameraToWorld) {
  public CameraSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(lens, "lens");
    Objects.requireNonNull(dualPixel, "dualPixel");
    Objects.requireNonNull(intrinsics, "intrinsics");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(cameraToWorld, "cameraToWorld");
  }

  /** Pixel pitch in mm. */
  public double pixelPitchMm() {
    return pixelPitchUm * 1e-3;
  }

  /**
   * The nominal camera model. With explicit {@link #intrinsics()} those are used. Otherwise a
   * distortion-free pinhole: fx = fy = v / pitch where v = {@link LensSpec#sensorDistanceMm()} is the
   * lens-to-sensor distance of the thin lens focused at g (not f: a lens focused at a finite distance
   * images with focal length v), principal point at the image centre ((w − 1)/2, (h − 1)/2).
   */
  public CameraModel nominalModel() {
    if (intrinsics.isPresent()) {
      return intrinsics.get().toCameraModel(resolution);
    }
    double f = lens.sensorDistanceMm() / pixelPitchMm();
    return CameraModel.pinhole(
        resolution.width(), resolution.height(), f, (resolution.width() - 1) / 2.0,
        (resolution.height() - 1) / 2.0);
  }

  /** The nominal {@code worldToCamera} transform (inverse of {@link #cameraToWorld()}). */
  public RigidTransform worldToCamera() {
    return cameraToWorld.toTransform().invert();
  }

  /**
   * Signed blur-disc diameter on the sensor (mm) for a point at planar depth {@code zMm}; see
   * {@link LensSpec#blurDiameterMm}. Positive behind the focus plane.
   */
  public double blurDiameterMm(double zMm) {
    return lens.blurDiameterMm(zMm);
  }

  /** {@link #blurDiameterMm} in pixels of this camera's (possibly binned) pitch. */
  public double blurDiameterPx(double zMm) {
    return lens.blurDiameterMm(zMm) / pixelPitchMm();
  }

  /**
   * Nominal full field of view in radians, {horizontal, vertical}: the angle between the rays through
   * the outer edges of the image (u = −0.5 and w − 0.5 on row cy; v likewise on column cx),
   * distortion included.
   */
  public double[] fieldOfViewRad() {
    return fieldOfView(nominalModel());
  }

  static double[] fieldOfView(CameraModel m) {
    double[] a = new double[2];
    double[] b = new double[2];
    m.unproject(-0.5, m.cy(), a, 0);
    m.unproject(m.width() - 0.5, m.cy(), b, 0);
    double h = Math.atan(b[0]) - Math.atan(a[0]);
    m.unproject(m.cx(), -0.5, a, 0);
    m.unproject(m.cx(), m.height() - 0.5, b, 0);
    double v = Math.atan(b[1]) - Math.atan(a[1]);
    return new double[] {h, v};
  }
}
