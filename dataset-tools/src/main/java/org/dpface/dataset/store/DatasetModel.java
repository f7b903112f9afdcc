package org.dpface.dataset.store;

import java.util.List;
import java.util.Map;
import org.dpface.dataset.sample.SampleShape;

/**
 * The JSON files beside the shards, as records (Jackson maps them with snake_case names). Every file
 * carries {@code format} and {@code version}; see {@code docs/dataset-format.md}.
 */
public final class DatasetModel {
  public static final String INDEX_FORMAT = "dpface-dataset-index";
  public static final String SPLIT_FORMAT = "dpface-dataset-split";
  public static final String MANIFEST_FORMAT = "dpface-dataset-manifest";
  public static final String DELETIONS_FORMAT = "dpface-dataset-deletions";
  public static final int VERSION = 1;

  private DatasetModel() {}

  /** One shard file: path relative to the dataset directory, split, rows, size and SHA-256 of its bytes. */
  public record ShardEntry(String file, String split, int rows, long bytes, String sha256) {}

  /** Where one sample lives, with its ids and metadata. */
  public record IndexEntry(
      String sampleId,
      String shard,
      int row,
      String subjectId,
      String sessionId,
      String cameraId,
      String expression,
      String position,
      String direction,
      String light) {}

  /** {@code index.json}: every shard and every sample. */
  public record Index(
      String format, int version, SampleShape sampleShape, String dpAxis, List<ShardEntry> shards, List<IndexEntry> samples) {}

  /** {@code splits/<split>.json}: the subjects of one split. */
  public record SplitFile(String format, int version, String split, long seed, SplitRatios ratios, List<String> subjects) {}

  /** A sample left out by QC, with the reason. */
  public record QcExclusion(String sampleId, String subjectId, String reason) {}

  /**
   * Which inputs produced which samples, for incremental rebuilds: one COMPLETE take of the lab, the
   * SHA-256 of everything its samples were made from (take.json, the DP frames used, the reconstructed
   * mesh, camera models/poses/DP coefficients, registration and QC settings), and the ids of its samples
   * in the dataset and of those QC left out.
   */
  public record TakeRecord(String sessionId, String takeId, String subjectId, String inputSha256, List<String> samples, List<String> excluded) {}

  /** {@code manifest.json}: provenance of the dataset. */
  public record Manifest(
      String format,
      int version,
      String codeVersion,
      String created,
      List<String> calibrationIds,
      Map<String, String> consentVersions,
      List<QcExclusion> qcExclusions,
      long seed,
      SplitRatios ratios,
      SampleShape sampleShape,
      String dpAxis,
      long maxShardBytes,
      int deflateLevel,
      int withdrawnSamplesSkipped,
      List<TakeRecord> takes) {}

  /**
   * One consent withdrawal. The subject is recorded only as the SHA-256 of its pseudonymous ID (hex), so
   * the log proves a withdrawal was done and lets a rebuild skip the subject without naming it.
   */
  public record DeletionEntry(String subjectSha256, String time, int samplesRemoved, List<String> shardsRewritten, List<String> shardsDeleted) {}

  /** {@code deletions.json}: every withdrawal, oldest first. */
  public record DeletionLog(String format, int version, List<DeletionEntry> entries) {}
}
