package org.dpface.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpface.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo stages in order and writes each result to {@code stages/NN-id.json} (atomically) as
 * soon as the stage finishes. A second run on the same lab directory reuses results whose fingerprint
 * matches the configuration and whose stage finished, so an interrupted demo continues where it stopped.
 * A stage that needs in-memory state from an earlier one rebuilds it from the lab directory.
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
    String fp = config.fingerprint();
    List<StageResult> results = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      Path resultFile = config.out().resolve("stages").resolve(String.format(Locale.ROOT, "%02d-%s.json", i + 1, stage.id()));
      StageResult previous = readResult(resultFile);
      String tag = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, stages.size(), stage.id());
      if (previous != null && fp.equals(previous.fingerprint()) && StageResult.DONE.equals(previous.status())) {
        LOG.info("{}: done in an earlier run, reusing ({})", tag, previous.summary());
        results.add(previous);
        continue;
      }
      LOG.info("{}: {}", tag, stage.title());
      long t0 = System.nanoTime();
      StageResult r = stage.run(ctx).withRun(fp, (System.nanoTime() - t0) / 1e9);
      LOG.info("{}: {} ({}, {} s)", tag, r.status(), r.summary(), String.format(Locale.ROOT, "%.1f", r.seconds()));
      writeResult(resultFile, r);
      results.add(r);
    }
    Path report = new ReportWriter().write(config, results);
    LOG.info("report: {}", report);
    return results;
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
