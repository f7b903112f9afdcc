package org.dpface.core.mesh;

import java.util.Arrays;

/**
 * Summary of a set of distances in mm (finite values only; infinite or NaN entries count as {@link
 * #missing()}). Percentiles use the nearest-rank definition on the sorted values: the p-th percentile is
 * the value at rank ceil(p / 100 * n).
 *
 * @param count finite distances summarised
 * @param missing distances that were infinite or NaN (no surface within the search radius)
 * @param rms root mean square (mm)
 * @param mean arithmetic mean (mm)
 * @param median 50th percentile (mm)
 * @param p95 95th percentile (mm)
 * @param max largest finite distance (mm)
 */
public record DistanceStats(int count, int missing, double rms, double mean, double median, double p95, double max) {

  /** Stats of {@code d[i]} where {@code mask} is null or {@code mask[i]} is true. Allocates a copy. */
  public static DistanceStats of(float[] d, boolean[] mask) {
    if (mask != null && mask.length != d.length) {
      throw new IllegalArgumentException("mask length " + mask.length + " != " + d.length);
    }
    float[] v = new float[d.length];
    int n = 0;
    int missing = 0;
    double sum = 0;
    double sum2 = 0;
    for (int i = 0; i < d.length; i++) {
      if (mask != null && !mask[i]) {
        continue;
      }
      float x = d[i];
      if (!Float.isFinite(x)) {
        missing++;
        continue;
      }
      v[n++] = x;
      sum += x;
      sum2 += (double) x * x;
    }
    if (n == 0) {
      return new DistanceStats(0, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    Arrays.sort(v, 0, n);
    return new DistanceStats(n, missing, Math.sqrt(sum2 / n), sum / n, rank(v, n, 50), rank(v, n, 95), v[n - 1]);
  }

  /** Nearest-rank percentile of the first n sorted values. */
  static double rank(float[] sorted, int n, double p) {
    int r = (int) Math.ceil(p / 100.0 * n);
    return sorted[Math.max(0, Math.min(n - 1, r - 1))];
  }
}
