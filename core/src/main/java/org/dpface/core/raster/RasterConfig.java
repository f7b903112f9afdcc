package org.dpface.core.raster;

/**
 * Options of {@link Rasterizer}. Immutable; {@link #defaults()} then {@code withX} to change one field,
 * {@link #check()} validates (called by the rasterizer).
 *
 * @param nearMm near plane (planar Z, mm, > 0). Fragments with Z &lt;= near are discarded per pixel;
 *     triangles crossing the near plane are clipped exactly (not skipped).
 * @param farMm far plane (planar Z, mm, &gt; near, may be +infinity). Fragments with Z &gt; far are
 *     discarded.
 * @param cull which faces to drop; faces are counter-clockwise seen from outside ({@link
 *     org.dpface.core.mesh.TriangleMesh}). Default {@link CullMode#NONE}: normals are oriented toward
 *     the camera anyway.
 * @param normals face normals, or interpolated vertex normals when the mesh has them
 * @param threads worker threads for one render (1 = run in the caller's thread)
 * @param bandHeight rows per parallel band (work unit); any value gives bit-identical output
 * @param distortedMarginPx margin (px) added to the bounding box of a triangle's distorted image; the
 *     boundary is sampled at most every {@link #distortedSegmentPx} pixels so the curved edges stay
 *     well inside it
 * @param distortedSegmentPx longest chord (px) between boundary samples of a distorted triangle image
 */
public record RasterConfig(
    double nearMm,
    double farMm,
    CullMode cull,
    NormalMode normals,
    int threads,
    int bandHeight,
    double distortedMarginPx,
    double distortedSegmentPx) {

  /** Which faces to drop. Front = counter-clockwise as seen from the camera. */
  public enum CullMode {
    /** Keep every face. */
    NONE,
    /** Drop faces whose outside points away from the camera. */
    BACK,
    /** Drop faces whose outside points toward the camera. */
    FRONT
  }

  /** Which normal is written to the normal map. */
  public enum NormalMode {
    /** The triangle's plane normal. */
    FACE,
    /**
     * Vertex normals interpolated with the barycentrics, re-normalised, then oriented; falls back to
     * the face normal when the mesh has none (or the interpolated vector vanishes).
     */
    VERTEX_INTERPOLATED
  }

  /** near 1 mm, far +inf, no culling, face normals, all processors, 16-row bands, 1.5 px margin. */
  public static RasterConfig defaults() {
    return new RasterConfig(
        1.0,
        Double.POSITIVE_INFINITY,
        CullMode.NONE,
        NormalMode.FACE,
        Runtime.getRuntime().availableProcessors(),
        16,
        1.5,
        16.0);
  }

  public RasterConfig withNearFar(double near, double far) {
    return new RasterConfig(near, far, cull, normals, threads, bandHeight, distortedMarginPx, distortedSegmentPx);
  }

  public RasterConfig withCull(CullMode c) {
    return new RasterConfig(nearMm, farMm, c, normals, threads, bandHeight, distortedMarginPx, distortedSegmentPx);
  }

  public RasterConfig withNormals(NormalMode n) {
    return new RasterConfig(nearMm, farMm, cull, n, threads, bandHeight, distortedMarginPx, distortedSegmentPx);
  }

  public RasterConfig withThreads(int t) {
    return new RasterConfig(nearMm, farMm, cull, normals, t, bandHeight, distortedMarginPx, distortedSegmentPx);
  }

  public RasterConfig withBandHeight(int rows) {
    return new RasterConfig(nearMm, farMm, cull, normals, threads, rows, distortedMarginPx, distortedSegmentPx);
  }

  /** Throws {@link IllegalArgumentException} naming the first invalid field. */
  public RasterConfig check() {
    if (!(nearMm > 0) || !Double.isFinite(nearMm)) {
      throw new IllegalArgumentException("nearMm must be finite and > 0, got " + nearMm);
    }
    if (!(farMm > nearMm)) {
      throw new IllegalArgumentException("farMm must be > nearMm (" + nearMm + "), got " + farMm);
    }
    if (cull == null || normals == null) {
      throw new IllegalArgumentException("cull and normals must not be null");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (bandHeight < 1) {
      throw new IllegalArgumentException("bandHeight must be >= 1, got " + bandHeight);
    }
    if (!(distortedMarginPx >= 0) || !Double.isFinite(distortedMarginPx)) {
      throw new IllegalArgumentException("distortedMarginPx must be finite and >= 0, got " + distortedMarginPx);
    }
    if (!(distortedSegmentPx >= 1) || !Double.isFinite(distortedSegmentPx)) {
      throw new IllegalArgumentException("distortedSegmentPx must be finite and >= 1, got " + distortedSegmentPx);
    }
    return this;
  }
}
