package org.dpface.reconstruction.triangulate;

import org.dpface.reconstruction.struct.DecodedMaps;

/**
 * Inverse map of one camera's decoded projector codes: a uniform grid over code space (projector pixels)
 * whose cells list the camera pixels whose (projU, projV) fall in them, in row-major pixel order (counting
 * sort). {@link #nearest} finds the pixel whose code is closest to a sought code. Built once per
 * triangulation, immutable afterwards, so it is shared by all workers.
 */
final class CodeIndex {
  private final int width;
  private final float[] u;
  private final float[] v;
  private final double cell;
  private final double minU;
  private final double minV;
  private final int gridW;
  private final int gridH;
  private final int[] cellStart;
  private final int[] items;

  /**
   * @param maps decoded maps (pixels with mask 1 and both codes finite are indexed)
   * @param cellPx cell size in projector pixels; {@link #nearest} searches the 3x3 cells around the code, so
   *     this must be at least the largest search distance
   */
  CodeIndex(DecodedMaps maps, double cellPx) {
    int w = maps.width();
    int h = maps.height();
    this.width = w;
    this.cell = cellPx;
    u = new float[w * h];
    v = new float[w * h];
    double lu = Double.POSITIVE_INFINITY;
    double lv = Double.POSITIVE_INFINITY;
    double hu = Double.NEGATIVE_INFINITY;
    double hv = Double.NEGATIVE_INFINITY;
    int n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int k = y * w + x;
        float cu = maps.projU.data[maps.projU.indexOf(x, y)];
        float cv = maps.projV.data[maps.projV.indexOf(x, y)];
        if (maps.mask.data[maps.mask.indexOf(x, y)] == 0 || !Float.isFinite(cu) || !Float.isFinite(cv)) {
          u[k] = Float.NaN;
          v[k] = Float.NaN;
          continue;
        }
        u[k] = cu;
        v[k] = cv;
        lu = Math.min(lu, cu);
        lv = Math.min(lv, cv);
        hu = Math.max(hu, cu);
        hv = Math.max(hv, cv);
        n++;
      }
    }
    if (n == 0) {
      lu = lv = hu = hv = 0;
    }
    minU = lu;
    minV = lv;
    gridW = (int) Math.floor((hu - lu) / cellPx) + 1;
    gridH = (int) Math.floor((hv - lv) / cellPx) + 1;
    cellStart = new int[gridW * gridH + 1];
    for (int k = 0; k < u.length; k++) {
      if (!Float.isNaN(u[k])) {
        cellStart[cellOf(u[k], v[k]) + 1]++;
      }
    }
    for (int c = 0; c < gridW * gridH; c++) {
      cellStart[c + 1] += cellStart[c];
    }
    items = new int[n];
    int[] fill = cellStart.clone();
    for (int k = 0; k < u.length; k++) {
      if (!Float.isNaN(u[k])) {
        items[fill[cellOf(u[k], v[k])]++] = k;
      }
    }
  }

  private int cellOf(double cu, double cv) {
    int gx = (int) ((cu - minU) / cell);
    int gy = (int) ((cv - minV) / cell);
    return gy * gridW + gx;
  }

  /** Code u of pixel index k (y * width + x), NaN where not indexed. */
  float u(int k) {
    return u[k];
  }

  /** Code v of pixel index k, NaN where not indexed. */
  float v(int k) {
    return v[k];
  }

  int width() {
    return width;
  }

  /**
   * Pixel index (y * width + x) whose code is nearest to (cu, cv) within {@code maxDist} (projector px);
   * ties go to the lower index. -1 when none.
   */
  int nearest(double cu, double cv, double maxDist) {
    double fx = (cu - minU) / cell;
    double fy = (cv - minV) / cell;
    if (!(fx > -1) || !(fy > -1) || !(fx < gridW + 1) || !(fy < gridH + 1)) {
      return -1;
    }
    int gx = (int) Math.floor(fx);
    int gy = (int) Math.floor(fy);
    double best = maxDist * maxDist;
    int bestK = -1;
    for (int y = Math.max(0, gy - 1); y <= Math.min(gridH - 1, gy + 1); y++) {
      for (int x = Math.max(0, gx - 1); x <= Math.min(gridW - 1, gx + 1); x++) {
        int c = y * gridW + x;
        for (int i = cellStart[c]; i < cellStart[c + 1]; i++) {
          int k = items[i];
          double du = u[k] - cu;
          double dv = v[k] - cv;
          double d2 = du * du + dv * dv;
          if (d2 < best || (d2 == best && bestK >= 0 && k < bestK)) {
            best = d2;
            bestK = k;
          }
        }
      }
    }
    return bestK;
  }
}
