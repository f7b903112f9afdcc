package org.dpface.core.raster;

import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayS32;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.InterleavedF32;

/**
 * Output buffers of one {@link Rasterizer} render, reused between renders ({@link #reshape} keeps the
 * arrays when they are large enough). All maps are in the rendered camera's pixel grid, (u, v) =
 * (column, row), compact layout (start index 0, stride = width * bands).
 *
 * <ul>
 *   <li>{@link #depth}: planar depth Z in mm (camera frame), 0 = invalid. Never the ray length.
 *   <li>{@link #normal}: 3 bands, camera-frame unit normal oriented toward the camera (n · X &lt; 0 for
 *       the surface point X); (0, 0, 0) where invalid.
 *   <li>{@link #triangleId}: index of the visible face in the mesh, {@link #NO_TRIANGLE} (-1) = none.
 *   <li>{@link #barycentric}: 2 bands, the perspective-correct weights (b1, b2) of the face's vertices
 *       1 and 2; vertex 0 has 1 - b1 - b2. Interpolate any per-vertex attribute with them. 0 where
 *       invalid.
 *   <li>{@link #mask}: {@link #MASK_VALID} (1) where a surface was hit, 0 elsewhere.
 * </ul>
 *
 * Not thread-safe; one target per concurrent render.
 */
public final class RenderTarget {
  /** Value of {@link #mask} at valid pixels (1, not 255: sums count pixels). */
  public static final int MASK_VALID = 1;
  /** Value of {@link #triangleId} where no triangle is visible. */
  public static final int NO_TRIANGLE = -1;

  public final GrayF32 depth;
  public final InterleavedF32 normal;
  public final GrayS32 triangleId;
  public final InterleavedF32 barycentric;
  public final GrayU8 mask;

  /** Target of the given size (pixels). */
  public RenderTarget(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("target size must be > 0, got " + width + "x" + height);
    }
    depth = new GrayF32(width, height);
    normal = new InterleavedF32(width, height, 3);
    triangleId = new GrayS32(width, height);
    barycentric = new InterleavedF32(width, height, 2);
    mask = new GrayU8(width, height);
  }

  /** Changes every buffer to width x height, reusing storage when large enough. Content undefined. */
  public void reshape(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("target size must be > 0, got " + width + "x" + height);
    }
    depth.reshape(width, height);
    normal.reshape(width, height);
    triangleId.reshape(width, height);
    barycentric.reshape(width, height);
    mask.reshape(width, height);
  }

  public int width() {
    return depth.width();
  }

  public int height() {
    return depth.height();
  }

  /** Number of valid pixels (allocation-free scan of the mask). */
  public int countValid() {
    int n = 0;
    byte[] m = mask.data;
    int len = mask.pixelCount();
    for (int i = 0; i < len; i++) {
      n += m[i] != 0 ? 1 : 0;
    }
    return n;
  }

  /** Throws unless every buffer is compact and width x height (someone reshaped one buffer alone). */
  void checkConsistent(int width, int height) {
    if (depth.width() != width || depth.height() != height) {
      throw new IllegalArgumentException(
          "render target is " + depth.width() + "x" + depth.height() + " but the camera is " + width
              + "x" + height + "; call reshape(" + width + ", " + height + ") or use a matching target");
    }
    checkCompact(depth.width(), depth.height(), depth.stride(), depth.startIndex(), 1, "depth", width, height);
    checkCompact(normal.width(), normal.height(), normal.stride(), normal.startIndex(), 3, "normal", width, height);
    checkCompact(triangleId.width(), triangleId.height(), triangleId.stride(), triangleId.startIndex(), 1,
        "triangleId", width, height);
    checkCompact(barycentric.width(), barycentric.height(), barycentric.stride(), barycentric.startIndex(), 2,
        "barycentric", width, height);
    checkCompact(mask.width(), mask.height(), mask.stride(), mask.startIndex(), 1, "mask", width, height);
  }

  private static void checkCompact(
      int w, int h, int stride, int start, int bands, String name, int width, int height) {
    if (w != width || h != height || stride != w * bands || start != 0) {
      throw new IllegalArgumentException("render target buffer '" + name + "' is " + w + "x" + h
          + " (stride " + stride + ", start " + start + "), expected compact " + width + "x" + height
          + "; call RenderTarget.reshape");
    }
  }
}
