package org.dpface.dataset.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.shard.ShardWriter;

/**
 * How a dataset is written and the provenance recorded in its manifest.
 *
 * @param maxShardBytes budget of uncompressed sample bytes per shard; a shard is closed before the
 *     sample that would exceed it (at least one sample per shard). Heap held while writing is at most
 *     three open shards (one per split) times a small multiple of this (jHDF nested-array input).
 * @param created creation time written to the manifest
 * @param takes take → samples provenance for incremental rebuilds (empty when the samples did not come
 *     from a lab build)
 */
public record DatasetConfig(
    SampleShape shape,
    DpAxis dpAxis,
    long seed,
    SplitRatios ratios,
    long maxShardBytes,
    int deflateLevel,
    String codeVersion,
    List<String> calibrationIds,
    Map<String, String> consentVersions,
    List<DatasetModel.QcExclusion> qcExclusions,
    Instant created,
    List<DatasetModel.TakeRecord> takes) {
  /** ~512 MB. */
  public static final long DEFAULT_MAX_SHARD_BYTES = 512L << 20;
  /** jHDF encodes each dataset into one byte array, so a shard's largest array must stay below 2 GiB. */
  public static final long MAX_SHARD_BYTES_LIMIT = 1L << 30;

  public DatasetConfig {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(dpAxis, "dpAxis");
    Objects.requireNonNull(ratios, "ratios");
    Objects.requireNonNull(codeVersion, "codeVersion");
    Objects.requireNonNull(created, "created");
    if (maxShardBytes < 1 || maxShardBytes > MAX_SHARD_BYTES_LIMIT) {
      throw new IllegalArgumentException("maxShardBytes must be in 1.." + MAX_SHARD_BYTES_LIMIT + ", got " + maxShardBytes);
    }
    if (deflateLevel < 0 || deflateLevel > 9) {
      throw new IllegalArgumentException("deflate level must be 0..9, got " + deflateLevel);
    }
    calibrationIds = List.copyOf(calibrationIds == null ? List.of() : calibrationIds);
    consentVersions = Map.copyOf(consentVersions == null ? Map.of() : consentVersions);
    qcExclusions = List.copyOf(qcExclusions == null ? List.of() : qcExclusions);
    takes = List.copyOf(takes == null ? List.of() : takes);
  }

  /** Defaults: seed 0, 80/10/10, ~512 MB shards, deflate 1, no provenance beyond the code version. */
  public static DatasetConfig defaults(SampleShape shape, DpAxis dpAxis, String codeVersion, Instant created) {
    return new DatasetConfig(shape, dpAxis, 0, SplitRatios.DEFAULT, DEFAULT_MAX_SHARD_BYTES, ShardWriter.DEFAULT_DEFLATE_LEVEL,
        codeVersion, List.of(), Map.of(), List.of(), created, List.of());
  }

  public DatasetConfig withSeed(long s) {
    return new DatasetConfig(shape, dpAxis, s, ratios, maxShardBytes, deflateLevel, codeVersion, calibrationIds, consentVersions, qcExclusions, created, takes);
  }

  public DatasetConfig withRatios(SplitRatios r) {
    return new DatasetConfig(shape, dpAxis, seed, r, maxShardBytes, deflateLevel, codeVersion, calibrationIds, consentVersions, qcExclusions, created, takes);
  }

  public DatasetConfig withMaxShardBytes(long b) {
    return new DatasetConfig(shape, dpAxis, seed, ratios, b, deflateLevel, codeVersion, calibrationIds, consentVersions, qcExclusions, created, takes);
  }

  public DatasetConfig withProvenance(List<String> calibration, Map<String, String> consent, List<DatasetModel.QcExclusion> qc) {
    return new DatasetConfig(shape, dpAxis, seed, ratios, maxShardBytes, deflateLevel, codeVersion, calibration, consent, qc, created, takes);
  }

  public DatasetConfig withTakes(List<DatasetModel.TakeRecord> t) {
    return new DatasetConfig(shape, dpAxis, seed, ratios, maxShardBytes, deflateLevel, codeVersion, calibrationIds, consentVersions, qcExclusions, created, t);
  }
}
