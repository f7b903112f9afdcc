package org.dpface.rigs.virtual.subject;

import org.dpface.core.mesh.Meshes;
import org.dpface.core.mesh.TriangleMesh;

/**
 * The fixed topology and the mean head of the standard {@link HeadModel}, plus the per-vertex
 * quantities the basis fields are built from: unit direction u and base point p0 = base(u) u (head
 * frame, mm).
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>Unit icosphere ({@link Meshes#unitIcosphere}, outward counter-clockwise faces).
 *   <li>Its vertices are moved along great circles toward the face axis c: polar angle θ from c becomes
 *       θ - a sin θ, an odd, monotone (a &lt; 1) map of [0, π] onto itself, so the spherical
 *       triangulation stays valid while the face gets 1 / (1 - a)^2 times the vertex density.
 *   <li>Each direction gets its radial distance from {@link MeanHeadShape}.
 * </ol>
 */
final class HeadTemplate {
  /** Icosphere subdivisions: 20 * 4^6 = 81,920 triangles, 40,962 vertices. */
  static final int SUBDIVISIONS = 6;
  /** Strength a of the polar-angle warp toward the face. */
  static final double FACE_DENSITY_WARP = 0.45;

  final int vertexCount;
  final int[] faces;
  /** Unit directions (3 per vertex). */
  final double[] dir;
  /** Base points p0 (3 per vertex, mm). */
  final double[] base;
  /** Mean head vertices (3 per vertex, mm). */
  final double[] mean;

  HeadTemplate() {
    TriangleMesh sphere = Meshes.unitIcosphere(SUBDIVISIONS);
    vertexCount = sphere.vertexCount();
    faces = sphere.faces;
    dir = new double[vertexCount * 3];
    base = new double[vertexCount * 3];
    mean = new double[vertexCount * 3];
    double cn = Math.hypot(0.12, 1);
    double cx = 0;
    double cy = 0.12 / cn;
    double cz = -1 / cn;
    for (int i = 0; i < vertexCount; i++) {
      int k = i * 3;
      double ux = sphere.positions[k];
      double uy = sphere.positions[k + 1];
      double uz = sphere.positions[k + 2];
      double n = Math.sqrt(ux * ux + uy * uy + uz * uz);
      ux /= n;
      uy /= n;
      uz /= n;
      double cos = Math.max(-1, Math.min(1, ux * cx + uy * cy + uz * cz));
      double theta = Math.acos(cos);
      double sin = Math.sin(theta);
      if (sin > 1e-12) {
        double ex = (ux - cx * cos) / sin;
        double ey = (uy - cy * cos) / sin;
        double ez = (uz - cz * cos) / sin;
        double t2 = theta - FACE_DENSITY_WARP * sin;
        double c2 = Math.cos(t2);
        double s2 = Math.sin(t2);
        ux = cx * c2 + ex * s2;
        uy = cy * c2 + ey * s2;
        uz = cz * c2 + ez * s2;
        n = Math.sqrt(ux * ux + uy * uy + uz * uz);
        ux /= n;
        uy /= n;
        uz /= n;
      }
      dir[k] = ux;
      dir[k + 1] = uy;
      dir[k + 2] = uz;
      double r0 = MeanHeadShape.baseRadius(ux, uy, uz);
      double bx = r0 * ux;
      double by = r0 * uy;
      double bz = r0 * uz;
      base[k] = bx;
      base[k + 1] = by;
      base[k + 2] = bz;
      double r = r0 + MeanHeadShape.relief(bx, by, bz, ux, uy, uz);
      mean[k] = r * ux;
      mean[k + 1] = r * uy;
      mean[k + 2] = r * uz;
    }
  }
}
