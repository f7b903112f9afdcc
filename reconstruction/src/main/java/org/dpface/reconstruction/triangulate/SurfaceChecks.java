package org.dpface.reconstruction.triangulate;

import org.dpface.core.image.GrayF32;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.dpface.reconstruction.struct.TriangulationRejection;

/**
 * Second and third passes shared by the triangulators: surface normals from neighbouring points, the
 * incidence-angle and isolation checks, and the final confidence.
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>(pass 2, reads only the first pass's points and mask) for each valid pixel P and each of its four
 *       quadrants whose two 4-neighbours are valid (right and down, down and left, left and up, up and
 *       right), the normal n of the triangle (P, A, B); the quadrant's incidence cosine is the smaller of
 *       |cos| between n and the directions from P to the two view centres; the pixel keeps the best quadrant.
 *       Taking the best quadrant keeps points beside a depth spike (some quadrant avoids it) and rejects the
 *       spike itself (every quadrant contains it).
 *   <li>(pass 3, per pixel) no quadrant: {@link TriangulationRejection#ISOLATED} when so configured; a best
 *       cosine below cos(maxIncidence): {@link TriangulationRejection#INCIDENCE}; otherwise confidence =
 *       decoder confidence · exp(-d² / 2σ²) · incidence cosine, d the ray distance.
 * </ol>
 *
 * Both passes are row-parallel and deterministic: pass 3 starts after pass 2 has finished every row.
 */
final class SurfaceChecks {
  /** 4-neighbour offsets in quadrant order: right, down, left, up. */
  private static final int[] DX = {1, 0, -1, 0};
  private static final int[] DY = {0, 1, 0, -1};

  private final GrayF32 bestCos = new GrayF32(0, 0);

  /**
   * @param eyes world positions of the two view centres: x, y, z of view 1 then of view 2
   */
  void run(RowRunner runner, TriangulatedView view, double[] eyes, TriangulationConfig config) {
    int w = view.width();
    int h = view.height();
    bestCos.reshape(w, h);
    runner.run(h, (worker, y0, y1) -> {
      for (int y = y0; y < y1; y++) {
        for (int x = 0; x < w; x++) {
          bestCos.data[bestCos.indexOf(x, y)] = bestIncidenceCos(view, eyes, x, y);
        }
      }
    });
    double minCos = Math.cos(config.maxIncidenceRad());
    double inv2Sigma2 = 0.5 / (config.rayDistanceSigmaMm() * config.rayDistanceSigmaMm());
    runner.run(h, (worker, y0, y1) -> {
      for (int y = y0; y < y1; y++) {
        for (int x = 0; x < w; x++) {
          int i = view.mask.indexOf(x, y);
          if (view.mask.data[i] == 0) {
            continue;
          }
          float c = bestCos.data[bestCos.indexOf(x, y)];
          if (Float.isNaN(c)) {
            if (config.rejectIsolated()) {
              invalidate(view, x, y, TriangulationRejection.ISOLATED);
            }
            continue;
          }
          if (c < minCos) {
            invalidate(view, x, y, TriangulationRejection.INCIDENCE);
            continue;
          }
          float d = view.rayDistance.data[view.rayDistance.indexOf(x, y)];
          int ic = view.confidence.indexOf(x, y);
          view.confidence.data[ic] = (float) (view.confidence.data[ic] * Math.exp(-d * d * inv2Sigma2) * c);
        }
      }
    });
  }

  /** Best quadrant incidence cosine at (x, y), NaN when invalid or no quadrant has two valid neighbours. */
  private static float bestIncidenceCos(TriangulatedView view, double[] eyes, int x, int y) {
    if (view.mask.data[view.mask.indexOf(x, y)] == 0) {
      return Float.NaN;
    }
    float[] p = view.points.data;
    int ip = view.points.indexOf(x, y);
    double px = p[ip];
    double py = p[ip + 1];
    double pz = p[ip + 2];
    double best = Double.NaN;
    for (int q = 0; q < 4; q++) {
      int ax = x + DX[q];
      int ay = y + DY[q];
      int bx = x + DX[(q + 1) & 3];
      int by = y + DY[(q + 1) & 3];
      if (!view.mask.isInBounds(ax, ay) || !view.mask.isInBounds(bx, by)
          || view.mask.data[view.mask.indexOf(ax, ay)] == 0 || view.mask.data[view.mask.indexOf(bx, by)] == 0) {
        continue;
      }
      int ia = view.points.indexOf(ax, ay);
      int ib = view.points.indexOf(bx, by);
      double ux = p[ia] - px;
      double uy = p[ia + 1] - py;
      double uz = p[ia + 2] - pz;
      double vx = p[ib] - px;
      double vy = p[ib + 1] - py;
      double vz = p[ib + 2] - pz;
      double nx = uy * vz - uz * vy;
      double ny = uz * vx - ux * vz;
      double nz = ux * vy - uy * vx;
      double nn = Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (!(nn > 0)) {
        continue;
      }
      double worst = Double.POSITIVE_INFINITY;
      for (int e = 0; e < 6; e += 3) {
        double ex = eyes[e] - px;
        double ey = eyes[e + 1] - py;
        double ez = eyes[e + 2] - pz;
        double cos = Math.abs(nx * ex + ny * ey + nz * ez) / (nn * Math.sqrt(ex * ex + ey * ey + ez * ez));
        worst = Math.min(worst, cos);
      }
      if (!(best >= worst)) {
        best = worst;
      }
    }
    return (float) best;
  }

  /** Marks (x, y) invalid for {@code why}: NaN point, zero depth and confidence, mask 0. */
  static void invalidate(TriangulatedView view, int x, int y, TriangulationRejection why) {
    int ip = view.points.indexOf(x, y);
    view.points.data[ip] = Float.NaN;
    view.points.data[ip + 1] = Float.NaN;
    view.points.data[ip + 2] = Float.NaN;
    view.depth.data[view.depth.indexOf(x, y)] = 0;
    view.confidence.data[view.confidence.indexOf(x, y)] = 0;
    view.mask.data[view.mask.indexOf(x, y)] = 0;
    view.reason.data[view.reason.indexOf(x, y)] = why.code();
  }
}
