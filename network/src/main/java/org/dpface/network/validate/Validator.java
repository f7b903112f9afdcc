package org.dpface.network.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dpface.core.io.AtomicFiles;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.SampleSource;
import org.dpface.network.metrics.DepthErrors;
import org.dpface.network.metrics.DepthMetrics;
import org.dpface.network.metrics.MetricsAggregator;
import org.dpface.network.metrics.NormalMetrics;

/**
 * Runs several predictors over one validation source and reports per-sample metrics averaged overall
 * and per subject, expression and distance ({@link MetricsAggregator}).
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>each sample is turned split-along-width and cropped at the top-left to a multiple of the
 *       largest predictor stride, so every predictor sees the same pixels;
 *   <li>per predictor: the prediction (timed), disparity MAE (px) against a / Z + b, the depth metrics
 *       of {@link DepthMetrics} and the normal metrics of {@link NormalMetrics}, on valid face pixels;
 *   <li>labels: {@code subject}, and {@code expression} / {@code distance} where the sample has them;
 *   <li>outputs in {@code outDir}: {@code metrics.json} (format {@value #FORMAT}, version 1),
 *       {@code metrics.md} and {@code metrics.html} (comparison tables, {@link ValidationTables}) and
 *       {@code pictures/} for the first samples ({@link ValidationPictures}).
 * </ol>
 * Deterministic for deterministic predictors, except the timings.
 */
public final class Validator {
  /** Format name of {@code metrics.json}. */
  public static final String FORMAT = "dpface-validation";
  /** Breakdown dimensions, in report order. */
  public static final List<String> DIMENSIONS = List.of("subject", "expression", "distance");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int pictureSamples;

  /** @param pictureSamples how many samples get comparison pictures */
  public Validator(int pictureSamples) {
    this.pictureSamples = Math.max(0, pictureSamples);
  }

  /** The results of one predictor. */
  public record ModelResult(String name, String kind, MetricsAggregator metrics, double secondsPerSample) {}

