package org.dpface.dataset.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.store.DatasetModel.DeletionLog;
import org.dpface.dataset.store.DatasetModel.Index;
import org.dpface.dataset.store.DatasetModel.IndexEntry;
import org.dpface.dataset.store.DatasetModel.Manifest;
import org.dpface.dataset.store.DatasetModel.ShardEntry;
import org.dpface.dataset.store.DatasetModel.SplitFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a whole dataset directory from a stream of samples.
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>assign the given subjects to splits ({@link SubjectSplits}, seeded);
 *   <li>write into a hidden staging sibling of the target ({@link ShardSink}: one open shard per split,
 *       finished when the next sample would take it past {@link DatasetConfig#maxShardBytes()});
 *   <li>hash every shard (SHA-256), write {@code index.json}, {@code splits/*.json},
 *       {@code manifest.json}, and carry over {@code deletions.json} from a previous dataset;
 *   <li>replace the target directory by the staging one.
 * </ol>
 *
 * <p>Any failure (including an exception thrown by the sample iterator) deletes the staging directory
 * and leaves a previous dataset at the target untouched. Subjects withdrawn earlier (listed by hash in
 * the previous {@code deletions.json}) appear in no file written: their samples are skipped and only
 * counted, and they are left out of the splits and of the manifest's consent versions, QC exclusions and
 * take records.
 */
public final class DatasetWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetWriter.class);

  private DatasetWriter() {}

  /**
   * @param target dataset directory (created or replaced)
   * @param subjects every subject that may appear in {@code samples}; splits are drawn over these
   * @param samples the samples, consumed once; all must have {@link DatasetConfig#shape()}
   * @return the index written
   * @throws IllegalArgumentException for a sample of an unknown subject, a duplicate sample id or a wrong shape
   */
  public static Index write(Path target, Collection<String> subjects, Iterator<Sample> samples, DatasetConfig config)
      throws IOException {
    DeletionLog previousLog = readDeletionLog(target.resolve(DatasetFiles.DELETIONS));
    Set<String> withdrawn = withdrawnSha256(previousLog);
    // a withdrawn subject gets no split: it must not be listed in any file of the dataset
    Map<String, String> plan = SubjectSplits.assign(present(subjects, withdrawn), config.seed(), config.ratios());
    Path staging = DatasetFiles.newStagingDir(target);
    try (ShardSink sink = new ShardSink(staging, config, Map.of(), null)) {
      Files.createDirectories(staging.resolve(DatasetFiles.SHARDS_DIR));
      List<IndexEntry> entries = new ArrayList<>();
      Set<String> sampleIds = new HashSet<>();
      int skipped = sink.addAll(samples, plan, withdrawn, sampleIds, entries);
      sink.finishAll();
      if (skipped > 0) {
        LOG.info("skipped {} sample(s) of withdrawn subjects", skipped);
      }
      Index index = finishDirectory(staging, entries, Map.of(), plan, config, skipped, previousLog);
      DatasetFiles.replaceDirectory(staging, target);
      LOG.info("wrote dataset {}: {} samples in {} shards", target, entries.size(), index.shards().size());
      return index;
    } catch (IOException | RuntimeException | Error e) {
      try {
        DatasetFiles.deleteRecursively(staging);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  static IndexEntry entry(Sample s, String shard, int row) {
    return new IndexEntry(s.ids().sampleId(), shard, row, s.ids().subjectId(), s.ids().sessionId(), s.ids().cameraId(),
        s.metadata().expression(), s.metadata().position(), s.metadata().direction(), s.metadata().light());
  }

  static String relative(Path dir, Path file) {
    return dir.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/');
  }

  /**
   * Hashes the shards in {@code dir} (except those in {@code known}, kept byte-identical from a previous
   * dataset) and writes index, splits, manifest and the carried deletion log.
   */
  static Index finishDirectory(Path dir, List<IndexEntry> entries, Map<String, ShardEntry> known, Map<String, String> plan,
      DatasetConfig config, int skipped, DeletionLog log)
      throws IOException {
    Map<String, int[]> rows = new TreeMap<>();
    Map<String, String> splitOf = new HashMap<>();
    for (IndexEntry e : entries) {
      rows.computeIfAbsent(e.shard(), k -> new int[1])[0]++;
      splitOf.put(e.shard(), plan.get(e.subjectId()));
    }
    List<ShardEntry> shards = new ArrayList<>();
    for (Map.Entry<String, int[]> r : rows.entrySet()) {
      Path file = dir.resolve(r.getKey());
      ShardEntry k = known.get(r.getKey());
      if (k != null && k.rows() == r.getValue()[0]) {
        shards.add(k);
        continue;
      }
      shards.add(new ShardEntry(r.getKey(), splitOf.get(r.getKey()), r.getValue()[0], Files.size(file), DatasetFiles.sha256(file)));
    }
    List<IndexEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(IndexEntry::shard).thenComparingInt(IndexEntry::row));
    Index index = new Index(DatasetModel.INDEX_FORMAT, DatasetModel.VERSION, config.shape(), config.dpAxis().attribute(), shards, sorted);
    for (String split : SubjectSplits.NAMES) {
      List<String> subjects = plan.entrySet().stream().filter(e -> e.getValue().equals(split)).map(Map.Entry::getKey).toList();
      DatasetFiles.write(dir.resolve(DatasetFiles.splitFile(split)),
          new SplitFile(DatasetModel.SPLIT_FORMAT, DatasetModel.VERSION, split, config.seed(), config.ratios(), subjects));
    }
    DatasetFiles.write(dir.resolve(DatasetFiles.MANIFEST), manifest(config, plan.keySet(), skipped, withdrawnSha256(log)));
    if (log != null) {
      DatasetFiles.write(dir.resolve(DatasetFiles.DELETIONS), log);
    }
    DatasetFiles.write(dir.resolve(DatasetFiles.INDEX), index);
    return index;
  }

  /**
   * The manifest of a dataset whose splits hold {@code subjects}: consent versions only of those; QC
   * exclusions and take records of every subject but the withdrawn ones (a subject whose every sample
   * failed QC keeps its exclusions).
   */
  static Manifest manifest(DatasetConfig c, Set<String> subjects, int skipped, Set<String> withdrawnSha256) {
    Map<String, String> consent = new TreeMap<>();
    c.consentVersions().forEach((k, v) -> {
      if (subjects.contains(k)) {
        consent.put(k, v);
      }
    });
    List<DatasetModel.QcExclusion> qc = c.qcExclusions().stream()
        .filter(q -> !withdrawnSha256.contains(DatasetFiles.sha256(q.subjectId()))).toList();
    List<DatasetModel.TakeRecord> takes = c.takes().stream()
        .filter(t -> !withdrawnSha256.contains(DatasetFiles.sha256(t.subjectId()))).toList();
    return new Manifest(DatasetModel.MANIFEST_FORMAT, DatasetModel.VERSION, c.codeVersion(), c.created().toString(), c.calibrationIds(),
        consent, qc, c.seed(), c.ratios(), c.shape(), c.dpAxis().attribute(), c.maxShardBytes(), c.deflateLevel(), skipped, takes);
  }

  /** The SHA-256 (hex) of every subject withdrawn in {@code log}; empty for none. */
  static Set<String> withdrawnSha256(DeletionLog log) {
    Set<String> withdrawn = new HashSet<>();
    if (log != null) {
      log.entries().forEach(e -> withdrawn.add(e.subjectSha256()));
    }
    return withdrawn;
  }

  /** {@code subjects} less those whose SHA-256 is in {@code withdrawnSha256}, in the given order. */
  static List<String> present(Collection<String> subjects, Set<String> withdrawnSha256) {
    return subjects.stream().filter(s -> !withdrawnSha256.contains(DatasetFiles.sha256(s))).toList();
  }

  static DeletionLog readDeletionLog(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    DeletionLog log = DatasetFiles.read(file, DeletionLog.class);
    if (!DatasetModel.DELETIONS_FORMAT.equals(log.format())) {
      throw new IOException(file + ": format is \"" + log.format() + "\", expected \"" + DatasetModel.DELETIONS_FORMAT + "\"");
    }
    return log;
  }
}
