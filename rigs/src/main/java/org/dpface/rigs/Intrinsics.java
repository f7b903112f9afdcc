package org.dpface.rigs;

import java.util.Arrays;
import org.dpface.core.camera.CameraModel;

/**
 * Nominal pinhole intrinsics in pixels with OpenCV distortion (0, 4, 5 or 8 coefficients in the order
 * k1 k2 p1 p2 [k3 [k4 k5 k6]]); pixel (u, v) = (column, row), integer coordinates at pixel centres.
 * The distortion array is copied on the way in and out.
 */
public record Intrinsics(double fx, double fy, double cx, double cy, double[] distortion) {
  public Intrinsics {
    distortion = distortion.clone();
  }

  /** Undistorted intrinsics. */
  public static Intrinsics pinhole(double fx, double fy, double cx, double cy) {
    return new Intrinsics(fx, fy, cx, cy, new double[0]);
  }

  @Override
  public double[] distortion() {
    return distortion.clone();
  }

  /** The core camera model with these intrinsics at the given resolution. */
  public CameraModel toCameraModel(Resolution resolution) {
    return new CameraModel(resolution.width(), resolution.height(), fx, fy, cx, cy, distortion);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Intrinsics i && Double.compare(fx, i.fx) == 0 && Double.compare(fy, i.fy) == 0
        && Double.compare(cx, i.cx) == 0 && Double.compare(cy, i.cy) == 0
        && Arrays.equals(distortion, i.distortion);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new double[] {fx, fy, cx, cy}) * 31 + Arrays.hashCode(distortion);
  }

  @Override
  public String toString() {
    return "Intrinsics[fx=" + fx + ", fy=" + fy + ", cx=" + cx + ", cy=" + cy + ", distortion="
        + Arrays.toString(distortion) + "]";
  }
}
