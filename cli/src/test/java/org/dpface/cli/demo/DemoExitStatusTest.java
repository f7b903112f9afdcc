package org.dpface.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which outcomes make {@code dpface demo} exit with {@link DemoCommand#EXIT_ACCURACY}: a truth-based bound
 * over its limit or not a number; never a model-quality comparison or a stage that did not run.
 */
class DemoExitStatusTest {
  private static StageResult reconstruct(Object worstMedian) {
    return new StageResult("reconstruct", "reconstruct", StageResult.DONE, "", Map.of(
        "fused median, worst take (mm)", worstMedian, "fused p95, worst take (mm)", 0.2,
        "decoded (u,v) median, worst take (px)", 0.05, "decoded (u,v) p95, worst take (px)", 0.12,
        "completeness, worst take", 0.4), List.of(), null, 0);
  }

  private static StageResult validate(double stereo, double dpnet) {
    return new StageResult("validate", "validate", StageResult.DONE, "", Map.of("stereodp dispMae", stereo,
        "dpnet dispMae", dpnet, "constant dispMae", 0.9), List.of(), null, 0);
  }

  @Test
  void aFigureOverItsBoundOrNotANumberFailsTheRun() {
    assertTrue(DemoCommand.failedBounds(AccuracyBounds.evaluate(List.of(reconstruct(0.063)))).isEmpty(),
        "0.063 mm is within the 0.1 mm bound; the stages not run are not failures");
    List<AccuracyBounds.Outcome> over = DemoCommand.failedBounds(AccuracyBounds.evaluate(List.of(reconstruct(0.12))));
    assertEquals(1, over.size(), over.toString());
    assertEquals("fused median, worst take (mm)", over.get(0).check().metric());
    List<AccuracyBounds.Outcome> nan = DemoCommand.failedBounds(AccuracyBounds.evaluate(List.of(reconstruct("NaN"))));
    assertEquals(1, nan.size(), nan.toString());
  }

  @Test
  void aBaselineBeatingStereoDpIsReportedNotAFailure() {
    List<AccuracyBounds.Outcome> all = AccuracyBounds.evaluate(List.of(validate(1.6, 1.4)));
    assertTrue(all.stream().anyMatch(o -> o.verdict() == AccuracyBounds.Verdict.FAIL), all.toString());
    assertTrue(DemoCommand.failedBounds(all).isEmpty(), "quality comparisons do not set the exit status");
  }
}
