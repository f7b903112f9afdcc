package org.dpface.dataset.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.shard.ShardReader;
import org.dpface.dataset.shard.ShardWriter;
import org.dpface.dataset.store.DatasetModel.DeletionEntry;
import org.dpface.dataset.store.DatasetModel.DeletionLog;
import org.dpface.dataset.store.DatasetModel.Index;
import org.dpface.dataset.store.DatasetModel.IndexEntry;
import org.dpface.dataset.store.DatasetModel.Manifest;
import org.dpface.dataset.store.DatasetModel.ShardEntry;
import org.dpface.dataset.store.DatasetModel.SplitFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consent withdrawal: removes one subject from every shard, the index, the split files and the
 * manifest, and appends an entry to {@code deletions.json}.
 *
 * <p>Algorithm overview: in a hidden staging sibling of the dataset, shards without the subject are
 * hard-linked (copied where links are unsupported) so they stay byte-identical; shards with the subject
 * are rewritten from their remaining rows (sample by sample, values unchanged) or dropped when nothing
 * remains; the JSON files are rewritten without the subject; then the staging directory replaces the
 * dataset. A failure leaves the dataset as it was. The deletion log names the subject only by the
 * SHA-256 of its ID, so no file of the dataset contains the ID afterwards.
 */
public final class Withdrawal {
  private static final Logger LOG = LoggerFactory.getLogger(Withdrawal.class);

  /** What a withdrawal did. */
  public record Result(int samplesRemoved, List<String> shardsRewritten, List<String> shardsDeleted) {}

  private Withdrawal() {}

  /**
   * @throws IllegalArgumentException if the subject is not in the dataset
   */
  public static Result withdraw(Path dir, String subject, Instant now) throws IOException {
    Index index = DatasetFiles.read(dir.resolve(DatasetFiles.INDEX), Index.class);
    Manifest manifest = DatasetFiles.read(dir.resolve(DatasetFiles.MANIFEST), Manifest.class);
    Map<String, SplitFile> splits = new TreeMap<>();
    boolean inSplits = false;
    for (String split : SubjectSplits.NAMES) {
      SplitFile f = DatasetFiles.read(dir.resolve(DatasetFiles.splitFile(split)), SplitFile.class);
      splits.put(split, f);
      inSplits |= f.subjects().contains(subject);
    }
    Map<String, List<IndexEntry>> byShard = new TreeMap<>();
    Map<String, Integer> removedPerShard = new HashMap<>();
    int removed = 0;
    for (IndexEntry e : index.samples()) {
      byShard.computeIfAbsent(e.shard(), k -> new ArrayList<>());
      if (e.subjectId().equals(subject)) {
        removedPerShard.merge(e.shard(), 1, Integer::sum);
        removed++;
      } else {
        byShard.get(e.shard()).add(e);
      }
    }
    if (removed == 0 && !inSplits) {
      throw new IllegalArgumentException("subject " + subject + " is not in the dataset " + dir);
    }
    DeletionLog log = DatasetWriter.readDeletionLog(dir.resolve(DatasetFiles.DELETIONS));
    Path staging = DatasetFiles.newStagingDir(dir);
    try {
      Files.createDirectories(staging.resolve(DatasetFiles.SHARDS_DIR));
      List<ShardEntry> shards = new ArrayList<>();
      List<IndexEntry> entries = new ArrayList<>();
      List<String> rewritten = new ArrayList<>();
      List<String> deleted = new ArrayList<>();
      for (ShardEntry s : index.shards()) {
        List<IndexEntry> kept = byShard.getOrDefault(s.file(), List.of());
        Path source = dir.resolve(s.file());
        Path target = staging.resolve(s.file());
        if (!removedPerShard.containsKey(s.file())) {
          link(source, target);
          shards.add(s);
          entries.addAll(kept);
        } else if (kept.isEmpty()) {
          deleted.add(s.file());
        } else {
          List<IndexEntry> moved = rewrite(source, target, s.split(), kept, index.sampleShape(), DpAxis.parse(index.dpAxis()), manifest.deflateLevel());
          entries.addAll(moved);
          shards.add(new ShardEntry(s.file(), s.split(), moved.size(), Files.size(target), DatasetFiles.sha256(target)));
          rewritten.add(s.file());
        }
      }
      DatasetFiles.write(staging.resolve(DatasetFiles.INDEX),
          new Index(index.format(), index.version(), index.sampleShape(), index.dpAxis(), shards, entries));
      for (SplitFile f : splits.values()) {
        List<String> subjects = f.subjects().stream().filter(x -> !x.equals(subject)).toList();
        DatasetFiles.write(staging.resolve(DatasetFiles.splitFile(f.split())),
            new SplitFile(f.format(), f.version(), f.split(), f.seed(), f.ratios(), subjects));
      }
      DatasetFiles.write(staging.resolve(DatasetFiles.MANIFEST), withoutSubject(manifest, subject));
      List<DeletionEntry> logEntries = new ArrayList<>(log == null ? List.of() : log.entries());
      logEntries.add(new DeletionEntry(DatasetFiles.sha256(subject), now.toString(), removed, rewritten, deleted));
      DatasetFiles.write(staging.resolve(DatasetFiles.DELETIONS),
          new DeletionLog(DatasetModel.DELETIONS_FORMAT, DatasetModel.VERSION, logEntries));
      DatasetFiles.replaceDirectory(staging, dir);
      LOG.info("withdrew a subject from {}: {} samples, {} shards rewritten, {} deleted", dir, removed, rewritten.size(), deleted.size());
      return new Result(removed, rewritten, deleted);
    } catch (IOException | RuntimeException | Error e) {
      try {
        DatasetFiles.deleteRecursively(staging);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  static void link(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      Files.createLink(target, source);
    } catch (UnsupportedOperationException | IOException e) {
      Files.copy(source, target);
    }
  }

  /** Copies the kept rows (in row order) into a new shard; returns their index entries with new rows. */
  static List<IndexEntry> rewrite(
      Path source, Path target, String split, List<IndexEntry> kept, SampleShape shape, DpAxis axis, int deflate) throws IOException {
    List<IndexEntry> sorted = new ArrayList<>(kept);
    sorted.sort(java.util.Comparator.comparingInt(IndexEntry::row));
    List<IndexEntry> out = new ArrayList<>();
    try (ShardReader r = new ShardReader(source);
        ShardWriter w = new ShardWriter(target, split, shape, axis, deflate)) {
      for (IndexEntry e : sorted) {
        int row = w.add(r.read(e.row()));
        out.add(new IndexEntry(e.sampleId(), e.shard(), row, e.subjectId(), e.sessionId(), e.cameraId(),
            e.expression(), e.position(), e.direction(), e.light()));
      }
      w.finish();
    }
    return out;
  }

  private static Manifest withoutSubject(Manifest m, String subject) {
    Map<String, String> consent = new TreeMap<>(m.consentVersions() == null ? Map.of() : m.consentVersions());
    consent.remove(subject);
    List<DatasetModel.QcExclusion> qc = (m.qcExclusions() == null ? List.<DatasetModel.QcExclusion>of() : m.qcExclusions())
        .stream().filter(q -> !subject.equals(q.subjectId())).toList();
    return new Manifest(m.format(), m.version(), m.codeVersion(), m.created(), m.calibrationIds(), consent, qc, m.seed(),
        m.ratios(), m.sampleShape(), m.dpAxis(), m.maxShardBytes(), m.deflateLevel(), m.withdrawnSamplesSkipped(),
        m.takes() == null ? null : m.takes().stream().filter(t -> !subject.equals(t.subjectId())).toList());
  }
}
