package org.dpface.core.mesh;

import org.dpface.core.geom.RigidTransform;

/**
 * Indexed triangle mesh in millimetres. Arrays are public for hot loops and owned by the mesh.
 *
 * <ul>
 *   <li>{@code positions}: x, y, z per vertex (3 * vertexCount floats, mm)
 *   <li>{@code faces}: three vertex indices per triangle, counter-clockwise seen from outside
 *       (3 * faceCount ints)
 *   <li>{@code normals}: optional unit normals per vertex (3 * vertexCount floats) or null
 *   <li>{@code colors}: optional RGB per vertex, 0..255 (3 * vertexCount bytes) or null
 * </ul>
 */
public final class TriangleMesh {
  public final float[] positions;
  public final int[] faces;
  public float[] normals;
  public byte[] colors;

  /** Wraps the arrays (no copy) after checking their lengths and indices. */
  public TriangleMesh(float[] positions, int[] faces, float[] normals, byte[] colors) {
    if (positions.length % 3 != 0) {
      throw new IllegalArgumentException("positions length " + positions.length + " not a multiple of 3");
    }
    if (faces.length % 3 != 0) {
      throw new IllegalArgumentException("faces length " + faces.length + " not a multiple of 3");
    }
    int n = positions.length / 3;
    for (int i = 0; i < faces.length; i++) {
      if (faces[i] < 0 || faces[i] >= n) {
        throw new IllegalArgumentException(
            "face " + (i / 3) + " references vertex " + faces[i] + " outside [0, " + n + ")");
      }
    }
    if (normals != null && normals.length != positions.length) {
      throw new IllegalArgumentException("normals length " + normals.length + " != " + positions.length);
    }
    if (colors != null && colors.length != positions.length) {
      throw new IllegalArgumentException("colors length " + colors.length + " != " + positions.length);
    }
    this.positions = positions;
    this.faces = faces;
    this.normals = normals;
    this.colors = colors;
  }

  public TriangleMesh(float[] positions, int[] faces) {
    this(positions, faces, null, null);
  }

  public int vertexCount() {
    return positions.length / 3;
  }

  public int faceCount() {
    return faces.length / 3;
  }

  /**
   * Recomputes per-vertex normals as the area-weighted average of adjacent face normals (unit length;
   * zero for isolated vertices) and stores them in {@link #normals}.
   */
  public void computeVertexNormals() {
    double[] acc = new double[positions.length];
    for (int f = 0; f < faces.length; f += 3) {
      int a = faces[f] * 3;
      int b = faces[f + 1] * 3;
      int c = faces[f + 2] * 3;
      double e1x = positions[b] - positions[a];
      double e1y = positions[b + 1] - positions[a + 1];
      double e1z = positions[b + 2] - positions[a + 2];
      double e2x = positions[c] - positions[a];
      double e2y = positions[c + 1] - positions[a + 1];
      double e2z = positions[c + 2] - positions[a + 2];
      double nx = e1y * e2z - e1z * e2y; // cross product = 2 * area * unit normal
      double ny = e1z * e2x - e1x * e2z;
      double nz = e1x * e2y - e1y * e2x;
      for (int v : new int[] {a, b, c}) {
        acc[v] += nx;
        acc[v + 1] += ny;
        acc[v + 2] += nz;
      }
    }
    float[] out = normals != null ? normals : new float[positions.length];
    for (int i = 0; i < acc.length; i += 3) {
      double n = Math.sqrt(acc[i] * acc[i] + acc[i + 1] * acc[i + 1] + acc[i + 2] * acc[i + 2]);
      double s = n > 0 ? 1 / n : 0;
      out[i] = (float) (acc[i] * s);
      out[i + 1] = (float) (acc[i + 1] * s);
      out[i + 2] = (float) (acc[i + 2] * s);
    }
    normals = out;
  }

  /** Axis-aligned bounds {minX, minY, minZ, maxX, maxY, maxZ} in mm; NaNs for an empty mesh. */
  public double[] bounds() {
    double[] b = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    if (positions.length == 0) {
      return b;
    }
    for (int k = 0; k < 3; k++) {
      b[k] = Double.POSITIVE_INFINITY;
      b[k + 3] = Double.NEGATIVE_INFINITY;
    }
    for (int i = 0; i < positions.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        b[k] = Math.min(b[k], positions[i + k]);
        b[k + 3] = Math.max(b[k + 3], positions[i + k]);
      }
    }
    return b;
  }

  /** New mesh with positions (and normals) mapped through {@code aToB}; faces and colours shared. */
  public TriangleMesh transformed(RigidTransform aToB) {
    float[] p = new float[positions.length];
    double[] tmp = new double[3];
    for (int i = 0; i < p.length; i += 3) {
      aToB.transformPoint(positions[i], positions[i + 1], positions[i + 2], tmp, 0);
      p[i] = (float) tmp[0];
      p[i + 1] = (float) tmp[1];
      p[i + 2] = (float) tmp[2];
    }
    float[] n = null;
    if (normals != null) {
      n = new float[normals.length];
      for (int i = 0; i < n.length; i += 3) {
        aToB.transformDirection(normals[i], normals[i + 1], normals[i + 2], tmp, 0);
        n[i] = (float) tmp[0];
        n[i + 1] = (float) tmp[1];
        n[i + 2] = (float) tmp[2];
      }
    }
    return new TriangleMesh(p, faces, n, colors);
  }
}
