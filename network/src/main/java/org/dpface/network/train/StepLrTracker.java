package org.dpface.network.train;

import ai.djl.training.tracker.Tracker;

/**
 * Step learning-rate schedule lr = base · γ^⌊(offset + update) / stepSize⌋. The offset is the global
 * step a resumed run starts from, so the schedule continues across checkpoints.
 */
public final class StepLrTracker implements Tracker {
  private final float base;
  private final float gamma;
  private final int stepSize;
  private final int offset;

  public StepLrTracker(float base, float gamma, int stepSize, int offset) {
    if (!(base > 0) || !(gamma > 0) || stepSize < 1 || offset < 0) {
      throw new IllegalArgumentException("need base > 0, gamma > 0, stepSize >= 1, offset >= 0");
    }
    this.base = base;
    this.gamma = gamma;
    this.stepSize = stepSize;
    this.offset = offset;
  }

  /** Learning rate at global step {@code step} (0-based). */
  public float valueAtStep(int step) {
    return (float) (base * Math.pow(gamma, Math.floorDiv(step, stepSize)));
  }

  @Override
  public float getNewValue(int numUpdate) {
    // DJL counts updates from 1
    return valueAtStep(offset + Math.max(0, numUpdate - 1));
  }
}
