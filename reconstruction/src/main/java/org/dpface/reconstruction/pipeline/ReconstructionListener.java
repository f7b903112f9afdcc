package org.dpface.reconstruction.pipeline;

/**
 * Progress of a {@link Reconstructor} run, reported from the reconstructing thread (library code does
 * not print; a CLI turns these calls into a progress bar). Every method has an empty default.
 */
public interface ReconstructionListener {
  /** A listener that ignores everything. */
  ReconstructionListener NONE = new ReconstructionListener() {};

  /** Pipeline stages, in the order they run. */
  enum Stage {
    DECODE, TRIANGULATE, MERGE, FUSE, QC
  }

  /** {@code stage} begins; it has {@code steps} steps (views, cameras, ...). */
  default void stageStarted(Stage stage, int steps) {}

  /** Step {@code done} (1-based) of {@code steps} of {@code stage} finished; {@code item} names it. */
  default void stepDone(Stage stage, int done, int steps, String item) {}

  /** {@code stage} ended after {@code nanos} ns of wall time. */
  default void stageFinished(Stage stage, long nanos) {}
}
