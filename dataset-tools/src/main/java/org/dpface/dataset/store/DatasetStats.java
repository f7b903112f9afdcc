package org.dpface.dataset.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.store.DatasetModel.Index;
import org.dpface.dataset.store.DatasetModel.IndexEntry;
import org.dpface.dataset.store.DatasetModel.ShardEntry;

/**
 * Summary counts of a dataset, from {@code index.json} alone (no shard is opened): samples, subjects
 * and shards per split, samples per camera and capture condition, stored vs uncompressed bytes.
 */
public record DatasetStats(
    SampleShape sampleShape,
    int samples,
    int shards,
    long storedBytes,
    long uncompressedBytes,
    Map<String, Integer> samplesPerSplit,
    Map<String, Integer> subjectsPerSplit,
    Map<String, Integer> shardsPerSplit,
    Map<String, Integer> perCamera,
    Map<String, Integer> perExpression,
    Map<String, Integer> perPosition,
    Map<String, Integer> perDirection,
    Map<String, Integer> perLight) {

  /** Reads the index of {@code dir} and counts. */
  public static DatasetStats of(Path dir) throws IOException {
    Index index = DatasetFiles.read(dir.resolve(DatasetFiles.INDEX), Index.class);
    Map<String, String> splitOfShard = new TreeMap<>();
    Map<String, Integer> shardsPerSplit = new TreeMap<>();
    long stored = 0;
    for (ShardEntry s : index.shards()) {
      splitOfShard.put(s.file(), s.split());
      shardsPerSplit.merge(s.split(), 1, Integer::sum);
      stored += s.bytes();
    }
    Map<String, Integer> samplesPerSplit = new TreeMap<>();
    Map<String, java.util.Set<String>> subjects = new TreeMap<>();
    for (IndexEntry e : index.samples()) {
      String split = splitOfShard.getOrDefault(e.shard(), "?");
      samplesPerSplit.merge(split, 1, Integer::sum);
      subjects.computeIfAbsent(split, k -> new java.util.TreeSet<>()).add(e.subjectId());
    }
    Map<String, Integer> subjectsPerSplit = new TreeMap<>();
    subjects.forEach((k, v) -> subjectsPerSplit.put(k, v.size()));
    int n = index.samples().size();
    return new DatasetStats(index.sampleShape(), n, index.shards().size(), stored, n * index.sampleShape().sampleBytes(),
        samplesPerSplit, subjectsPerSplit, shardsPerSplit,
        count(index, IndexEntry::cameraId), count(index, IndexEntry::expression), count(index, IndexEntry::position),
        count(index, IndexEntry::direction), count(index, IndexEntry::light));
  }

  private static Map<String, Integer> count(Index index, Function<IndexEntry, String> key) {
    Map<String, Integer> m = new TreeMap<>();
    for (IndexEntry e : index.samples()) {
      m.merge(key.apply(e), 1, Integer::sum);
    }
    return m;
  }

  /** Human-readable multi-line summary. */
  public String format() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(java.util.Locale.ROOT, "samples       %d (%d x %d x %d)%n", samples, sampleShape.height(), sampleShape.width(), sampleShape.channels()));
    b.append(String.format(java.util.Locale.ROOT, "shards        %d%n", shards));
    b.append(String.format(java.util.Locale.ROOT, "bytes         %d stored, %d uncompressed (ratio %.2f)%n", storedBytes, uncompressedBytes,
        storedBytes == 0 ? 0.0 : (double) uncompressedBytes / storedBytes));
    line(b, "per split", samplesPerSplit);
    line(b, "subjects", subjectsPerSplit);
    line(b, "shards/split", shardsPerSplit);
    line(b, "cameras", perCamera);
    line(b, "expressions", perExpression);
    line(b, "positions", perPosition);
    line(b, "directions", perDirection);
    line(b, "lights", perLight);
    return b.toString();
  }

  private static void line(StringBuilder b, String name, Map<String, Integer> m) {
    b.append(String.format(java.util.Locale.ROOT, "%-13s ", name));
    StringBuilder items = new StringBuilder();
    m.forEach((k, v) -> items.append(items.isEmpty() ? "" : ", ").append(k).append('=').append(v));
    b.append(items).append(System.lineSeparator());
  }
}
