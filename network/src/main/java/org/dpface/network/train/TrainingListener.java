package org.dpface.network.train;

import java.util.Map;

/** Progress of a {@link DpTrainer} run; library code reports through this instead of printing. */
public interface TrainingListener {
  /**
   * After each step.
   *
   * @param step 0-based global step just finished
   * @param totalSteps the run's total
   * @param loss total loss of the step
   * @param seconds wall time of the step
   */
  default void onStep(int step, int totalSteps, double loss, double seconds) {}

  /** After each validation, with the metrics written to the log. */
  default void onValidation(int step, Map<String, Double> metrics) {}

  /** After a checkpoint was written. */
  default void onCheckpoint(int step) {}
}
