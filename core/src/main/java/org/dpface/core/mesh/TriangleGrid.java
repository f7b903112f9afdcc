package org.dpface.core.mesh;

import java.util.Objects;

/**
 * Uniform-grid spatial index over the triangles of a {@link TriangleMesh} for exact closest-point
 * queries (world frame of the mesh, mm).
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>The mesh bounds are split into cubic cells of side {@link #cellSize()}, chosen near twice the
 *       mean edge length and enlarged until the grid has at most {@link #MAX_CELLS} cells.
 *   <li>Each triangle is listed in every cell its axis-aligned bounding box overlaps (compressed rows:
 *       {@code cellStart}, {@code cellTriangles}).
 *   <li>A query visits cells in growing Chebyshev shells around the query's cell and stops once the best
 *       distance found is no larger than the distance from the query to the outside of the searched
 *       cube: every unseen triangle lies wholly outside that cube, so the answer is exact.
 *   <li>Point-triangle distance by the Voronoi-region test of Ericson, <i>Real-Time Collision
 *       Detection</i> (2005), section 5.1.5 ({@link #closestPointOnTriangle}).
 * </ol>
 *
 * <p>Immutable and thread-safe after construction; a query writes only to the caller's work array (or,
 * in the convenience overload, a 3-element one it allocates). The positions and faces are copied, so later edits of the mesh do not affect the index.
 */
public final class TriangleGrid {
  /** Upper bound on the number of grid cells (the cell index takes 4 bytes per cell). */
  public static final int MAX_CELLS = 1 << 22;

  private final float[] positions;
  private final int[] faces;
  private final double originX;
  private final double originY;
  private final double originZ;
  private final double cell;
  private final int nx;
  private final int ny;
  private final int nz;
  private final int[] cellStart;
  private final int[] cellTriangles;

