package org.dpface.core.mesh;

import java.util.Objects;

/**
 * Unsigned distances (mm) from points, or from the vertices of a mesh A, to the surface of a mesh B:
 * the exact point-to-triangle distance to B's nearest triangle, found through a {@link TriangleGrid}.
 * Used to score a fused mesh against the true mesh (accuracy: fused vertices to the true surface;
 * completeness: true vertices to the fused surface) and, later, registration.
 *
 * <p>Both meshes must be in the same frame. Points farther than {@code maxDistance} from every triangle
 * get +infinity, which {@link DistanceStats} counts as missing.
 */
public final class MeshDistance {
  private MeshDistance() {}

  /**
   * Fills {@code out[i]} with the distance from point i of {@code xyz} (x, y, z interleaved, mm) to the
   * surface indexed by {@code surface}; +infinity beyond {@code maxDistance}.
   */
  public static void pointsToSurface(float[] xyz, TriangleGrid surface, double maxDistance, float[] out) {
    Objects.requireNonNull(surface, "surface");
    if (xyz.length % 3 != 0 || out.length != xyz.length / 3) {
      throw new IllegalArgumentException(
          "xyz length " + xyz.length + " must be 3 x out length " + out.length);
    }
    double[] work = new double[3];
    for (int i = 0; i < out.length; i++) {
      double d = surface.closestPoint(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], maxDistance, null, 0, work);
      out[i] = (float) d;
    }
  }

  /** Allocating convenience: distance of every vertex of {@code a} to the surface of {@code b}. */
  public static float[] vertexToSurface(TriangleMesh a, TriangleMesh b, double maxDistance) {
    float[] out = new float[a.vertexCount()];
    pointsToSurface(a.positions, new TriangleGrid(b), maxDistance, out);
    return out;
  }

  /**
   * Summary of the distances from the vertices of {@code a} to the surface of {@code b}, restricted to
   * the vertices where {@code mask} is true (null = all).
   */
  public static DistanceStats summary(TriangleMesh a, TriangleMesh b, boolean[] mask, double maxDistance) {
    return DistanceStats.of(vertexToSurface(a, b, maxDistance), mask);
  }
}
