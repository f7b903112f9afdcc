package org.dpface.dataset.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.store.DatasetModel.DeletionLog;
import org.dpface.dataset.store.DatasetModel.Index;
import org.dpface.dataset.store.DatasetModel.IndexEntry;
import org.dpface.dataset.store.DatasetModel.ShardEntry;
import org.dpface.dataset.store.DatasetModel.SplitFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental update of an existing dataset: keep some of its samples, add new ones.
 *
 * <p>Algorithm overview (all in a hidden staging sibling, swapped in at the end like {@link Withdrawal}):
 * <ol>
 *   <li>splits: subjects already in a split file keep their split, new subjects get a seeded one
 *       ({@link SubjectSplits#extend}); subjects not listed any more are dropped;
 *   <li>old shards whose every row is kept are hard-linked (copied where links are unsupported), so
 *       they stay byte-identical and keep their SHA-256 without being hashed again; shards losing rows
 *       are rewritten from their kept rows (values unchanged, new row numbers); emptied shards are
 *       deleted;
 *   <li>new samples go into new shards ({@link ShardSink}) numbered after the split's highest existing
 *       shard number;
 *   <li>index, split files and manifest are written from scratch, the deletion log is carried over and
 *       subjects it lists are left out of every file (samples, splits, take records, QC exclusions).
 * </ol>
 * A failure leaves the dataset as it was.
 */
public final class DatasetUpdate {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetUpdate.class);
  private static final Pattern SHARD_NAME = Pattern.compile(DatasetFiles.SHARDS_DIR + "/(.+)-(\\d+)\\.h5");

  /** What an update did, by shard file. */
  public record Result(
      Index index, List<String> shardsKept, List<String> shardsRewritten, List<String> shardsDeleted, List<String> shardsAdded,
      int samplesDropped, int samplesAdded) {}

  private DatasetUpdate() {}

  /**
   * @param dir the dataset directory (created when absent)
   * @param reuse false: nothing of an existing dataset is kept but its deletion log (a full rebuild,
   *     splits drawn afresh); true: keep samples by {@code keep} and the split of every listed subject
   * @param keep which existing sample ids stay
   * @param subjects every subject of the updated dataset (kept and new samples)
   * @param samples the new samples, consumed once
   * @param config the updated dataset's config; shape and DP axis must equal the existing ones
   * @param provenance applied to {@code config} after the samples are consumed, for manifest fields known
   *     only then (QC exclusions, take records)
   * @param listener told about each new shard finished, or null
   * @throws IllegalArgumentException on a shape/axis mismatch, a duplicate sample id or an unknown subject
   */
  public static Result apply(Path dir, boolean reuse, Predicate<String> keep, Collection<String> subjects, Iterator<Sample> samples,
      DatasetConfig config, UnaryOperator<DatasetConfig> provenance, ShardListener listener) throws IOException {
    reuse &= Files.isRegularFile(dir.resolve(DatasetFiles.INDEX));
    Index old = reuse ? DatasetFiles.read(dir.resolve(DatasetFiles.INDEX), Index.class)
        : new Index(DatasetModel.INDEX_FORMAT, DatasetModel.VERSION, config.shape(), config.dpAxis().attribute(), List.of(), List.of());
    if (!old.sampleShape().equals(config.shape()) || !old.dpAxis().equals(config.dpAxis().attribute())) {
      throw new IllegalArgumentException(dir + ": sample shape " + old.sampleShape() + " / dp_axis " + old.dpAxis()
          + " differ from the build's " + config.shape() + " / " + config.dpAxis().attribute() + "; rebuild in full");
    }
    Map<String, String> previous = new TreeMap<>();
    for (String split : SubjectSplits.NAMES) {
      Path f = dir.resolve(DatasetFiles.splitFile(split));
      if (reuse && Files.isRegularFile(f)) {
        DatasetFiles.read(f, SplitFile.class).subjects().forEach(s -> previous.put(s, split));
      }
    }
    DeletionLog log = DatasetWriter.readDeletionLog(dir.resolve(DatasetFiles.DELETIONS));
    Set<String> withdrawn = DatasetWriter.withdrawnSha256(log);
    // a subject withdrawn from this dataset stays out of every file, even while the lab still holds its takes
    List<String> present = DatasetWriter.present(subjects, withdrawn);
    Map<String, String> plan = SubjectSplits.extend(previous, present, config.seed(), config.ratios());
    Map<String, List<IndexEntry>> kept = new TreeMap<>();
    Map<String, Integer> rowsBefore = new HashMap<>();
    Set<String> ids = new HashSet<>();
    for (IndexEntry e : old.samples()) {
      rowsBefore.merge(e.shard(), 1, Integer::sum);
      kept.computeIfAbsent(e.shard(), k -> new ArrayList<>());
      boolean stays = keep.test(e.sampleId()) && plan.containsKey(e.subjectId()) && !withdrawn.contains(DatasetFiles.sha256(e.subjectId()));
      if (stays) {
        kept.get(e.shard()).add(e);
        ids.add(e.sampleId());
      }
    }
    Path staging = DatasetFiles.newStagingDir(dir);
    Map<String, Integer> firstNumber = new HashMap<>();
    for (ShardEntry s : old.shards()) {
      Matcher m = SHARD_NAME.matcher(s.file());
      if (m.matches()) {
        firstNumber.merge(m.group(1), Integer.parseInt(m.group(2)) + 1, Math::max);
      }
    }
    try (ShardSink sink = new ShardSink(staging, config, firstNumber, listener == null ? null : listener::shardFinished)) {
      Files.createDirectories(staging.resolve(DatasetFiles.SHARDS_DIR));
      List<IndexEntry> entries = new ArrayList<>();
      Map<String, ShardEntry> known = new HashMap<>();
      List<String> linked = new ArrayList<>();
      List<String> rewritten = new ArrayList<>();
      List<String> deleted = new ArrayList<>();
      int dropped = 0;
      for (ShardEntry s : old.shards()) {
        List<IndexEntry> k = kept.getOrDefault(s.file(), List.of());
        int before = rowsBefore.getOrDefault(s.file(), 0);
        dropped += before - k.size();
        if (k.isEmpty()) {
          deleted.add(s.file());
        } else if (k.size() == before) {
          Withdrawal.link(dir.resolve(s.file()), staging.resolve(s.file()));
          known.put(s.file(), s);
          entries.addAll(k);
          linked.add(s.file());
        } else {
          entries.addAll(Withdrawal.rewrite(dir.resolve(s.file()), staging.resolve(s.file()), s.split(), k, old.sampleShape(),
              DpAxis.parse(old.dpAxis()), config.deflateLevel()));
          rewritten.add(s.file());
        }
      }
      int before = entries.size();
      int skipped = sink.addAll(samples, plan, withdrawn, ids, entries);
      int added = entries.size() - before;
      List<String> newShards = sink.finishAll();
      DatasetConfig done = provenance.apply(config);
      done = done.withProvenance(done.calibrationIds(), done.consentVersions(),
          done.qcExclusions().stream().filter(q -> plan.containsKey(q.subjectId())).toList())
          .withTakes(done.takes().stream().filter(t -> plan.containsKey(t.subjectId())).toList());
      Index index = DatasetWriter.finishDirectory(staging, entries, known, plan, done, skipped, log);
      DatasetFiles.replaceDirectory(staging, dir);
      LOG.info("updated dataset {}: {} shard(s) kept, {} rewritten, {} deleted, {} added; {} sample(s) dropped, {} added", dir,
          linked.size(), rewritten.size(), deleted.size(), newShards.size(), dropped, added);
      return new Result(index, linked, rewritten, deleted, newShards, dropped, added);
    } catch (IOException | RuntimeException | Error e) {
      try {
        DatasetFiles.deleteRecursively(staging);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Told about each new shard as it is finished. */
  public interface ShardListener {
    void shardFinished(String file, int rows);
  }
}
