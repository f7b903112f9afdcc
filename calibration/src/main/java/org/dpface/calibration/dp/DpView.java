package org.dpface.calibration.dp;

import java.util.Objects;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;

/**
 * One dual-pixel calibration view of a textured surface with known depth, all in one camera's pixels:
 * the left and right DP images (linear; any scale, ZNCC ignores gain and offset), the planar depth map
 * (mm, 0 = unknown) and a mask (nonzero = depth valid). In a lab the depth comes from structured light
 * or a detected target's pose; in the virtual rig from the rendered geometry.
 *
 * @param source a name for reports
 */
public record DpView(String source, GrayF32 left, GrayF32 right, GrayF32 depthMm, GrayU8 mask) {
  public DpView {
    Objects.requireNonNull(source, "source");
    left.checkSameShape(right);
    left.checkSameShape(depthMm);
    left.checkSameShape(mask);
  }

  /** A view from raw 16-bit DP frames (converted to new float images). */
  public static DpView ofU16(String source, GrayU16 left, GrayU16 right, GrayF32 depthMm, GrayU8 mask) {
    return new DpView(source, toF32(left), toF32(right), depthMm, mask);
  }

  private static GrayF32 toF32(GrayU16 in) {
    GrayF32 out = new GrayF32(in.width(), in.height());
    for (int y = 0; y < in.height(); y++) {
      int i = in.indexOf(0, y);
      int o = out.indexOf(0, y);
      for (int x = 0; x < in.width(); x++) {
        out.data[o + x] = in.data[i + x] & 0xFFFF;
      }
    }
    return out;
  }
}
