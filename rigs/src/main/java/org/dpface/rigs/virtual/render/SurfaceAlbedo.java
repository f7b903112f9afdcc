package org.dpface.rigs.virtual.render;

/**
 * Linear RGB albedo (diffuse reflectance in [0, 1]) of a mesh surface point given by a triangle and
 * the rasterizer's barycentrics (b1, b2) of its vertices 1 and 2 (vertex 0 has 1 − b1 − b2).
 * {@code PosedSubject::albedoAt} fits this interface. Implementations must be thread-safe: lookups
 * call them from several rows at once.
 */
@FunctionalInterface
public interface SurfaceAlbedo {
  /** Writes linear R, G, B at {@code out[off..off+2]}. */
  void albedoAt(int triangle, float b1, float b2, float[] out, int off);

  /** The same grey albedo everywhere. */
  static SurfaceAlbedo constant(float value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException("albedo must be >= 0, got " + value);
    }
    return (t, b1, b2, out, off) -> {
      out[off] = value;
      out[off + 1] = value;
      out[off + 2] = value;
    };
  }
}
