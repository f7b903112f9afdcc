package org.dpface.bench;

import java.util.Arrays;

/** Summary statistics of timing samples, shared by the benchmark mains. */
final class BenchStats {
  private BenchStats() {}

  /** The median (the mean of the middle two for an even count); {@code v} is not modified. */
  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }

  /** The smallest value, NaN for none. */
  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  /** The largest value, NaN for none. */
  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }
}
