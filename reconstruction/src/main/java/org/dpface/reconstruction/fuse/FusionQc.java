package org.dpface.reconstruction.fuse;

import java.util.ArrayList;
import java.util.List;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.mesh.DistanceStats;
import org.dpface.core.mesh.MeshDistance;
import org.dpface.core.mesh.TriangleGrid;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RayTable;

/**
 * Fusion quality figures for the per-take QC report: per view, how far its depth samples lie from the
 * fused surface (consistency between views, mm), and for the mesh, its area and open boundary (holes).
 */
public final class FusionQc {
  private FusionQc() {}

  /**
   * Consistency of one view with the fused surface.
   *
   * @param viewId the view
   * @param validFraction fraction of the view's pixels with valid depth
   * @param sampled valid pixels compared (every {@code step}-th row and column)
   * @param distance distances (mm) from the sampled back-projected points to the fused surface, points
   *     farther than the search radius counted as missing (not explained by the fused surface)
   */
  public record ViewConsistency(String viewId, double validFraction, int sampled, DistanceStats distance) {}

  /**
   * The whole QC summary.
   *
   * @param views per-view consistency, in input order
   * @param medianDisagreementMm median over all sampled points of all views (mm)
   * @param areaMm2 fused surface area (mm^2)
   * @param boundaryEdges edges used by one triangle only (rims of holes and of the observed region)
   * @param boundaryLengthMm total length of those edges (mm)
   */
  public record Report(
      List<ViewConsistency> views, double medianDisagreementMm, double areaMm2, int boundaryEdges,
      double boundaryLengthMm) {}

  /**
   * Compares every {@code step}-th pixel of each view with the fused mesh, searching up to {@code
   * searchMm}.
   */
  public static Report evaluate(FusedMesh fused, List<DepthView> views, int step, double searchMm) {
    if (step < 1) {
      throw new IllegalArgumentException("step must be >= 1, got " + step);
    }
    TriangleGrid grid = new TriangleGrid(fused.mesh());
    List<ViewConsistency> out = new ArrayList<>();
    List<float[]> all = new ArrayList<>();
    int total = 0;
    double[] p = new double[3];
    for (DepthView v : views) {
      GrayF32 d = v.depth();
      RayTable rays = new RayTable(v.camera());
      RigidTransform camToWorld = v.worldToCamera().invert();
      int valid = 0;
      for (int y = 0; y < d.height(); y++) {
        for (int x = 0; x < d.width(); x++) {
          float z = d.data[d.indexOf(x, y)];
          valid += z > 0 && Float.isFinite(z) ? 1 : 0;
        }
      }
      float[] pts = new float[3 * ((d.width() + step - 1) / step) * ((d.height() + step - 1) / step)];
      int n = 0;
      for (int y = 0; y < d.height(); y += step) {
        for (int x = 0; x < d.width(); x += step) {
          float z = d.data[d.indexOf(x, y)];
          if (!(z > 0) || !Float.isFinite(z) || Double.isNaN(rays.x(x, y))) {
            continue;
          }
          camToWorld.transformPoint(rays.x(x, y) * z, rays.y(x, y) * z, z, p, 0);
          pts[3 * n] = (float) p[0];
          pts[3 * n + 1] = (float) p[1];
          pts[3 * n + 2] = (float) p[2];
          n++;
        }
      }
      float[] dist = new float[n];
      MeshDistance.pointsToSurface(java.util.Arrays.copyOf(pts, 3 * n), grid, searchMm, dist);
      all.add(dist);
      total += n;
      out.add(new ViewConsistency(v.id(), valid / (double) d.pixelCount(), n, DistanceStats.of(dist, null)));
    }
    float[] merged = new float[total];
    int k = 0;
    for (float[] a : all) {
      System.arraycopy(a, 0, merged, k, a.length);
      k += a.length;
    }
    TriangleMesh m = fused.mesh();
    return new Report(List.copyOf(out), DistanceStats.of(merged, null).median(), area(m), boundaryEdges(m),
        boundaryLength(m));
  }

  /** Surface area in mm^2. */
  public static double area(TriangleMesh m) {
    double sum = 0;
    float[] p = m.positions;
    int[] f = m.faces;
    for (int i = 0; i < f.length; i += 3) {
      int a = 3 * f[i];
      int b = 3 * f[i + 1];
      int c = 3 * f[i + 2];
      double e1x = p[b] - p[a];
      double e1y = p[b + 1] - p[a + 1];
      double e1z = p[b + 2] - p[a + 2];
      double e2x = p[c] - p[a];
      double e2y = p[c + 1] - p[a + 1];
      double e2z = p[c + 2] - p[a + 2];
      double nx = e1y * e2z - e1z * e2y;
      double ny = e1z * e2x - e1x * e2z;
      double nz = e1x * e2y - e1y * e2x;
      sum += 0.5 * Math.sqrt(nx * nx + ny * ny + nz * nz);
    }
    return sum;
  }

  /** Number of edges used by exactly one triangle. */
  public static int boundaryEdges(TriangleMesh m) {
    long[] e = boundary(m);
    return e.length;
  }

  /** Total length (mm) of the edges used by exactly one triangle. */
  public static double boundaryLength(TriangleMesh m) {
    double sum = 0;
    float[] p = m.positions;
    for (long e : boundary(m)) {
      int a = 3 * (int) (e >>> 32);
      int b = 3 * (int) e;
      double dx = p[a] - p[b];
      double dy = p[a + 1] - p[b + 1];
      double dz = p[a + 2] - p[b + 2];
      sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
    return sum;
  }

  /** Undirected edges (min << 32 | max) used by exactly one triangle, sorted. */
  private static long[] boundary(TriangleMesh m) {
    int[] f = m.faces;
    long[] e = new long[f.length];
    for (int i = 0; i < f.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        int a = f[i + k];
        int b = f[i + (k + 1) % 3];
        e[i + k] = ((long) Math.min(a, b) << 32) | Math.max(a, b);
      }
    }
    java.util.Arrays.sort(e);
    int n = 0;
    for (int i = 0; i < e.length; ) {
      int j = i;
      while (j < e.length && e[j] == e[i]) {
        j++;
      }
      if (j - i == 1) {
        e[n++] = e[i];
      }
      i = j;
    }
    return java.util.Arrays.copyOf(e, n);
  }
}
