package org.dpface.core.mesh;

import java.util.HashMap;
import java.util.Map;

/** Analytic test meshes with known geometry (for rasterizer checks, demos and benchmarks). */
public final class Meshes {
  private Meshes() {}

  /**
   * Icosphere: an icosahedron whose faces are split into 4 {@code subdivisions} times, vertices pushed
   * onto the unit sphere. 20 * 4^s triangles, outward counter-clockwise winding, unit vertex normals.
   */
  public static TriangleMesh unitIcosphere(int subdivisions) {
    if (subdivisions < 0 || subdivisions > 8) {
      throw new IllegalArgumentException("subdivisions must be in [0, 8], got " + subdivisions);
    }
    double t = (1 + Math.sqrt(5)) / 2;
    double[][] v0 = {
      {-1, t, 0}, {1, t, 0}, {-1, -t, 0}, {1, -t, 0}, {0, -1, t}, {0, 1, t},
      {0, -1, -t}, {0, 1, -t}, {t, 0, -1}, {t, 0, 1}, {-t, 0, -1}, {-t, 0, 1}
    };
    int[] f = {
      0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
      3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1
    };
    int nv = 12;
    int nf = 20;
    for (int s = 0; s < subdivisions; s++) {
      nv += nf * 3 / 2;
      nf *= 4;
    }
    double[] p = new double[nv * 3];
    int count = 0;
    for (double[] v : v0) {
      double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
      p[count * 3] = v[0] / n;
      p[count * 3 + 1] = v[1] / n;
      p[count * 3 + 2] = v[2] / n;
      count++;
    }
    int[] faces = f;
    for (int s = 0; s < subdivisions; s++) {
      Map<Long, Integer> mid = new HashMap<>();
      int[] next = new int[faces.length * 4];
      int k = 0;
      for (int i = 0; i < faces.length; i += 3) {
        int a = faces[i];
        int b = faces[i + 1];
        int c = faces[i + 2];
        int ab = midpoint(mid, p, a, b, count);
        count = Math.max(count, ab + 1);
        int bc = midpoint(mid, p, b, c, count);
        count = Math.max(count, bc + 1);
        int ca = midpoint(mid, p, c, a, count);
        count = Math.max(count, ca + 1);
        int[] tri = {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca};
        System.arraycopy(tri, 0, next, k, 12);
        k += 12;
      }
      faces = next;
    }
    float[] pos = new float[count * 3];
    for (int i = 0; i < pos.length; i++) {
      pos[i] = (float) p[i];
    }
    return new TriangleMesh(pos, faces, pos.clone(), null);
  }

  private static int midpoint(Map<Long, Integer> cache, double[] p, int a, int b, int next) {
    long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    Integer hit = cache.get(key);
    if (hit != null) {
      return hit;
    }
    double x = p[a * 3] + p[b * 3];
    double y = p[a * 3 + 1] + p[b * 3 + 1];
    double z = p[a * 3 + 2] + p[b * 3 + 2];
    double n = Math.sqrt(x * x + y * y + z * z);
    p[next * 3] = x / n;
    p[next * 3 + 1] = y / n;
    p[next * 3 + 2] = z / n;
    cache.put(key, next);
    return next;
  }

  /**
   * Ellipsoid with semi-axes (rx, ry, rz) mm centred at (cx, cy, cz), from a unit icosphere; vertex
   * normals are the analytic ellipsoid normals.
   */
  public static TriangleMesh ellipsoid(
      int subdivisions, double rx, double ry, double rz, double cx, double cy, double cz) {
    TriangleMesh unit = unitIcosphere(subdivisions);
    float[] pos = unit.positions;
    float[] nrm = new float[pos.length];
    for (int i = 0; i < pos.length; i += 3) {
      double x = pos[i];
      double y = pos[i + 1];
      double z = pos[i + 2];
      double nx = x / rx;
      double ny = y / ry;
      double nz = z / rz;
      double n = Math.sqrt(nx * nx + ny * ny + nz * nz);
      nrm[i] = (float) (nx / n);
      nrm[i + 1] = (float) (ny / n);
      nrm[i + 2] = (float) (nz / n);
      pos[i] = (float) (cx + rx * x);
      pos[i + 1] = (float) (cy + ry * y);
      pos[i + 2] = (float) (cz + rz * z);
    }
    return new TriangleMesh(pos, unit.faces, nrm, null);
  }
}
