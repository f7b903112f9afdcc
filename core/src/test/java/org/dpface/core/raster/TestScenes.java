package org.dpface.core.raster;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.dpface.core.mesh.TriangleMesh;

/** Analytic test meshes (mm, world frame), deterministic. */
final class TestScenes {
  private TestScenes() {}

  /**
   * Planar n x n grid of quads (2n² triangles) spanning [-half, half]² in the plane's (s, t) axes,
   * centred at {@code c}, with unit axes {@code s} and {@code t}; faces CCW around s x t.
   */
  static TriangleMesh planeGrid(double[] c, double[] s, double[] t, double half, int n) {
    float[] pos = new float[3 * (n + 1) * (n + 1)];
    for (int j = 0; j <= n; j++) {
      for (int i = 0; i <= n; i++) {
        double a = -half + 2 * half * i / n;
        double b = -half + 2 * half * j / n;
        int k = 3 * (j * (n + 1) + i);
        for (int d = 0; d < 3; d++) {
          pos[k + d] = (float) (c[d] + a * s[d] + b * t[d]);
        }
      }
    }
    int[] faces = new int[6 * n * n];
    int f = 0;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        int v00 = j * (n + 1) + i;
        int v10 = v00 + 1;
        int v01 = v00 + n + 1;
        int v11 = v01 + 1;
        faces[f++] = v00;
        faces[f++] = v10;
        faces[f++] = v11;
        faces[f++] = v00;
        faces[f++] = v11;
        faces[f++] = v01;
      }
    }
    return new TriangleMesh(pos, faces);
  }

  /** Icosphere: icosahedron subdivided {@code level} times (20·4^level faces), outward CCW faces. */
  static TriangleMesh icosphere(double[] centre, double radius, int level) {
    double g = (1 + Math.sqrt(5)) / 2;
    double[][] v0 = {
      {-1, g, 0}, {1, g, 0}, {-1, -g, 0}, {1, -g, 0}, {0, -1, g}, {0, 1, g},
      {0, -1, -g}, {0, 1, -g}, {g, 0, -1}, {g, 0, 1}, {-g, 0, -1}, {-g, 0, 1}
    };
    int[] f0 = {
      0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
      3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1
    };
    int maxV = 12 + 30 * ((1 << (2 * level)) - 1);
    double[] unit = new double[3 * maxV];
    for (int i = 0; i < 12; i++) {
      double n = Math.sqrt(v0[i][0] * v0[i][0] + v0[i][1] * v0[i][1] + v0[i][2] * v0[i][2]);
      for (int d = 0; d < 3; d++) {
        unit[3 * i + d] = v0[i][d] / n;
      }
    }
    int nv = 12;
    int[] faces = f0;
    for (int l = 0; l < level; l++) {
      Map<Long, Integer> mid = new HashMap<>();
      int[] next = new int[faces.length * 4];
      int o = 0;
      for (int f = 0; f < faces.length; f += 3) {
        int a = faces[f], b = faces[f + 1], c = faces[f + 2];
        int ab = midpoint(a, b, mid, unit, nv);
        nv = Math.max(nv, ab + 1);
        int bc = midpoint(b, c, mid, unit, nv);
        nv = Math.max(nv, bc + 1);
        int ca = midpoint(c, a, mid, unit, nv);
        nv = Math.max(nv, ca + 1);
        int[] tri = {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca};
        System.arraycopy(tri, 0, next, o, 12);
        o += 12;
      }
      faces = next;
    }
    float[] pos = new float[3 * nv];
    float[] nrm = new float[3 * nv];
    for (int i = 0; i < 3 * nv; i++) {
      pos[i] = (float) (centre[i % 3] + radius * unit[i]);
      nrm[i] = (float) unit[i];
    }
    return new TriangleMesh(pos, faces, nrm, null);
  }

  private static int midpoint(int a, int b, Map<Long, Integer> mid, double[] unit, int nv) {
    long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
    Integer k = mid.get(key);
    if (k != null) {
      return k;
    }
    double x = unit[3 * a] + unit[3 * b], y = unit[3 * a + 1] + unit[3 * b + 1], z = unit[3 * a + 2] + unit[3 * b + 2];
    double n = Math.sqrt(x * x + y * y + z * z);
    unit[3 * nv] = x / n;
    unit[3 * nv + 1] = y / n;
    unit[3 * nv + 2] = z / n;
    mid.put(key, nv);
    return nv;
  }

  /** Concatenates meshes (faces of {@code b} follow those of {@code a}); normals only if both have them. */
  static TriangleMesh concat(TriangleMesh a, TriangleMesh b) {
    float[] pos = Arrays.copyOf(a.positions, a.positions.length + b.positions.length);
    System.arraycopy(b.positions, 0, pos, a.positions.length, b.positions.length);
    int[] faces = Arrays.copyOf(a.faces, a.faces.length + b.faces.length);
    int off = a.vertexCount();
    for (int i = 0; i < b.faces.length; i++) {
      faces[a.faces.length + i] = b.faces[i] + off;
    }
    float[] nrm = null;
    if (a.normals != null && b.normals != null) {
      nrm = Arrays.copyOf(a.normals, pos.length);
      System.arraycopy(b.normals, 0, nrm, a.normals.length, b.normals.length);
    }
    return new TriangleMesh(pos, faces, nrm, null);
  }

  /** Largest circumradius (mm) over the mesh's triangles. */
  static double maxCircumradius(TriangleMesh m) {
    double best = 0;
    float[] p = m.positions;
    for (int f = 0; f < m.faces.length; f += 3) {
      int a = 3 * m.faces[f], b = 3 * m.faces[f + 1], c = 3 * m.faces[f + 2];
      double la = dist(p, b, c), lb = dist(p, c, a), lc = dist(p, a, b);
      double s = (la + lb + lc) / 2;
      double area = Math.sqrt(Math.max(0, s * (s - la) * (s - lb) * (s - lc)));
      best = Math.max(best, la * lb * lc / (4 * area));
    }
    return best;
  }

  private static double dist(float[] p, int i, int j) {
    double dx = p[i] - p[j], dy = p[i + 1] - p[j + 1], dz = p[i + 2] - p[j + 2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
}
