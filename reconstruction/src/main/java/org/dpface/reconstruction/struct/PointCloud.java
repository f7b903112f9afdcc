package org.dpface.reconstruction.struct;

import java.util.List;
import org.dpface.core.image.InterleavedU8;

/**
 * A packed point cloud: world-frame positions (mm), a confidence in [0, 1] per point and, optionally, an
 * 8-bit RGB colour per point. Arrays are exactly sized ({@code xyz.length == 3 * size()}).
 */
public final class PointCloud {
  /** x, y, z per point, world frame, mm. */
  public final float[] xyz;
  /** Confidence per point in [0, 1]. */
  public final float[] confidence;
  /** r, g, b per point, or null when the cloud has no colour. */
  public final byte[] rgb;

  public PointCloud(float[] xyz, float[] confidence, byte[] rgb) {
    if (xyz.length % 3 != 0 || confidence.length * 3 != xyz.length
        || (rgb != null && rgb.length != xyz.length)) {
      throw new IllegalArgumentException("inconsistent lengths: xyz " + xyz.length + ", confidence "
          + confidence.length + ", rgb " + (rgb == null ? "none" : rgb.length));
    }
    this.xyz = xyz;
    this.confidence = confidence;
    this.rgb = rgb;
  }

  public int size() {
    return confidence.length;
  }

  /**
   * The valid points of {@code view} in row-major pixel order, coloured from {@code color} (camera size,
   * 3 bands RGB or 1 band gray) when it is not null. Allocates the arrays.
   */
  public static PointCloud of(TriangulatedView view, InterleavedU8 color) {
    if (color != null && (color.width() != view.width() || color.height() != view.height()
        || (color.numBands() != 1 && color.numBands() != 3))) {
      throw new IllegalArgumentException("colour image " + color + " does not fit the " + view.width() + "x"
          + view.height() + " view (needs 1 or 3 bands)");
    }
    int n = view.countValid();
    float[] xyz = new float[3 * n];
    float[] conf = new float[n];
    byte[] rgb = color == null ? null : new byte[3 * n];
    int p = 0;
    for (int y = 0; y < view.height(); y++) {
      for (int x = 0; x < view.width(); x++) {
        if (view.mask.data[view.mask.indexOf(x, y)] == 0) {
          continue;
        }
        int ip = view.points.indexOf(x, y);
        xyz[3 * p] = view.points.data[ip];
        xyz[3 * p + 1] = view.points.data[ip + 1];
        xyz[3 * p + 2] = view.points.data[ip + 2];
        conf[p] = view.confidence.data[view.confidence.indexOf(x, y)];
        if (rgb != null) {
          int ic = color.indexOf(x, y);
          int last = color.numBands() - 1;
          rgb[3 * p] = color.data[ic];
          rgb[3 * p + 1] = color.data[ic + Math.min(1, last)];
          rgb[3 * p + 2] = color.data[ic + last];
        }
        p++;
      }
    }
    return new PointCloud(xyz, conf, rgb);
  }

  /** Concatenation in list order; coloured only when every part is. Allocates the arrays. */
  public static PointCloud merge(List<PointCloud> parts) {
    int n = 0;
    boolean colored = !parts.isEmpty();
    for (PointCloud c : parts) {
      n += c.size();
      colored &= c.rgb != null;
    }
    float[] xyz = new float[3 * n];
    float[] conf = new float[n];
    byte[] rgb = colored ? new byte[3 * n] : null;
    int p = 0;
    for (PointCloud c : parts) {
      System.arraycopy(c.xyz, 0, xyz, 3 * p, c.xyz.length);
      System.arraycopy(c.confidence, 0, conf, p, c.size());
      if (rgb != null) {
        System.arraycopy(c.rgb, 0, rgb, 3 * p, c.rgb.length);
      }
      p += c.size();
    }
    return new PointCloud(xyz, conf, rgb);
  }
}
