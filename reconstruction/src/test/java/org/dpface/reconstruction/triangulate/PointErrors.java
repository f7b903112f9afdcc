package org.dpface.reconstruction.triangulate;

import java.util.Arrays;
import org.dpface.reconstruction.struct.TriangulatedView;

/** Distances (mm) between a view's valid points and the true world points, with order statistics. */
record PointErrors(int count, int truthCount, double median, double p95, double max, double depthMax) {

  static PointErrors of(TriangulatedView view, TriangulationScene.Truth truth) {
    int w = view.width();
    int h = view.height();
    double[] e = new double[w * h];
    int n = 0;
    double depthMax = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (view.mask.get(x, y) == 0) {
          continue;
        }
        int k = y * w + x;
        if (!truth.valid(x, y)) {
          throw new AssertionError("valid point at (" + x + ", " + y + ") where the truth has none");
        }
        double dx = view.points.get(x, y, 0) - truth.world[3 * k];
        double dy = view.points.get(x, y, 1) - truth.world[3 * k + 1];
        double dz = view.points.get(x, y, 2) - truth.world[3 * k + 2];
        e[n++] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        depthMax = Math.max(depthMax, Math.abs(view.depth.get(x, y) - truth.depth[k]));
      }
    }
    double[] s = Arrays.copyOf(e, n);
    Arrays.sort(s);
    return new PointErrors(n, truth.countValid(), n == 0 ? Double.NaN : s[n / 2],
        n == 0 ? Double.NaN : s[(int) Math.min(n - 1, Math.floor(0.95 * n))], n == 0 ? Double.NaN : s[n - 1],
        depthMax);
  }

  /** Fraction of the truth's valid pixels that came out valid. */
  double coverage() {
    return count / (double) truthCount;
  }
}
