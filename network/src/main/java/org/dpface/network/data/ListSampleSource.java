package org.dpface.network.data;

import java.util.List;
import java.util.Objects;

/**
 * Samples held in memory, by index: what a caller that forms samples on the fly (for instance validation on a
 * freshly captured session, registered without writing shards) hands to training or validation. The list is
 * copied once; the samples themselves are shared (read-only, like every {@link DpSample}). Thread-safe.
 */
public final class ListSampleSource implements SampleSource {
  private final List<DpSample> samples;

  /** @param samples the samples, in index order */
  public ListSampleSource(List<DpSample> samples) {
    this.samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
  }

  @Override
  public int size() {
    return samples.size();
  }

  @Override
  public DpSample get(int index) {
    return samples.get(Objects.checkIndex(index, samples.size()));
  }
}
