package org.dpface.network.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.dpface.core.io.AtomicFiles;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.SampleSource;
import org.dpface.network.model.CrossModalNormalNet;
import org.dpface.network.model.DpNetBaseline;
import org.dpface.network.model.MonocularBaseline;
import org.dpface.network.model.StereoDpNet;
import org.dpface.network.model.StereoDpNetConfig;

/**
 * What a training run directory holds besides its checkpoint: which network, at which width, over
 * which disparity range, trained how. Persisted as {@code run.json} (format {@value #FORMAT}, version
 * 1) so that validation rebuilds exactly the trained block.
 *
 * @param model {@code stereodp}, {@code dpnet}, {@code mono} or {@code crossmodal} (normals only; see
 *     {@link #MODELS})
 * @param variant {@code tiny} (CI and demo widths) or {@code reference} (Kang et al. 2022 widths)
 * @param minDisparityPx smallest disparity the network can output (px)
 * @param maxDisparityPx largest disparity (px)
 * @param config the training settings
 * @param dataset the dataset directory trained on (provenance only)
 */
public record TrainRun(String model, String variant, double minDisparityPx, double maxDisparityPx,
    TrainConfig config, String dataset) {
  /** Format name of {@code run.json}. */
  public static final String FORMAT = "dpface-train-run";
  /** The file name inside a run directory. */
  public static final String FILE = "run.json";
  /** Known model names. */
  public static final List<String> MODELS = List.of("stereodp", "dpnet", "mono", "crossmodal");
  /** Every model's input size must be a multiple of this (the largest stride, 4). */
  public static final int CROP_MULTIPLE = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  public TrainRun {
    if (!MODELS.contains(model)) {
      throw new IllegalArgumentException("unknown model " + model + ", expected one of " + MODELS);
    }
    if (!"tiny".equals(variant) && !"reference".equals(variant)) {
      throw new IllegalArgumentException("variant must be tiny or reference, got " + variant);
    }
    if (!(maxDisparityPx > minDisparityPx)) {
      throw new IllegalArgumentException("need maxDisparity > minDisparity");
    }
  }

  /** A fresh, uninitialised block of this run's network. */
  public Supplier<ai.djl.nn.Block> blockFactory() {
    boolean tiny = "tiny".equals(variant);
    return switch (model) {
      case "stereodp" -> {
        StereoDpNetConfig c = tiny ? StereoDpNetConfig.tiny(minDisparityPx, maxDisparityPx)
            : StereoDpNetConfig.reference(minDisparityPx, maxDisparityPx);
        yield () -> new StereoDpNet(c);
      }
      case "dpnet" -> () -> new DpNetBaseline(tiny ? 8 : 32, minDisparityPx, maxDisparityPx);
      case "crossmodal" -> () -> new CrossModalNormalNet(tiny ? 8 : 32);
      default -> () -> new MonocularBaseline(tiny ? 8 : 32, minDisparityPx, maxDisparityPx);
    };
  }

  /** The network's downsampling factor: inputs must be multiples of it. */
  public int stride() {
    return switch (blockFactory().get()) {
      case StereoDpNet n -> n.stride();
      case DpNetBaseline n -> n.stride();
      case MonocularBaseline n -> n.stride();
      case CrossModalNormalNet n -> n.stride();
      default -> throw new IllegalStateException("unknown block for " + model);
    };
  }

  /** A trainer for this run. */
  public DpTrainer trainer(TrainingListener listener) {
    return new DpTrainer(model, blockFactory(), stride(), config, listener);
  }

  /**
   * The disparity range (px) of a source's ground truth, widened by {@code marginPx} on each side:
   * {min, max}. Throws when no pixel is valid.
   */
  public static double[] disparityRange(SampleSource source, double marginPx) throws IOException {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < source.size(); i++) {
      DpSample s = source.get(i);
      for (int p = 0; p < s.pixels(); p++) {
        float z = s.depthMm()[p];
        if (s.mask()[p] != 0 && z > 0 && Float.isFinite(z)) {
          double d = s.disparityOf(z);
          lo = Math.min(lo, d);
          hi = Math.max(hi, d);
        }
      }
    }
    if (lo > hi) {
      throw new IllegalArgumentException("no valid ground-truth pixel in the training source");
    }
    return new double[] {lo - marginPx, hi + marginPx};
  }

  /** Writes {@code dir/run.json} atomically. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectNode n = JSON.createObjectNode().put("format", FORMAT).put("version", 1)
        .put("model", model).put("variant", variant).put("minDisparityPx", minDisparityPx)
        .put("maxDisparityPx", maxDisparityPx).put("dataset", dataset);
    n.set("train", JSON.valueToTree(config));
    AtomicFiles.write(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
  }

  /** Reads {@code dir/run.json}. */
  public static TrainRun read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "not a training run directory");
    }
    JsonNode n = JSON.readTree(file.toFile());
    if (!FORMAT.equals(n.path("format").asText()) || n.path("version").asInt() != 1) {
      throw new IOException(file + ": not a " + FORMAT + " v1 file");
    }
    TrainConfig c = JSON.treeToValue(n.get("train"), TrainConfig.class);
    return new TrainRun(n.path("model").asText(), n.path("variant").asText(),
        n.path("minDisparityPx").asDouble(), n.path("maxDisparityPx").asDouble(), c,
        n.path("dataset").asText(""));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s/%s d∈[%.2f, %.2f] px, %d steps", model, variant,
        minDisparityPx, maxDisparityPx, config.steps());
  }
}
