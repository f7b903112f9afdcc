package org.dpface.core.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeshesTest {
  private static final double TOL = 1e-6;

  @Test
  void icosphereCountsAreEulerConsistentAndOnTheSphere() {
    for (int s = 0; s <= 4; s++) {
      TriangleMesh m = Meshes.unitIcosphere(s);
      assertEquals(20 * (1 << (2 * s)), m.faceCount());
      assertEquals(10 * (1 << (2 * s)) + 2, m.vertexCount());
      for (int i = 0; i < m.positions.length; i += 3) {
        double r = Math.sqrt(m.positions[i] * m.positions[i] + m.positions[i + 1] * m.positions[i + 1]
            + m.positions[i + 2] * m.positions[i + 2]);
        assertEquals(1, r, TOL);
      }
    }
  }

  @Test
  void facesWindCounterClockwiseSeenFromOutside() {
    TriangleMesh m = Meshes.unitIcosphere(3);
    float[] p = m.positions;
    for (int f = 0; f < m.faces.length; f += 3) {
      int a = m.faces[f] * 3;
      int b = m.faces[f + 1] * 3;
      int c = m.faces[f + 2] * 3;
      double e1x = p[b] - p[a];
      double e1y = p[b + 1] - p[a + 1];
      double e1z = p[b + 2] - p[a + 2];
      double e2x = p[c] - p[a];
      double e2y = p[c + 1] - p[a + 1];
      double e2z = p[c + 2] - p[a + 2];
      double nx = e1y * e2z - e1z * e2y;
      double ny = e1z * e2x - e1x * e2z;
      double nz = e1x * e2y - e1y * e2x;
      double dot = nx * (p[a] + p[b] + p[c]) + ny * (p[a + 1] + p[b + 1] + p[c + 1]) + nz * (p[a + 2] + p[b + 2] + p[c + 2]);
      assertTrue(dot > 0, "face " + f / 3 + " winds inward");
    }
  }

  @Test
  void ellipsoidVerticesSatisfyTheEquationAndNormalsAreGradients() {
    double rx = 80;
    double ry = 110;
    double rz = 95;
    TriangleMesh m = Meshes.ellipsoid(3, rx, ry, rz, 10, -20, 900);
    for (int i = 0; i < m.positions.length; i += 3) {
      double x = (m.positions[i] - 10) / rx;
      double y = (m.positions[i + 1] + 20) / ry;
      double z = (m.positions[i + 2] - 900) / rz;
      assertEquals(1, x * x + y * y + z * z, 1e-5);
      double gx = x / rx;
      double gy = y / ry;
      double gz = z / rz;
      double g = Math.sqrt(gx * gx + gy * gy + gz * gz);
      assertEquals(gx / g, m.normals[i], 1e-6);
      assertEquals(gy / g, m.normals[i + 1], 1e-6);
      assertEquals(gz / g, m.normals[i + 2], 1e-6);
    }
  }

  @Test
  void computedVertexNormalsApproximateTheSphereNormals() {
    TriangleMesh m = Meshes.unitIcosphere(4);
    float[] analytic = m.normals.clone();
    m.computeVertexNormals();
    for (int i = 0; i < analytic.length; i += 3) {
      double dot = analytic[i] * m.normals[i] + analytic[i + 1] * m.normals[i + 1] + analytic[i + 2] * m.normals[i + 2];
      assertTrue(dot > Math.cos(Math.toRadians(1)), "vertex " + i / 3 + " normal off by more than 1 deg");
    }
  }

  @Test
  void rejectsBadSubdivisionCountsAndBadMeshes() {
    assertThrows(IllegalArgumentException.class, () -> Meshes.unitIcosphere(-1));
    var e = assertThrows(IllegalArgumentException.class, () -> new TriangleMesh(new float[9], new int[] {0, 1, 3}));
    assertTrue(e.getMessage().contains("vertex 3"), e.getMessage());
  }
}
