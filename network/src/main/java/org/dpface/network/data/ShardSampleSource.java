package org.dpface.network.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.shard.ShardReader;
import org.dpface.dataset.store.DatasetFiles;
import org.dpface.dataset.store.DatasetModel;

/**
 * The samples of one split of a dpface dataset directory (see {@code docs/dataset-format.md}), by
 * index, read from its HDF5 shards.
 *
 * <p>The index ({@code index.json}) is read once; sample i is the i-th entry of the split in index
 * order. {@link #get(int)} opens the sample's shard lazily and reads only that row's chunks
 * ({@link ShardReader#read(int)}); at most {@link #MAX_OPEN_SHARDS} readers stay open (least recently
 * used closed first) and no sample is cached, so memory is bounded by one sample plus the open readers'
 * string columns. {@link #get} is synchronized (thread-safe); {@link #close()} closes the readers.
 */
public final class ShardSampleSource implements SampleSource, AutoCloseable {
  /** Readers kept open at once. */
  public static final int MAX_OPEN_SHARDS = 4;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final Path dataset;
  private final String split;
  private final DpAxis axis;
  private final List<DatasetModel.IndexEntry> entries;
  private final LinkedHashMap<String, ShardReader> open = new LinkedHashMap<>(8, 0.75f, true);

  /**
   * Reads {@code dataset/index.json} and selects the samples of {@code split}.
   *
   * @throws IOException if the index is missing, unreadable or not a version-1 dataset index
   */
  public ShardSampleSource(Path dataset, String split) throws IOException {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.split = Objects.requireNonNull(split, "split");
    DatasetModel.Index index = readIndex(dataset);
    this.axis = DpAxis.parse(index.dpAxis());
    Map<String, String> shardSplit = new HashMap<>();
    for (DatasetModel.ShardEntry s : index.shards()) {
      shardSplit.put(s.file(), s.split());
    }
    List<DatasetModel.IndexEntry> list = new ArrayList<>();
    for (DatasetModel.IndexEntry e : index.samples()) {
      if (split.equals(shardSplit.get(e.shard()))) {
        list.add(e);
      }
    }
    this.entries = List.copyOf(list);
  }

  /** Reads and checks {@code dataset/index.json}. */
  public static DatasetModel.Index readIndex(Path dataset) throws IOException {
    Path file = dataset.resolve(DatasetFiles.INDEX);
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no dataset index (is this a dataset directory?)");
    }
    DatasetModel.Index index;
    try {
      index = JSON.readValue(file.toFile(), DatasetModel.Index.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + ": " + e.getOriginalMessage(), e);
    }
    if (!DatasetModel.INDEX_FORMAT.equals(index.format()) || index.version() != DatasetModel.VERSION) {
      throw new IOException(file + ": not a " + DatasetModel.INDEX_FORMAT + " v" + DatasetModel.VERSION + " file");
    }
    return index;
  }

  /** The dataset directory. */
  public Path dataset() {
    return dataset;
  }

  /** The split read. */
  public String split() {
    return split;
  }

  /** The dataset's DP axis. */
  public DpAxis dpAxis() {
    return axis;
  }

  /** Index entry of sample {@code index} (ids, metadata, shard and row). */
  public DatasetModel.IndexEntry entry(int index) {
    return entries.get(index);
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public synchronized DpSample get(int index) throws IOException {
    return DatasetSamples.toDpSample(readSample(index), axis);
  }

  /** Sample {@code index} as stored (uint16 views). */
  public synchronized org.dpface.dataset.sample.Sample readSample(int index) throws IOException {
    DatasetModel.IndexEntry e = entries.get(Objects.checkIndex(index, entries.size()));
    ShardReader reader = open.get(e.shard());
    if (reader == null) {
      reader = new ShardReader(dataset.resolve(e.shard()));
      open.put(e.shard(), reader);
      if (open.size() > MAX_OPEN_SHARDS) {
        Iterator<ShardReader> eldest = open.values().iterator();
        eldest.next().close();
        eldest.remove();
      }
    }
    org.dpface.dataset.sample.Sample s = reader.read(e.row());
    if (!s.ids().sampleId().equals(e.sampleId())) {
      throw new IOException(e.shard() + " row " + e.row() + " holds " + s.ids().sampleId()
          + ", the index says " + e.sampleId());
    }
    return s;
  }

  /** Number of shard readers open now (at most {@link #MAX_OPEN_SHARDS}). */
  public synchronized int openShards() {
    return open.size();
  }

  @Override
  public synchronized void close() {
    open.values().forEach(ShardReader::close);
    open.clear();
  }
}
