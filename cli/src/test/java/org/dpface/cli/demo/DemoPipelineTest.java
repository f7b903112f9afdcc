package org.dpface.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo chain at quick size, scored against truth: a regression in any implemented stage's accuracy
 * fails the build. Bounds are named so a change in them is a visible decision.
 */
class DemoPipelineTest {
  /** Tessellation sagitta of the quick (subdivision 5) ellipsoid is ~0.02 mm; median must stay below. */
  static final double MEDIAN_DEPTH_ERROR_MM = 0.03;
  static final double P95_DEPTH_ERROR_MM = 0.08;
  static final double P95_NORMAL_ERROR_DEG = 0.2;
  static final double MIN_SILHOUETTE_IOU = 0.995;

  @TempDir Path lab;

  @Test
  void quickDemoRunsScoresAndResumes() throws Exception {
    DemoConfig config = new DemoConfig(lab, "virtual-8cam", 1, true, 7);
    List<StageResult> first = DemoPipeline.standard().run(config);

    StageResult rig = first.get(0);
    assertEquals(StageResult.DONE, rig.status());
    assertEquals(8, ((Number) rig.metrics().get("cameras")).intValue());
    assertTrue(Files.size(lab.resolve("rig/layout.png")) > 1000);

    StageResult render = first.get(1);
    assertEquals(StageResult.DONE, render.status());
    Map<String, Object> m = render.metrics();
    assertBelow(m, "depth error median (mm)", MEDIAN_DEPTH_ERROR_MM);
    assertBelow(m, "depth error p95 (mm)", P95_DEPTH_ERROR_MM);
    assertBelow(m, "normal error p95 (deg)", P95_NORMAL_ERROR_DEG);
    assertTrue(((Number) m.get("silhouette IoU")).doubleValue() > MIN_SILHOUETTE_IOU, m.toString());
    for (String pic : render.pictures()) {
      assertTrue(Files.size(lab.resolve(pic)) > 1000, pic);
    }
    for (StageResult r : first.subList(2, first.size())) {
      assertEquals(r.id().equals("calibrate") ? StageResult.DONE : StageResult.PENDING, r.status(), r.id());
    }
    String html = Files.readString(lab.resolve("report.html"));
    assertTrue(html.contains("render/cam0.png") && html.contains("depth error median"), "report lacks render results");

    // Resume: finished stages are reused, not recomputed (their result files stay untouched).
    Path renderResult = lab.resolve("stages/02-render.json");
    FileTime before = Files.getLastModifiedTime(renderResult);
    Files.setLastModifiedTime(renderResult, FileTime.fromMillis(before.toMillis() - 60_000));
    FileTime marked = Files.getLastModifiedTime(renderResult);
    List<StageResult> second = DemoPipeline.standard().run(config);
    assertEquals(marked, Files.getLastModifiedTime(renderResult));
    assertEquals(render.metrics(), second.get(1).metrics());

    // A different configuration redoes the stages.
    DemoPipeline.standard().run(new DemoConfig(lab, "virtual-8cam", 1, true, 8));
    assertTrue(Files.getLastModifiedTime(renderResult).compareTo(marked) > 0);
  }

  private static void assertBelow(Map<String, Object> m, String key, double bound) {
    double v = ((Number) m.get(key)).doubleValue();
    assertTrue(v < bound, key + " = " + v + " not below " + bound);
  }
}
