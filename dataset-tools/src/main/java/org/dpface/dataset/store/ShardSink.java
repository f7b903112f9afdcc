package org.dpface.dataset.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.shard.ShardWriter;
import org.dpface.dataset.store.DatasetModel.IndexEntry;

/**
 * Writes samples into the shards of a staging directory: one open {@link ShardWriter} per split, a shard
 * finished (temp + rename) when the next sample would take it past {@link DatasetConfig#maxShardBytes()},
 * shard numbers per split counting up from a given start (so new shards never take the name of a kept
 * one). Not thread-safe.
 */
final class ShardSink implements AutoCloseable {
  /** Told about every shard finished, e.g. for a progress display. */
  interface Listener {
    void shardFinished(String file, int rows);
  }

  private final Path dir;
  private final DatasetConfig config;
  private final Map<String, Integer> next;
  private final Listener listener;
  private final Map<String, ShardWriter> open = new LinkedHashMap<>();
  private final List<String> finished = new ArrayList<>();

  /**
   * @param dir staging dataset directory ({@code shards/} must exist)
   * @param firstNumber per split, the number of its first new shard (absent: 0)
   */
  ShardSink(Path dir, DatasetConfig config, Map<String, Integer> firstNumber, Listener listener) {
    this.dir = dir;
    this.config = config;
    this.next = new HashMap<>(firstNumber);
    this.listener = listener;
  }

  /**
   * Adds every sample to its subject's split ({@code plan}), skipping subjects whose SHA-256 is in
   * {@code withdrawnSha256}; appends the index entries to {@code entries}.
   *
   * @param ids sample ids already in the dataset; the new ones are added
   * @return how many samples were skipped as withdrawn
   * @throws IllegalArgumentException for a subject without a split or a duplicate sample id
   */
  int addAll(Iterator<Sample> samples, Map<String, String> plan, Set<String> withdrawnSha256, Set<String> ids,
      List<IndexEntry> entries) throws IOException {
    int skipped = 0;
    while (samples.hasNext()) {
      Sample s = samples.next();
      String subject = s.ids().subjectId();
      if (withdrawnSha256.contains(DatasetFiles.sha256(subject))) {
        skipped++;
        continue;
      }
      String split = plan.get(subject);
      if (split == null) {
        throw new IllegalArgumentException(s.ids().sampleId() + ": subject " + subject + " is not in the subject list");
      }
      if (!ids.add(s.ids().sampleId())) {
        throw new IllegalArgumentException("duplicate sample id " + s.ids().sampleId());
      }
      entries.add(add(s, split));
    }
    return skipped;
  }

  /** Appends a sample to the open shard of {@code split}; returns its index entry. */
  IndexEntry add(Sample s, String split) throws IOException {
    if (!s.shape().equals(config.shape())) {
      throw new IllegalArgumentException(s.ids().sampleId() + ": shape " + s.shape() + " differs from the dataset's " + config.shape());
    }
    ShardWriter w = open.get(split);
    if (w != null && w.sampleBytes() + config.shape().sampleBytes() > config.maxShardBytes()) {
      finish(split);
      w = null;
    }
    if (w == null) {
      int number = next.merge(split, 1, Integer::sum) - 1;
      w = new ShardWriter(dir.resolve(DatasetFiles.shardFile(split, number)), split, config.shape(), config.dpAxis(), config.deflateLevel());
      open.put(split, w);
    }
    int row = w.add(s);
    return DatasetWriter.entry(s, DatasetWriter.relative(dir, w.target()), row);
  }

  private void finish(String split) throws IOException {
    ShardWriter w = open.remove(split);
    int rows = w.rows();
    w.finish();
    String file = DatasetWriter.relative(dir, w.target());
    finished.add(file);
    if (listener != null) {
      listener.shardFinished(file, rows);
    }
  }

  /** Finishes every open shard; returns every shard written, in order. */
  List<String> finishAll() throws IOException {
    for (String split : new ArrayList<>(open.keySet())) {
      finish(split);
    }
    return List.copyOf(finished);
  }

  /** Drops unfinished shards (their temp files). */
  @Override
  public void close() {
    for (ShardWriter w : open.values()) {
      w.close();
    }
    open.clear();
  }
}