  /** Builds the index of {@code mesh} (must have at least one triangle). */
  public TriangleGrid(TriangleMesh mesh) {
    Objects.requireNonNull(mesh, "mesh");
    if (mesh.faceCount() == 0) {
      throw new IllegalArgumentException("mesh has no triangles");
    }
    this.positions = mesh.positions.clone();
    this.faces = mesh.faces.clone();
    double[] b = new double[] {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE,
        -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    double edgeSum = 0;
    for (int f = 0; f < faces.length; f += 3) {
      for (int k = 0; k < 3; k++) {
        int a = faces[f + k] * 3;
        int c = faces[f + (k + 1) % 3] * 3;
        for (int d = 0; d < 3; d++) {
          b[d] = Math.min(b[d], positions[a + d]);
          b[d + 3] = Math.max(b[d + 3], positions[a + d]);
        }
        double ex = positions[c] - positions[a];
        double ey = positions[c + 1] - positions[a + 1];
        double ez = positions[c + 2] - positions[a + 2];
        edgeSum += Math.sqrt(ex * ex + ey * ey + ez * ez);
      }
    }
    double ext = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
    double size = Math.max(2 * edgeSum / faces.length, Math.max(ext, 1e-6) * 1e-3);
    int cx;
    int cy;
    int cz;
    while (true) {
      cx = (int) Math.floor((b[3] - b[0]) / size) + 1;
      cy = (int) Math.floor((b[4] - b[1]) / size) + 1;
      cz = (int) Math.floor((b[5] - b[2]) / size) + 1;
      if ((long) cx * cy * cz <= MAX_CELLS) {
        break;
      }
      size *= 1.25;
    }
    this.cell = size;
    this.originX = b[0];
    this.originY = b[1];
    this.originZ = b[2];
    this.nx = cx;
    this.ny = cy;
    this.nz = cz;
    int cells = cx * cy * cz;
    int[] count = new int[cells + 1];
    int[] range = new int[6];
    for (int f = 0; f < faces.length; f += 3) {
      cellRange(f, range);
      for (int k = range[2]; k <= range[5]; k++) {
        for (int j = range[1]; j <= range[4]; j++) {
          for (int i = range[0]; i <= range[3]; i++) {
            count[(k * ny + j) * nx + i + 1]++;
          }
        }
      }
    }
    for (int c = 0; c < cells; c++) {
      count[c + 1] += count[c];
    }
    this.cellStart = count;
    this.cellTriangles = new int[count[cells]];
    int[] fill = new int[cells];
    for (int f = 0; f < faces.length; f += 3) {
      cellRange(f, range);
      for (int k = range[2]; k <= range[5]; k++) {
        for (int j = range[1]; j <= range[4]; j++) {
          for (int i = range[0]; i <= range[3]; i++) {
            int c = (k * ny + j) * nx + i;
            cellTriangles[cellStart[c] + fill[c]++] = f / 3;
          }
        }
      }
    }
  }

  private void cellRange(int f, int[] range) {
    for (int d = 0; d < 3; d++) {
      double lo = Double.MAX_VALUE;
      double hi = -Double.MAX_VALUE;
      for (int k = 0; k < 3; k++) {
        double v = positions[faces[f + k] * 3 + d];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      range[d] = cellIndex(lo, d);
      range[d + 3] = cellIndex(hi, d);
    }
  }

  private int cellIndex(double v, int axis) {
    double o = axis == 0 ? originX : axis == 1 ? originY : originZ;
    int n = axis == 0 ? nx : axis == 1 ? ny : nz;
    int i = (int) Math.floor((v - o) / cell);
    return Math.max(0, Math.min(n - 1, i));
  }

  /** Side of a grid cell in mm. */
  public double cellSize() {
    return cell;
  }

  /** Number of indexed triangles. */
  public int triangleCount() {
    return faces.length / 3;
  }

  /**
   * Closest point of the surface to (x, y, z) within {@code maxDistance} mm.
   *
   * @param out receives the closest point (x, y, z) at {@code off}..{@code off + 2} and, at {@code off +
   *     3}, the triangle index; may be null
   * @return the Euclidean distance in mm, or +infinity when no triangle lies within {@code maxDistance}
   *     ({@code out} untouched then)
   */
  public double closestPoint(double x, double y, double z, double maxDistance, double[] out, int off) {
    return closestPoint(x, y, z, maxDistance, out, off, new double[3]);
  }

  /**
   * {@link #closestPoint(double, double, double, double, double[], int)} without allocating, for loops over
   * many points.
   *
   * @param work scratch of at least 3 elements, overwritten; one per thread
   */
  public double closestPoint(double x, double y, double z, double maxDistance, double[] out, int off,
      double[] work) {
    int ci = cellIndex(x, 0);
    int cj = cellIndex(y, 1);
    int ck = cellIndex(z, 2);
    double best2 = maxDistance == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : maxDistance * maxDistance;
    int bestTri = -1;
    double bx = 0;
    double by = 0;
    double bz = 0;
    int maxR = Math.max(nx, Math.max(ny, nz));
    for (int r = 0; r <= maxR; r++) {
      for (int dk = -r; dk <= r; dk++) {
        int k = ck + dk;
        if (k < 0 || k >= nz) {
          continue;
        }
        for (int dj = -r; dj <= r; dj++) {
          int j = cj + dj;
          if (j < 0 || j >= ny) {
            continue;
          }
          boolean shellFace = Math.abs(dk) == r || Math.abs(dj) == r;
          int step = shellFace ? 1 : Math.max(1, 2 * r);
          for (int di = -r; di <= r; di += step) {
            int i = ci + di;
            if (i < 0 || i >= nx) {
              continue;
            }
            int c = (k * ny + j) * nx + i;
            for (int t = cellStart[c]; t < cellStart[c + 1]; t++) {
              int tri = cellTriangles[t];
              double d2 = closestPointOnTriangle(tri, x, y, z, work);
              if (d2 < best2 || (d2 == best2 && bestTri >= 0 && tri < bestTri)) {
                best2 = d2;
                bestTri = tri;
                bx = work[0];
                by = work[1];
                bz = work[2];
              }
            }
          }
        }
      }
      double reach = searchedReach(x, y, z, ci, cj, ck, r);
      if (reach * reach >= best2 || reach == Double.POSITIVE_INFINITY) {
        break;
      }
    }
    if (bestTri < 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (out != null) {
      out[off] = bx;
      out[off + 1] = by;
      out[off + 2] = bz;
      out[off + 3] = bestTri;
    }
    return Math.sqrt(best2);
  }

  /**
   * Distance from (x, y, z) to the nearest face of the searched cube of cells [c - r, c + r] that has
   * grid cells beyond it; +infinity when the cube covers the whole grid.
   */
  private double searchedReach(double x, double y, double z, int ci, int cj, int ck, int r) {
    double reach = Double.POSITIVE_INFINITY;
    reach = axisReach(reach, x, originX, ci, r, nx);
    reach = axisReach(reach, y, originY, cj, r, ny);
    return axisReach(reach, z, originZ, ck, r, nz);
  }

  private double axisReach(double reach, double v, double origin, int c, int r, int n) {
    if (c - r > 0) {
      reach = Math.min(reach, Math.max(0, v - (origin + (c - r) * cell)));
    }
    if (c + r < n - 1) {
      reach = Math.min(reach, Math.max(0, origin + (c + r + 1) * cell - v));
    }
    return reach;
  }

  /**
   * Squared distance from p to triangle {@code tri}; the closest point goes to {@code out[0..2]}.
   * Voronoi-region classification (Ericson 2005, 5.1.5); degenerate triangles fall back to their edges.
   */
  double closestPointOnTriangle(int tri, double px, double py, double pz, double[] out) {
    int a = faces[tri * 3] * 3;
    int b = faces[tri * 3 + 1] * 3;
    int c = faces[tri * 3 + 2] * 3;
    return closestPointOnTriangle(px, py, pz,
        positions[a], positions[a + 1], positions[a + 2],
        positions[b], positions[b + 1], positions[b + 2],
        positions[c], positions[c + 1], positions[c + 2], out);
  }

  /**
   * Squared distance from point p to triangle (a, b, c), exact in double precision; writes the closest
   * point to {@code out[0..2]}. Regions: the three vertices, the three edges, the interior.
   */
  public static double closestPointOnTriangle(
      double px, double py, double pz,
      double ax, double ay, double az,
      double bx, double by, double bz,
      double cx, double cy, double cz,
      double[] out) {
    double abx = bx - ax;
    double aby = by - ay;
    double abz = bz - az;
    double acx = cx - ax;
    double acy = cy - ay;
    double acz = cz - az;
    double apx = px - ax;
    double apy = py - ay;
    double apz = pz - az;
    double d1 = abx * apx + aby * apy + abz * apz;
    double d2 = acx * apx + acy * apy + acz * apz;
    if (d1 <= 0 && d2 <= 0) {
      return set(out, ax, ay, az, px, py, pz);
    }
    double bpx = px - bx;
    double bpy = py - by;
    double bpz = pz - bz;
    double d3 = abx * bpx + aby * bpy + abz * bpz;
    double d4 = acx * bpx + acy * bpy + acz * bpz;
    if (d3 >= 0 && d4 <= d3) {
      return set(out, bx, by, bz, px, py, pz);
    }
    double vc = d1 * d4 - d3 * d2;
    if (vc <= 0 && d1 >= 0 && d3 <= 0 && d1 - d3 > 0) {
      double t = d1 / (d1 - d3);
      return set(out, ax + t * abx, ay + t * aby, az + t * abz, px, py, pz);
    }
    double cpx = px - cx;
    double cpy = py - cy;
    double cpz = pz - cz;
    double d5 = abx * cpx + aby * cpy + abz * cpz;
    double d6 = acx * cpx + acy * cpy + acz * cpz;
    if (d6 >= 0 && d5 <= d6) {
      return set(out, cx, cy, cz, px, py, pz);
    }
    double vb = d5 * d2 - d1 * d6;
    if (vb <= 0 && d2 >= 0 && d6 <= 0 && d2 - d6 > 0) {
      double t = d2 / (d2 - d6);
      return set(out, ax + t * acx, ay + t * acy, az + t * acz, px, py, pz);
    }
    double va = d3 * d6 - d5 * d4;
    double e1 = d4 - d3;
    double e2 = d5 - d6;
    if (va <= 0 && e1 >= 0 && e2 >= 0 && e1 + e2 > 0) {
      double t = e1 / (e1 + e2);
      return set(out, bx + t * (cx - bx), by + t * (cy - by), bz + t * (cz - bz), px, py, pz);
    }
    double sum = va + vb + vc;
    if (!(sum > 0)) {
      return degenerate(px, py, pz, ax, ay, az, bx, by, bz, cx, cy, cz, out);
    }
    double v = vb / sum;
    double w = vc / sum;
    return set(out, ax + abx * v + acx * w, ay + aby * v + acy * w, az + abz * v + acz * w, px, py, pz);
  }

  private static double degenerate(
      double px, double py, double pz,
      double ax, double ay, double az,
      double bx, double by, double bz,
      double cx, double cy, double cz,
      double[] out) {
    double[] s = new double[3];
    double best = segment(px, py, pz, ax, ay, az, bx, by, bz, out);
    double d = segment(px, py, pz, bx, by, bz, cx, cy, cz, s);
    if (d < best) {
      best = d;
      System.arraycopy(s, 0, out, 0, 3);
    }
    d = segment(px, py, pz, cx, cy, cz, ax, ay, az, s);
    if (d < best) {
      best = d;
      System.arraycopy(s, 0, out, 0, 3);
    }
    return best;
  }

  private static double segment(
      double px, double py, double pz,
      double ax, double ay, double az,
      double bx, double by, double bz,
      double[] out) {
    double dx = bx - ax;
    double dy = by - ay;
    double dz = bz - az;
    double len2 = dx * dx + dy * dy + dz * dz;
    double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy + (pz - az) * dz) / len2 : 0;
    t = Math.max(0, Math.min(1, t));
    return set(out, ax + t * dx, ay + t * dy, az + t * dz, px, py, pz);
  }

  private static double set(double[] out, double x, double y, double z, double px, double py, double pz) {
    out[0] = x;
    out[1] = y;
    out[2] = z;
    double dx = px - x;
    double dy = py - y;
    double dz = pz - z;
    return dx * dx + dy * dy + dz * dz;
  }
}
