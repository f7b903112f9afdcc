package org.dpface.calibration.detect;

import java.util.Objects;

/**
 * Outcome of looking for a board in one image: either the sub-pixel corners or the reason none were
 * found. Corners are pixels (u, v) = (column, row) with integer coordinates at pixel centres, interleaved
 * u0 v0 u1 v1 ..., in the order of {@link org.dpface.calibration.target.BoardSpec#objectPoints()}
 * (up to the board's 180° symmetry, which OpenCV resolves per image).
 *
 * @param source name of the input (file name or view id) for reports
 * @param width image width, px
 * @param height image height, px
 * @param corners interleaved (u, v) pixels, empty when not found
 * @param failure why no board was found; {@code null} when found
 */
public record CornerDetection(String source, int width, int height, double[] corners, String failure) {
  public CornerDetection {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(corners, "corners");
    if ((failure == null) == (corners.length == 0)) {
      throw new IllegalArgumentException("a detection has either corners or a failure reason, not both or neither");
    }
    if (corners.length % 2 != 0) {
      throw new IllegalArgumentException("corners must be interleaved (u, v), got " + corners.length + " values");
    }
    corners = corners.clone();
  }

  /** A successful detection. */
  public static CornerDetection found(String source, int width, int height, double[] corners) {
    return new CornerDetection(source, width, height, corners, null);
  }

  /** A failed detection with its reason. */
  public static CornerDetection failed(String source, int width, int height, String reason) {
    return new CornerDetection(source, width, height, new double[0], Objects.requireNonNull(reason, "reason"));
  }

  /** True when the board was found. */
  public boolean isFound() {
    return failure == null;
  }

  /** Number of corners found (0 on failure). */
  public int cornerCount() {
    return corners.length / 2;
  }

  /** Copy of the interleaved corners. */
  @Override
  public double[] corners() {
    return corners.clone();
  }
}
