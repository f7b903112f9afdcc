package org.dpface.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo chain at quick size with one subject, scored against truth: every accuracy bound of {@link
 * AccuracyBounds} (render, calibration of cameras, projectors and DP, reconstruction, registration, shards,
 * training) must pass, so a regression in any stage fails the build. The bounds live in {@link AccuracyBounds}
 * (the report shows the same table), so a change in them is a visible decision. Validation needs three subjects
 * and is checked to say so. The resume rules are covered on small stages by {@code DemoPipelineResumeTest}; here
 * a second run on the same directory must reuse every stage.
 */
class DemoPipelineTest {
  @TempDir Path lab;

  @Test
  void quickDemoRunsScoresAndResumes() throws Exception {
    DemoConfig config = new DemoConfig(lab, "virtual-8cam", 1, true, 7);
    List<StageResult> first = DemoPipeline.standard().run(config);

    StageResult rig = first.get(0);
    assertEquals(StageResult.DONE, rig.status());
    assertEquals(8, ((Number) rig.metrics().get("cameras")).intValue());
    assertTrue(Files.size(lab.resolve("rig/layout.png")) > 1000);

    // every accuracy bound of every stage that ran; only validation (needs 3 subjects) may not have run
    List<AccuracyBounds.Outcome> outcomes = AccuracyBounds.evaluate(first);
    for (AccuracyBounds.Outcome o : outcomes) {
      AccuracyBounds.Check c = o.check();
      if (c.stage().equals("validate")) {
        assertEquals(AccuracyBounds.Verdict.NOT_RUN, o.verdict(), c.metric());
      } else if (c.severity() == AccuracyBounds.Severity.BOUND) {
        assertEquals(AccuracyBounds.Verdict.PASS, o.verdict(),
            c.stage() + ": " + c.metric() + " = " + o.value() + " vs " + c.boundText() + ": " + o.problem());
      }
    }
    assertTrue(outcomes.stream().filter(o -> o.verdict() == AccuracyBounds.Verdict.PASS).count() >= 25, outcomes.toString());

    StageResult render = first.get(1);
    assertEquals(StageResult.DONE, render.status());
    for (String pic : render.pictures()) {
      assertTrue(Files.size(lab.resolve(pic)) > 1000, pic);
    }
    StageResult cal = stage(first, "calibrate");
    assertEquals(StageResult.DONE, cal.status());
    assertTrue(Files.isRegularFile(lab.resolve("calibration/calibration.json")));

    StageResult capture = stage(first, "capture");
    assertEquals(StageResult.DONE, capture.status());
    assertEquals(1, ((Number) capture.metrics().get("takes")).intValue());
    assertEquals("240x320", capture.metrics().get("camera resolution"));
    assertTrue(Files.isRegularFile(lab.resolve("lab/rig.json")) && Files.isRegularFile(lab.resolve("lab/subjects.json")));
    assertTrue(Files.isRegularFile(lab.resolve("truth/sub-0001-ses-01/take-0001/mesh.ply")), "truth beside the lab");
    assertTrue(Files.size(lab.resolve(capture.pictures().get(0))) > 1000);

    StageResult recon = stage(first, "reconstruct");
    assertEquals(StageResult.DONE, recon.status());
    assertTrue(Files.size(lab.resolve("recon/sub-0001-ses-01/take-0001/mesh.ply")) > 10_000);
    for (String pic : recon.pictures()) {
      assertTrue(Files.size(lab.resolve(pic)) > 500, pic);
    }

    StageResult reg = stage(first, "register");
    assertEquals(StageResult.DONE, reg.status());
    assertTrue(Files.size(lab.resolve(RegisterStage.PICTURE)) > 1000, "registered-vs-truth picture");
    StageResult shards = stage(first, "shards");
    assertEquals(StageResult.DONE, shards.status());
    assertEquals("valid", shards.metrics().get("verify"));
    assertEquals(((Number) reg.metrics().get("included")).intValue(), ((Number) shards.metrics().get("samples")).intValue(),
        "every included sample is in the dataset");
    assertEquals(StageResult.DONE, stage(first, "train").status());
    // One subject: nobody is held out, so validation says so instead of scoring the training subject.
    StageResult validate = stage(first, "validate");
    assertEquals(StageResult.PENDING, validate.status());
    assertTrue(validate.summary().contains("no held-out subject"), validate.summary());
    String html = Files.readString(lab.resolve("report.html"));
    assertTrue(html.contains("render/cam0.png") && html.contains("depth error median"), "report lacks render results");
    assertTrue(html.contains("Accuracy against the truth") && html.contains("every accuracy bound that ran passes"),
        "report lacks the accuracy summary or shows a failure");
    assertTrue(!html.contains("class=\"fail\""), "report marks a failure");

    // Resume: finished stages are reused, not recomputed (their result files stay untouched).
    Path renderResult = lab.resolve("stages/02-render.json");
    FileTime before = Files.getLastModifiedTime(renderResult);
    Files.setLastModifiedTime(renderResult, FileTime.fromMillis(before.toMillis() - 60_000));
    FileTime marked = Files.getLastModifiedTime(renderResult);
    List<StageResult> second = DemoPipeline.standard().run(config);
    assertEquals(marked, Files.getLastModifiedTime(renderResult));
    assertEquals(render.metrics(), second.get(1).metrics());

    assertEquals(first.size(), second.size());
    for (int i = 0; i < first.size(); i++) {
      if (StageResult.DONE.equals(first.get(i).status())) { // a pending stage (validate here) is asked again
        assertEquals(first.get(i).seconds(), second.get(i).seconds(), "stage " + first.get(i).id() + " was not reused");
      }
    }
  }

  private static StageResult stage(List<StageResult> results, String id) {
    return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no stage " + id));
  }
}
