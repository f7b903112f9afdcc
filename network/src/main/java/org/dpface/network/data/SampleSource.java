package org.dpface.network.data;

import java.io.IOException;

/**
 * Random access to DP samples by index: what the training loop and validation read. The HDF5 shard
 * reader of dataset-tools implements it for real datasets; {@link SyntheticDpSource} renders samples.
 *
 * <p>{@link #get(int)} must be deterministic (same index, same sample) so seeded training is
 * reproducible. Implementations document whether they are thread-safe.
 */
public interface SampleSource {
  /** Number of samples. */
  int size();

  /**
   * Sample {@code index} in [0, size()).
   *
   * @throws IOException when the backing storage fails
   */
  DpSample get(int index) throws IOException;
}
