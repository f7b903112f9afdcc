package org.dpface.network.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Depth errors of one predicted depth map against its ground truth, over the valid pixels.
 *
 * <p>Absolute errors in mm; {@code aiwe1}, {@code aiwe2} in inverse metres (1/m) of inverse depth;
 * fractions in [0, 1]. NaN where no pixel is valid. See {@link DepthMetrics} for the definitions.
 *
 * @param absRel mean |p − g| / g
 * @param absDiff mean |p − g| (mm)
 * @param sqRel mean (p − g)² / g (mm)
 * @param rmse √ mean (p − g)² (mm)
 * @param rmseLog √ mean (ln p − ln g)²
 * @param delta101 fraction with max(p/g, g/p) &lt; 1.01
 * @param delta101Sq fraction with max(p/g, g/p) &lt; 1.01²
 * @param delta101Cube fraction with max(p/g, g/p) &lt; 1.01³
 * @param delta125 fraction with max(p/g, g/p) &lt; 1.25
 * @param aiwe1 affine-invariant weighted error, L1 fit (Garg et al. 2019), 1/m
 * @param aiwe2 affine-invariant weighted error, L2 fit (Garg et al. 2019), 1/m
 * @param oneMinusSpearman 1 − |Spearman ρ| between predicted and true inverse depth
 * @param count number of valid pixels
 */
public record DepthErrors(
    double absRel, double absDiff, double sqRel, double rmse, double rmseLog,
    double delta101, double delta101Sq, double delta101Cube, double delta125,
    double aiwe1, double aiwe2, double oneMinusSpearman, int count) {

  /** Metric names in report order, as used by {@link #toMap()}. */
  public static final String[] NAMES = {
      "absRel", "absDiff", "sqRel", "rmse", "rmseLog", "delta1.01", "delta1.01^2", "delta1.01^3",
      "delta1.25", "aiwe1", "aiwe2", "1-|spearman|"};

  /** The metrics by name in report order (the pixel count excluded). */
  public Map<String, Double> toMap() {
    double[] v = {absRel, absDiff, sqRel, rmse, rmseLog, delta101, delta101Sq, delta101Cube, delta125,
        aiwe1, aiwe2, oneMinusSpearman};
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      m.put(NAMES[i], v[i]);
    }
    return m;
  }
}