  /** The results of a validation: per predictor, in the order given. */
  public record Report(String dataset, String split, int samples, List<ModelResult> models,
      List<String> pictures) {
    /** The result of the predictor named {@code name}. */
    public ModelResult model(String name) {
      return models.stream().filter(m -> m.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no model " + name));
    }
  }

  /**
   * Validates {@code predictors} on every sample of {@code source} and writes the outputs.
   *
   * @param datasetLabel dataset path or name, recorded in the report
   * @param split split name, recorded in the report
   */
  public Report run(List<? extends DepthPredictor> predictors, SampleSource source, String datasetLabel,
      String split, Path outDir) throws IOException {
    if (predictors.isEmpty()) {
      throw new IllegalArgumentException("nothing to validate");
    }
    if (source.size() == 0) {
      throw new IllegalArgumentException("split " + split + " has no samples");
    }
    Files.createDirectories(outDir);
    int stride = 1;
    for (DepthPredictor p : predictors) {
      stride = Math.max(stride, p.stride());
    }
    for (DepthPredictor p : predictors) {
      if (stride % p.stride() != 0) {
        throw new IllegalArgumentException("predictor strides must divide " + stride);
      }
    }
    List<MetricsAggregator> aggs = new ArrayList<>();
    double[] seconds = new double[predictors.size()];
    predictors.forEach(p -> aggs.add(new MetricsAggregator()));
    List<String> pictures = new ArrayList<>();
    for (int i = 0; i < source.size(); i++) {
      DpSample full = source.get(i).splitAlongWidth();
      int w = full.width() / stride * stride;
      int h = full.height() / stride * stride;
      if (w == 0 || h == 0) {
        throw new IllegalArgumentException("sample " + full.sampleId() + " smaller than the stride " + stride);
      }
      DpSample s = full.crop(0, 0, w, h);
      Map<String, String> labels = labels(s);
      List<DepthPredictor.Prediction> preds = new ArrayList<>();
      for (int k = 0; k < predictors.size(); k++) {
        long t0 = System.nanoTime();
        DepthPredictor.Prediction pr = predictors.get(k).predict(s);
        seconds[k] += (System.nanoTime() - t0) * 1e-9;
        preds.add(pr);
        aggs.get(k).add(labels, sampleMetrics(s, pr));
      }
      if (i < pictureSamples) {
        pictures.add(ValidationPictures.write(outDir, s, preds));
      }
    }
    List<ModelResult> results = new ArrayList<>();
    for (int k = 0; k < predictors.size(); k++) {
      DepthPredictor p = predictors.get(k);
      results.add(new ModelResult(p.name(), p.kind(), aggs.get(k), seconds[k] / source.size()));
    }
    Report report = new Report(datasetLabel, split, source.size(), List.copyOf(results), List.copyOf(pictures));
    writeJson(report, outDir.resolve("metrics.json"));
    AtomicFiles.writeString(outDir.resolve("metrics.md"), ValidationTables.markdown(report));
    AtomicFiles.writeString(outDir.resolve("metrics.html"), ValidationTables.html(report));
    return report;
  }

  /** Disparity MAE (px) then depth and normal metrics of one prediction. */
  static Map<String, Double> sampleMetrics(DpSample s, DepthPredictor.Prediction p) {
    int px = s.pixels();
    Map<String, Double> m = new LinkedHashMap<>();
    if (!p.hasDepth()) { // normals-only predictor: disparity and depth metrics not applicable
      m.put("dispMae", Double.NaN);
      for (String name : DepthErrors.NAMES) {
        m.put(name, Double.NaN);
      }
      m.putAll(NormalMetrics.compute(p.normals(), s.normal(), s.mask(), px).toMap());
      return m;
    }
    double mae = 0;
    int n = 0;
    for (int i = 0; i < px; i++) {
      float z = s.depthMm()[i];
      if (s.mask()[i] != 0 && z > 0 && Float.isFinite(z)) {
        mae += Math.abs(p.disparityPx()[i] - s.disparityOf(z));
        n++;
      }
    }
    m.put("dispMae", n == 0 ? Double.NaN : mae / n);
    m.putAll(DepthMetrics.compute(p.depthMm(), s.depthMm(), s.mask(), px).toMap());
    m.putAll(NormalMetrics.compute(p.normals(), s.normal(), s.mask(), px).toMap());
    return m;
  }

  private static Map<String, String> labels(DpSample s) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("subject", s.subjectId());
    for (String d : DIMENSIONS.subList(1, DIMENSIONS.size())) {
      String v = s.metadata().get(d);
      if (v != null) {
        labels.put(d, v);
      }
    }
    return labels;
  }

  private static void writeJson(Report r, Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("version", 1)
        .put("dataset", r.dataset()).put("split", r.split()).put("samples", r.samples());
    root.put("units", "dispMae px; absDiff, sqRel, rmse mm; aiwe 1/m; normal angles degrees; "
        + "fractions in [0, 1]; per-sample means over valid face pixels");
    ArrayNode models = root.putArray("models");
    for (ModelResult m : r.models()) {
      ObjectNode o = models.addObject().put("name", m.name()).put("kind", m.kind())
          .put("secondsPerSample", m.secondsPerSample());
      putMetrics(o.putObject("overall"), m.metrics().overall());
      ObjectNode groups = o.putObject("groups");
      Map<String, Map<String, Integer>> counts = m.metrics().groupCounts();
      m.metrics().byGroup().forEach((dim, values) -> {
        ObjectNode d = groups.putObject(dim);
        values.forEach((value, metrics) -> {
          ObjectNode g = d.putObject(value);
          g.put("samples", counts.get(dim).get(value));
          putMetrics(g.putObject("metrics"), metrics);
        });
      });
    }
    ArrayNode pics = root.putArray("pictures");
    r.pictures().forEach(pics::add);
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static void putMetrics(ObjectNode o, Map<String, Double> metrics) {
    Objects.requireNonNull(metrics);
    metrics.forEach((k, v) -> {
      if (Double.isFinite(v)) {
        o.put(k, v);
      } else {
        o.putNull(k);
      }
    });
  }
}
