package org.dpface.calibration.camera;

import java.util.List;
import java.util.Objects;
import org.dpface.core.camera.CameraModel;

/**
 * Result of a single-camera calibration.
 *
 * @param model estimated intrinsics and distortion, pixel-centre convention
 * @param distortion which coefficients were estimated (the others are 0 in {@code model})
 * @param rmsPx reprojection RMS over all corners of all used views, px
 * @param intrinsicStdDev standard deviations reported by OpenCV for fx fy cx cy k1 k2 p1 p2 k3 (k4 k5 k6
 *     when rational), px and unitless; 0 for fixed parameters
 * @param views every used view in input order, with its board pose and residuals
 * @param skipped inputs without a detected board, with the reason
 */
public record CameraCalibration(
    CameraModel model,
    DistortionModel distortion,
    double rmsPx,
    double[] intrinsicStdDev,
    List<ViewResult> views,
    List<SkippedInput> skipped) {
  public CameraCalibration {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(distortion, "distortion");
    intrinsicStdDev = intrinsicStdDev.clone();
    views = List.copyOf(views);
    skipped = List.copyOf(skipped);
  }

  @Override
  public double[] intrinsicStdDev() {
    return intrinsicStdDev.clone();
  }

  /** Views flagged as outliers, in input order. */
  public List<ViewResult> outliers() {
    return views.stream().filter(ViewResult::outlier).toList();
  }
}
