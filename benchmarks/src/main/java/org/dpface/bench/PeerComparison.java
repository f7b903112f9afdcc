package org.dpface.bench;

import java.util.Arrays;
import java.util.Locale;
import org.dpface.core.raster.RenderTarget;

/** Agreement between the rasterizer's depth and the peer's t_hit on the same rays. */
final class PeerComparison {
  private PeerComparison() {}

  /** One-line summary: hit agreement and depth differences (mm) where both hit. */
  static String compare(RenderTarget ours, float[] peerDepth) {
    float[] z = ours.depth.data;
    int n = ours.depth.pixelCount();
    int both = 0;
    int onlyOurs = 0;
    int onlyPeer = 0;
    double[] diffs = new double[n];
    for (int i = 0; i < n; i++) {
      boolean a = z[i] > 0;
      boolean b = Float.isFinite(peerDepth[i]);
      if (a && b) {
        diffs[both++] = Math.abs(z[i] - peerDepth[i]);
      } else if (a) {
        onlyOurs++;
      } else if (b) {
        onlyPeer++;
      }
    }
    Arrays.sort(diffs, 0, both);
    double median = both > 0 ? diffs[both / 2] : Double.NaN;
    double p999 = both > 0 ? diffs[(int) Math.min(both - 1, Math.floor(both * 0.999))] : Double.NaN;
    double max = both > 0 ? diffs[both - 1] : Double.NaN;
    return String.format(Locale.ROOT,
        "hits: both %d, only dpface %d, only open3d %d; |dZ| mm: median %.2e, p99.9 %.2e, max %.2e",
        both, onlyOurs, onlyPeer, median, p999, max);
  }
}
