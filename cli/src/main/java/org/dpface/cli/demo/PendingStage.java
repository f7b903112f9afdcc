package org.dpface.cli.demo;

/**
 * A pipeline stage whose implementation has not landed yet. It is shown in the progress and the report
 * as pending with the issue that builds it, so the demo's shape is visible from the first release and
 * nothing pretends to have run.
 */
record PendingStage(String id, String title, String issue) implements Stage {
  @Override
  public StageResult run(DemoContext ctx) {
    return new StageResult(
        id, title, StageResult.PENDING, "not implemented yet (" + issue + ")", null, null, null, 0);
  }
}
