package org.dpface.network.train;

import org.dpface.network.data.DpAugmentation;

/**
 * Settings of {@link DpTrainer}.
 *
 * @param steps total optimisation steps (a resumed run stops at the same total)
 * @param batchSize samples per step
 * @param cropWidth random crop width (px, after turning the split axis along the width); a multiple of
 *     the model's stride
 * @param cropHeight random crop height (px)
 * @param learningRate Adam base learning rate
 * @param lrStepSize steps between learning-rate decays
 * @param lrGamma learning-rate factor per decay
 * @param normalWeight weight of the (1 − cos) normal loss
 * @param seed seed of the engine (initialisation) and of batch and crop sampling
 * @param checkpointEvery steps between checkpoints (the last step is always saved)
 * @param validateEvery steps between validations (the last step is always validated)
 * @param augmentation training-sample augmentation ({@link DpAugmentation#none()} when null, e.g. in a
 *     {@code run.json} written before it existed); never applied in validation
 */
public record TrainConfig(
    int steps, int batchSize, int cropWidth, int cropHeight, float learningRate, int lrStepSize,
    float lrGamma, float normalWeight, long seed, int checkpointEvery, int validateEvery,
    DpAugmentation augmentation) {
  public TrainConfig {
    if (augmentation == null) {
      augmentation = DpAugmentation.none();
    }
    if (steps < 1 || batchSize < 1 || cropWidth < 4 || cropHeight < 4 || lrStepSize < 1
        || checkpointEvery < 1 || validateEvery < 1) {
      throw new IllegalArgumentException("invalid training config");
    }
    if (!(learningRate > 0) || !(lrGamma > 0) || !(normalWeight >= 0)) {
      throw new IllegalArgumentException("learning rate and gamma must be > 0, normal weight >= 0");
    }
  }

  /** Settings without augmentation. */
  public TrainConfig(int steps, int batchSize, int cropWidth, int cropHeight, float learningRate,
      int lrStepSize, float lrGamma, float normalWeight, long seed, int checkpointEvery,
      int validateEvery) {
    this(steps, batchSize, cropWidth, cropHeight, learningRate, lrStepSize, lrGamma, normalWeight, seed,
        checkpointEvery, validateEvery, DpAugmentation.none());
  }

  /** A copy with another augmentation. */
  public TrainConfig withAugmentation(DpAugmentation a) {
    return new TrainConfig(steps, batchSize, cropWidth, cropHeight, learningRate, lrStepSize, lrGamma,
        normalWeight, seed, checkpointEvery, validateEvery, a);
  }

  /** A copy with another total step count (e.g. to continue a finished run). */
  public TrainConfig withSteps(int newSteps) {
    return new TrainConfig(newSteps, batchSize, cropWidth, cropHeight, learningRate, lrStepSize,
        lrGamma, normalWeight, seed, checkpointEvery, validateEvery, augmentation);
  }
}
