package org.dpface.network.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Averages per-sample metrics over a validation set, overall and broken down by group dimensions
 * (e.g. {@code subject}, {@code expression}, {@code distance}).
 *
 * <p>Each sample contributes its metric map (e.g. {@link DepthErrors#toMap()} merged with
 * {@link NormalErrors#toMap()}) and its group labels. Every metric is averaged over the samples in
 * which it is finite (per-image averaging, as in the facial DP evaluation of Kang et al. 2022); NaN
 * values (no valid pixel) are skipped. Output order is deterministic: metrics in first-seen order,
 * dimensions in first-seen order, group values sorted. Not thread-safe.
 */
public final class MetricsAggregator {
  private final Sums overall = new Sums();
  private final Map<String, Map<String, Sums>> groups = new LinkedHashMap<>();

  /**
   * Adds one sample.
   *
   * @param labels group dimension → value, e.g. {@code {"subject": "sub-0001"}}; may be empty
   * @param metrics metric name → value for this sample
   */
  public void add(Map<String, String> labels, Map<String, Double> metrics) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(metrics, "metrics");
    overall.add(metrics);
    for (Map.Entry<String, String> e : labels.entrySet()) {
      groups.computeIfAbsent(e.getKey(), k -> new TreeMap<>())
          .computeIfAbsent(e.getValue(), k -> new Sums()).add(metrics);
    }
  }

  /** Number of samples added. */
  public int sampleCount() {
    return overall.samples;
  }

  /** Metric name → mean over all samples (NaN for a metric never finite). */
  public Map<String, Double> overall() {
    return overall.means();
  }

  /** Dimension → group value → metric name → mean over that group's samples. */
  public Map<String, Map<String, Map<String, Double>>> byGroup() {
    Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Sums>> d : groups.entrySet()) {
      Map<String, Map<String, Double>> values = new LinkedHashMap<>();
      for (Map.Entry<String, Sums> v : d.getValue().entrySet()) {
        values.put(v.getKey(), v.getValue().means());
      }
      out.put(d.getKey(), values);
    }
    return out;
  }

  /** Dimension → group value → number of samples. */
  public Map<String, Map<String, Integer>> groupCounts() {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Sums>> d : groups.entrySet()) {
      Map<String, Integer> values = new LinkedHashMap<>();
      d.getValue().forEach((k, s) -> values.put(k, s.samples));
      out.put(d.getKey(), values);
    }
    return out;
  }

  /** Running sums of one set of samples. */
  private static final class Sums {
    private final List<String> names = new ArrayList<>();
    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private int samples;

    void add(Map<String, Double> metrics) {
      samples++;
      for (Map.Entry<String, Double> e : metrics.entrySet()) {
        double[] s = sums.get(e.getKey());
        if (s == null) {
          s = new double[2];
          sums.put(e.getKey(), s);
          names.add(e.getKey());
        }
        double v = e.getValue();
        if (Double.isFinite(v)) {
          s[0] += v;
          s[1] += 1;
        }
      }
    }

    Map<String, Double> means() {
      Map<String, Double> m = new LinkedHashMap<>();
      for (String name : names) {
        double[] s = sums.get(name);
        m.put(name, s[1] > 0 ? s[0] / s[1] : Double.NaN);
      }
      return m;
    }
  }
}
