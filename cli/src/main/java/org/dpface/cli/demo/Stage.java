package org.dpface.cli.demo;

/** One step of the demo pipeline. Implementations write their outputs under the lab directory. */
interface Stage {
  /** Short id, used for the result file name ({@code stages/NN-id.json}) and in progress lines. */
  String id();

  /** One line for the report. */
  String title();

  /**
   * The settings this stage's result depends on (part of its fingerprint; the result of the stage before
   * it is the other part). Default: every setting.
   */
  default String inputs(DemoConfig config) {
    return config.fingerprint();
  }

  /** Runs the stage; throws on failure (the pipeline stops, earlier results stay on disk). */
  StageResult run(DemoContext ctx) throws Exception;
}
