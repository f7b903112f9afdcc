package org.dpface.network.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Angular errors (degrees) of one predicted normal map against its ground truth, over the valid
 * pixels; fractions in [0, 1]. NaN where no pixel is valid. See {@link NormalMetrics}.
 *
 * @param meanDeg mean angle
 * @param medianDeg median angle
 * @param rmseDeg √ mean angle²
 * @param within11 fraction with angle &lt; 11.25°
 * @param within22 fraction with angle &lt; 22.5°
 * @param within30 fraction with angle &lt; 30°
 * @param count number of valid pixels
 */
public record NormalErrors(
    double meanDeg, double medianDeg, double rmseDeg, double within11, double within22,
    double within30, int count) {

  /** Metric names in report order, as used by {@link #toMap()}. */
  public static final String[] NAMES = {
      "normalMeanDeg", "normalMedianDeg", "normalRmseDeg", "normal<11.25", "normal<22.5", "normal<30"};

  /** The metrics by name in report order (the pixel count excluded). */
  public Map<String, Double> toMap() {
    double[] v = {meanDeg, medianDeg, rmseDeg, within11, within22, within30};
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      m.put(NAMES[i], v[i]);
    }
    return m;
  }
}
