package org.dpface.network.train;

import java.io.IOException;
import java.util.List;
import org.dpface.network.data.SyntheticDpSource;
import org.dpface.rigs.BundledRigs;

/** The synthetic data the training tests share: camera 0 of the bundled virtual 8-camera rig, faces at 850–1100 mm. */
final class TrainingFixtures {
  private TrainingFixtures() {}

  /** {@code count} synthetic samples of {@code width} × {@code height} px, generated from {@code seed}. */
  static SyntheticDpSource source(int width, int height, int count, long seed) throws IOException {
    return new SyntheticDpSource(BundledRigs.load("virtual-8cam").cameras().get(0), width, height, count, seed, 850,
        1100);
  }

  /** The training set of the learning tests (24 samples, 40 × 40, 32 × 32 crops fit). */
  static SyntheticDpSource learningTrain() throws IOException {
    return source(40, 40, 24, 1);
  }

  /** The validation set of the learning tests (6 samples, 32 × 32). */
  static SyntheticDpSource learningVal() throws IOException {
    return source(32, 32, 6, 2);
  }

  /** Mean of a list of losses. */
  static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
