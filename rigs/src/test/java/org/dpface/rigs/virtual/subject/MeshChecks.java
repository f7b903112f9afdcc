package org.dpface.rigs.virtual.subject;

import java.util.HashMap;
import java.util.Map;

/** Topology and embedding checks for closed triangle meshes (test helper). */
final class MeshChecks {
  private MeshChecks() {}

  /**
   * Empty string when every directed edge occurs exactly once and its reverse exactly once (closed,
   * manifold along edges, consistently wound); otherwise the first problem found.
   */
  static String closedConsistentProblem(int[] faces) {
    Map<Long, Integer> directed = new HashMap<>(faces.length * 2);
    for (int f = 0; f < faces.length; f += 3) {
      for (int e = 0; e < 3; e++) {
        int a = faces[f + e];
        int b = faces[f + (e + 1) % 3];
        if (directed.merge(key(a, b), 1, Integer::sum) > 1) {
          return "directed edge " + a + "->" + b + " used twice (inconsistent winding or non-manifold)";
        }
      }
    }
    for (long k : directed.keySet()) {
      int a = (int) (k >>> 32);
      int b = (int) k;
      if (!directed.containsKey(key(b, a))) {
        return "edge " + a + "-" + b + " has only one face (boundary)";
      }
    }
    return "";
  }

  /** V - E + F, with E counted as undirected edges. */
  static int eulerCharacteristic(int vertexCount, int[] faces) {
    Map<Long, Boolean> edges = new HashMap<>(faces.length);
    for (int f = 0; f < faces.length; f += 3) {
      for (int e = 0; e < 3; e++) {
        int a = faces[f + e];
        int b = faces[f + (e + 1) % 3];
        edges.put(key(Math.min(a, b), Math.max(a, b)), Boolean.TRUE);
      }
    }
    return vertexCount - edges.size() + faces.length / 3;
  }

  /** Signed volume (mm^3) enclosed by the mesh; positive for outward winding. */
  static double signedVolume(float[] v, int[] faces) {
    double vol = 0;
    for (int f = 0; f < faces.length; f += 3) {
      vol += triple(v, faces[f], faces[f + 1], faces[f + 2]);
    }
    return vol / 6;
  }

  /**
   * Number of faces whose tetrahedron with the origin has non-positive volume. Zero means every face
   * is counter-clockwise seen from the origin; with a sphere-like triangulation (each direction
   * covered once, as for the icosphere) the surface is then star-shaped about the origin and free of
   * self-intersections.
   */
  static int facesNotFacingAwayFromOrigin(float[] v, int[] faces) {
    int bad = 0;
    for (int f = 0; f < faces.length; f += 3) {
      if (!(triple(v, faces[f], faces[f + 1], faces[f + 2]) > 0)) {
        bad++;
      }
    }
    return bad;
  }

  private static double triple(float[] v, int a, int b, int c) {
    double ax = v[a * 3];
    double ay = v[a * 3 + 1];
    double az = v[a * 3 + 2];
    double bx = v[b * 3];
    double by = v[b * 3 + 1];
    double bz = v[b * 3 + 2];
    double cx = v[c * 3];
    double cy = v[c * 3 + 1];
    double cz = v[c * 3 + 2];
    return ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
  }

  private static long key(int a, int b) {
    return ((long) a << 32) | (b & 0xffffffffL);
  }
}
