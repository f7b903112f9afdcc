package org.dpface.calibration.camera;

import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_FIX_K2;
import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_FIX_K3;
import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_RATIONAL_MODEL;
import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_ZERO_TANGENT_DIST;

/**
 * Which OpenCV distortion coefficients a calibration estimates; the others are held at zero. The
 * coefficients follow {@link org.dpface.core.camera.CameraModel}: k1 k2 p1 p2 k3 [k4 k5 k6].
 */
public enum DistortionModel {
  /**
   * k1 only (k2 p1 p2 k3 fixed at 0): for long, well-centred lenses whose field is too narrow to tell
   * k2 or decentring from the principal point and the pose. Tangential terms trade off with the
   * principal point (a decentred lens and a shifted centre look alike over a 19° field), so estimating
   * them from noisy corners moves the principal point by pixels; see the calibration README.
   */
  RADIAL1(1, CALIB_FIX_K2 | CALIB_FIX_K3 | CALIB_ZERO_TANGENT_DIST),
  /** k1 k2 (p1 p2 k3 fixed at 0): radial only, for long lenses. */
  RADIAL2(2, CALIB_FIX_K3 | CALIB_ZERO_TANGENT_DIST),
  /** k1 k2 p1 p2 (k3 fixed at 0): for long lenses where k3 is not observable. */
  RADIAL2_TANGENTIAL(4, CALIB_FIX_K3),
  /** k1 k2 p1 p2 k3: OpenCV's default 5-term model, the dpface default. */
  RADIAL3_TANGENTIAL(5, 0),
  /** k1 k2 p1 p2 k3 k4 k5 k6: OpenCV's rational model, for wide-angle lenses. */
  RATIONAL(8, CALIB_RATIONAL_MODEL);

  private final int terms;
  private final int openCvFlags;

  DistortionModel(int terms, int openCvFlags) {
    this.terms = terms;
    this.openCvFlags = openCvFlags;
  }

  /** Number of coefficients estimated (1, 2, 4, 5 or 8): the leading ones of k1 k2 p1 p2 k3 k4 k5 k6. */
  public int terms() {
    return terms;
  }

  /** {@code cv::calibrateCamera} flags selecting this model. */
  public int openCvFlags() {
    return openCvFlags;
  }
}
