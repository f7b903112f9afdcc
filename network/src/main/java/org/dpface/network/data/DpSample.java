package org.dpface.network.data;

import java.util.Map;
import java.util.Objects;
import org.dpface.rigs.SplitAxis;

/**
 * One training or validation sample: a dual-pixel (DP) pair with its ground truth, in the conventions of
 * DESIGN.md (shard arrays {@code dp_left}, {@code dp_right}, {@code depth}, {@code normal},
 * {@code mask}, {@code K}, {@code dp_coeffs}).
 *
 * <p>All images are row-major H×W without padding; {@code normal} is H×W×3 interleaved (x, y, z,
 * camera frame, unit length, facing the camera). Depth is planar Z in mm, 0 = invalid. DP disparity
 * d (px along {@code splitAxis}, right view relative to left) follows d = a / Z + b.
 * The arrays are shared, not copied; treat a sample as read-only.
 *
 * @param width W
 * @param height H
 * @param left left DP view, linear intensity
 * @param right right DP view, linear intensity
 * @param depthMm planar depth (mm), 0 = invalid
 * @param normal H×W×3 unit normals
 * @param mask H×W, nonzero = valid face pixel
 * @param a DP coefficient a (px·mm)
 * @param b DP coefficient b (px)
 * @param splitAxis the image axis of DP disparity
 * @param intrinsics {fx, fy, cx, cy} in pixels of this image (after any crop)
 * @param sampleId unique sample id
 * @param subjectId pseudonymous subject id, e.g. {@code sub-0001}
 * @param metadata further labels used for metric breakdowns (expression, distance, direction, ...)
 */
public record DpSample(
    int width, int height, float[] left, float[] right, float[] depthMm, float[] normal, byte[] mask,
    double a, double b, SplitAxis splitAxis, double[] intrinsics, String sampleId, String subjectId,
    Map<String, String> metadata) {

  public DpSample {
    int n = width * height;
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("empty sample " + width + "x" + height);
    }
    if (left.length != n || right.length != n || depthMm.length != n || mask.length != n
        || normal.length != 3 * n) {
      throw new IllegalArgumentException("array sizes do not match " + width + "x" + height);
    }
    if (intrinsics.length != 4) {
      throw new IllegalArgumentException("intrinsics must be {fx, fy, cx, cy}");
    }
    Objects.requireNonNull(splitAxis, "splitAxis");
    Objects.requireNonNull(sampleId, "sampleId");
    Objects.requireNonNull(subjectId, "subjectId");
    metadata = Map.copyOf(metadata);
  }

  /** Number of pixels W·H. */
  public int pixels() {
    return width * height;
  }

  /** True DP disparity (px) of a depth (mm): a / Z + b. */
  public double disparityOf(double depthMm) {
    return a / depthMm + b;
  }

  /** Depth (mm) of a DP disparity: a / (d − b). */
  public double depthOf(double disparityPx) {
    return a / (disparityPx - b);
  }

  /**
   * The window [x0, x0 + w) × [y0, y0 + h) as a new sample (copied arrays; principal point shifted).
   */
  public DpSample crop(int x0, int y0, int w, int h) {
    if (x0 < 0 || y0 < 0 || w < 1 || h < 1 || x0 + w > width || y0 + h > height) {
      throw new IllegalArgumentException("crop " + x0 + "," + y0 + " " + w + "x" + h + " outside "
          + width + "x" + height);
    }
    int n = w * h;
    float[] l = new float[n];
    float[] r = new float[n];
    float[] z = new float[n];
    float[] nn = new float[3 * n];
    byte[] m = new byte[n];
    for (int y = 0; y < h; y++) {
      int src = (y0 + y) * width + x0;
      int dst = y * w;
      System.arraycopy(left, src, l, dst, w);
      System.arraycopy(right, src, r, dst, w);
      System.arraycopy(depthMm, src, z, dst, w);
      System.arraycopy(mask, src, m, dst, w);
      System.arraycopy(normal, 3 * src, nn, 3 * dst, 3 * w);
    }
    double[] k = {intrinsics[0], intrinsics[1], intrinsics[2] - x0, intrinsics[3] - y0};
    return new DpSample(w, h, l, r, z, nn, m, a, b, splitAxis, k, sampleId, subjectId, metadata);
  }

  /**
   * This sample with rows and columns exchanged (pixel (u, v) ↦ (v, u)), so that a
   * {@link SplitAxis#VERTICAL} split becomes {@link SplitAxis#HORIZONTAL}: normals swap their x and y
   * components, and fx/fy and cx/cy swap. The networks always see disparity along the width.
   */
  public DpSample transposed() {
    int n = pixels();
    float[] l = new float[n];
    float[] r = new float[n];
    float[] z = new float[n];
    float[] nn = new float[3 * n];
    byte[] m = new byte[n];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int src = y * width + x;
        int dst = x * height + y;
        l[dst] = left[src];
        r[dst] = right[src];
        z[dst] = depthMm[src];
        m[dst] = mask[src];
        nn[3 * dst] = normal[3 * src + 1];
        nn[3 * dst + 1] = normal[3 * src];
        nn[3 * dst + 2] = normal[3 * src + 2];
      }
    }
    SplitAxis axis = splitAxis == SplitAxis.VERTICAL ? SplitAxis.HORIZONTAL : SplitAxis.VERTICAL;
    double[] k = {intrinsics[1], intrinsics[0], intrinsics[3], intrinsics[2]};
    return new DpSample(height, width, l, r, z, nn, m, a, b, axis, k, sampleId, subjectId, metadata);
  }

  /** This sample with its split axis along the width (transposed if it was vertical). */
  public DpSample splitAlongWidth() {
    return splitAxis == SplitAxis.HORIZONTAL ? this : transposed();
  }
}
