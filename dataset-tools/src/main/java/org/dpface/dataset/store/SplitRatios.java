package org.dpface.dataset.store;

/**
 * Fractions of subjects assigned to train, val and test. Each in [0, 1], summing to 1 within 1e-6.
 */
public record SplitRatios(double train, double val, double test) {
  /** 80 / 10 / 10. */
  public static final SplitRatios DEFAULT = new SplitRatios(0.8, 0.1, 0.1);

  public SplitRatios {
    for (double r : new double[] {train, val, test}) {
      if (!(r >= 0 && r <= 1)) {
        throw new IllegalArgumentException("split ratios must be in [0, 1], got " + train + "/" + val + "/" + test);
      }
    }
    if (Math.abs(train + val + test - 1) > 1e-6) {
      throw new IllegalArgumentException("split ratios must sum to 1, got " + train + "/" + val + "/" + test);
    }
  }
}
