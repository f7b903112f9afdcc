package org.dpface.core.raster;

import java.util.Arrays;
import org.dpface.core.mesh.Meshes;
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
    return Meshes.ellipsoid(level, radius, radius, radius, centre[0], centre[1], centre[2]);
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
