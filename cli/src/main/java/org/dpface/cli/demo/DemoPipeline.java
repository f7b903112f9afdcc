package org.dpface.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.dpface.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo stages in order and writes each result to {@code stages/NN-id.json} (atomically) as
 * soon as the stage finishes. A second run on the same lab directory reuses a finished result when its
 * fingerprint still matches, so an interrupted demo continues where it stopped. A stage's fingerprint is
 * what it reads: the settings it depends on ({@link Stage#inputs}) and the result of the stage before it
 * (its fingerprint and run time, so the chain covers every earlier stage). A stage whose settings changed,
 * or any of whose earlier stages ran again, runs again; stages before it are reused. A stage that needs
 * in-memory state from an earlier one rebuilds it from the lab directory.
 */
public final class DemoPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(DemoPipeline.class);
  static final String RESULT_FORMAT = "dpface-stage-result";
  static final int RESULT_VERSION = 1;

  private final List<Stage> stages;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  DemoPipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  /** The pipeline as it stands: implemented stages run, the others are listed as pending. */
  public static DemoPipeline standard() {
    return new DemoPipeline(
        List.of(
            new RigStage(),
            new RenderTruthStage(),
            new CalibrateStage(),
            new CaptureStage(),
            new ReconstructStage(),
            new RegisterStage(),
            new ShardsStage(),
            new TrainStage(),
            new ValidateStage()));
  }

  /** Runs (or resumes) every stage, then writes {@code report.html}; returns the results in order. */
  public List<StageResult> run(DemoConfig config) throws Exception {
    Files.createDirectories(config.out());
    DemoContext ctx = new DemoContext(config);
    List<StageResult> results = new ArrayList<>();
    StageResult upstream = null;
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      Path resultFile = config.out().resolve("stages").resolve(String.format(Locale.ROOT, "%02d-%s.json", i + 1, stage.id()));
      StageResult previous = readResult(resultFile);
      String tag = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, stages.size(), stage.id());
      String fp = fingerprint(stage, config, upstream);
      if (previous != null && fp.equals(previous.fingerprint()) && StageResult.DONE.equals(previous.status())) {
        LOG.info("{}: done in an earlier run, reusing ({})", tag, previous.summary());
        results.add(previous);
        upstream = previous;
        continue;
      }
      if (previous != null) {
        LOG.info("{}: earlier result not reusable ({}), running again", tag,
            !StageResult.DONE.equals(previous.status()) ? "status " + previous.status()
                : "inputs changed: " + previous.fingerprint() + " -> " + fp);
      }
      LOG.info("{}: {}", tag, stage.title());
      long t0 = System.nanoTime();
      StageResult r = stage.run(ctx).withRun(fp, (System.nanoTime() - t0) / 1e9);
      LOG.info("{}: {} ({}, {} s)", tag, r.status(), r.summary(), String.format(Locale.ROOT, "%.1f", r.seconds()));
      writeResult(resultFile, r);
      results.add(r);
      upstream = r;
    }
    Path report = new ReportWriter().write(config, results);
    LOG.info("report: {}", report);
    return results;
  }

  /**
   * {@code stage}'s fingerprint: its settings ({@link Stage#inputs}) and a digest of the stage before it
   * (fingerprint and run time: a stage that ran again gets a new digest, one that was reused keeps it).
   */
  static String fingerprint(Stage stage, DemoConfig config, StageResult upstream) {
    String fp = stage.inputs(config);
    if (upstream == null) {
      return fp;
    }
    String before = upstream.id() + "|" + upstream.fingerprint() + "|" + Double.toString(upstream.seconds());
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(before.getBytes(StandardCharsets.UTF_8));
      return fp + ";after=" + upstream.id() + "@" + HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private StageResult readResult(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      var node = json.readTree(file.toFile());
      if (!RESULT_FORMAT.equals(node.path("format").asText()) || node.path("version").asInt() != RESULT_VERSION) {
        LOG.warn("{}: not a version-{} stage result, running the stage again", file, RESULT_VERSION);
        return null;
      }
      return json.treeToValue(node.get("result"), StageResult.class);
    } catch (IOException e) {
      LOG.warn("{}: unreadable ({}), running the stage again", file, e.getMessage());
      return null;
    }
  }

  private void writeResult(Path file, StageResult r) throws IOException {
    Files.createDirectories(file.getParent());
    var root = json.createObjectNode();
    root.put("format", RESULT_FORMAT);
    root.put("version", RESULT_VERSION);
    root.set("result", json.valueToTree(r));
    AtomicFiles.write(file, json.writeValueAsBytes(root));
  }
}
