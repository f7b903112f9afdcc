package org.dpface.reconstruction.fuse;

import org.dpface.core.image.GrayF32;
import org.dpface.core.raster.RayTable;

/**
 * Per-pixel integration weight of one {@link DepthView}: confidence times the cosine between the viewing
 * ray and the surface normal (Curless and Levoy 1996, section 5: weights fall off as the surface turns
 * away from the sensor). The normal comes from central differences of the back-projected depth map.
 * Pixels get weight 0 when their depth or any 4-neighbour is invalid, when a neighbour differs by more
 * than the jump threshold (silhouettes, mixed pixels), or when the cosine is below the minimum.
 *
 * <p>Also holds the view's ray table (undistorted normalized coordinates per pixel).
 */
final class ViewWeights {
  final RayTable rays;
  /** Weight per pixel, packed row-major (index v * width + u), 0 = not used. */
  final float[] weight;
  final int width;
  final int height;

  ViewWeights(DepthView view, double minCosine, double maxJumpMm) {
    this.rays = new RayTable(view.camera());
    this.width = view.depth().width();
    this.height = view.depth().height();
    this.weight = new float[width * height];
    GrayF32 d = view.depth();
    GrayF32 c = view.confidence();
    for (int v = 1; v < height - 1; v++) {
      for (int u = 1; u < width - 1; u++) {
        float z = d.data[d.indexOf(u, v)];
        if (!(z > 0) || !Float.isFinite(z)) {
          continue;
        }
        float conf = c == null ? 1f : c.data[c.indexOf(u, v)];
        if (!(conf > 0)) {
          continue;
        }
        float zl = d.data[d.indexOf(u - 1, v)];
        float zr = d.data[d.indexOf(u + 1, v)];
        float zu = d.data[d.indexOf(u, v - 1)];
        float zd = d.data[d.indexOf(u, v + 1)];
        if (!near(z, zl, maxJumpMm) || !near(z, zr, maxJumpMm) || !near(z, zu, maxJumpMm)
            || !near(z, zd, maxJumpMm)) {
          continue;
        }
        double ax = rays.x(u + 1, v) * zr - rays.x(u - 1, v) * zl;
        double ay = rays.y(u + 1, v) * zr - rays.y(u - 1, v) * zl;
        double az = zr - zl;
        double bx = rays.x(u, v + 1) * zd - rays.x(u, v - 1) * zu;
        double by = rays.y(u, v + 1) * zd - rays.y(u, v - 1) * zu;
        double bz = zd - zu;
        double nx = ay * bz - az * by;
        double ny = az * bx - ax * bz;
        double nz = ax * by - ay * bx;
        double px = rays.x(u, v);
        double py = rays.y(u, v);
        double cos = Math.abs(nx * px + ny * py + nz)
            / Math.sqrt((nx * nx + ny * ny + nz * nz) * (px * px + py * py + 1));
        if (!(cos >= minCosine)) {
          continue;
        }
        weight[v * width + u] = (float) (Math.min(1f, conf) * cos);
      }
    }
  }

  private static boolean near(float z, float n, double jump) {
    return n > 0 && Float.isFinite(n) && Math.abs(n - z) <= jump;
  }
}
