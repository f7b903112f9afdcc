package org.dpface.calibration.camera;

import java.util.Objects;
import org.dpface.core.geom.RigidTransform;

/**
 * One board view used by a calibration: its estimated pose and how well the model fits its corners.
 *
 * @param source input name (file or view id)
 * @param boardToCamera board frame to camera frame, mm
 * @param rmsPx reprojection RMS over this view's corners, px (sqrt of mean squared 2D distance)
 * @param maxErrorPx largest single-corner reprojection error, px
 * @param corners number of corners
 * @param outlier true when flagged by the {@link CalibrationConfig} outlier rule
 */
public record ViewResult(
    String source, RigidTransform boardToCamera, double rmsPx, double maxErrorPx, int corners, boolean outlier) {
  public ViewResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(boardToCamera, "boardToCamera");
  }
}
