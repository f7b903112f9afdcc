package org.dpface.rigs.virtual.targets;

import java.util.Arrays;
import java.util.Objects;

/**
 * Ground truth of one board pose seen by one camera: the true pixel position of every inner corner
 * (projected with the rendering camera model, distortion included; (u, v) = (column, row), integer
 * coordinates at pixel centres) and whether it is visible (in front, inside the image, printed side
 * toward the camera). Corners in OpenCV order (k = row · innerCols + col). Arrays are copied in and
 * out; use {@link #u}, {@link #v}, {@link #isVisible} in loops.
 *
 * @param cameraId the camera
 * @param cameraIndex its index in the rig
 * @param cornersUv u, v per corner (NaN behind the camera)
 * @param cornerVisible per corner
 */
public record BoardViewTruth(String cameraId, int cameraIndex, double[] cornersUv, boolean[] cornerVisible) {
  public BoardViewTruth {
    Objects.requireNonNull(cameraId, "cameraId");
    cornersUv = cornersUv.clone();
    cornerVisible = cornerVisible.clone();
    if (cornersUv.length != 2 * cornerVisible.length) {
      throw new IllegalArgumentException("need 2 coordinates per corner");
    }
  }

  @Override
  public double[] cornersUv() {
    return cornersUv.clone();
  }

  @Override
  public boolean[] cornerVisible() {
    return cornerVisible.clone();
  }

  public int cornerCount() {
    return cornerVisible.length;
  }

  public double u(int k) {
    return cornersUv[2 * k];
  }

  public double v(int k) {
    return cornersUv[2 * k + 1];
  }

  public boolean isVisible(int k) {
    return cornerVisible[k];
  }

  /** Number of visible corners. */
  public int visibleCount() {
    int n = 0;
    for (boolean b : cornerVisible) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** True when every corner is visible (what a chessboard detector needs). */
  public boolean allVisible() {
    return visibleCount() == cornerVisible.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BoardViewTruth t && cameraId.equals(t.cameraId) && cameraIndex == t.cameraIndex
        && Arrays.equals(cornersUv, t.cornersUv) && Arrays.equals(cornerVisible, t.cornerVisible);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cameraId, cameraIndex, Arrays.hashCode(cornersUv), Arrays.hashCode(cornerVisible));
  }

  @Override
  public String toString() {
    return "BoardViewTruth[" + cameraId + ", " + visibleCount() + "/" + cornerCount() + " corners visible]";
  }
}
