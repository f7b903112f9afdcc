package org.dpface.dataset.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dpface.dataset.TestSamples;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.shard.ShardReader;
import org.dpface.dataset.store.DatasetModel.Index;
import org.dpface.dataset.store.DatasetModel.IndexEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset directory: write, verify, stats, withdrawal, crash safety. */
class DatasetStoreTest {
  @TempDir Path tmp;

  static final List<String> SUBJECTS = List.of("sub-0001", "sub-0002", "sub-0003", "sub-0004", "sub-0005", "sub-0006");
  static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");

  static DatasetConfig config() {
    return DatasetConfig.defaults(TestSamples.SMALL, DpAxis.VERTICAL, "test-1.0", T0)
        .withSeed(42)
        .withRatios(new SplitRatios(0.5, 0.25, 0.25))
        .withMaxShardBytes(TestSamples.SMALL.sampleBytes() * 3) // 3 samples per shard
        .withProvenance(List.of("calib-001"), Map.of("sub-0001", "consent-v2", "sub-0002", "consent-v1"),
            List.of(new DatasetModel.QcExclusion("sub-0002_ses-9_cam0_99", "sub-0002", "valid fraction 0.12 < 0.5")));
  }

  static List<Sample> samples() {
    return TestSamples.samples(TestSamples.SMALL, 9, 24, SUBJECTS);
  }

  private Path write() throws IOException {
    Path dir = tmp.resolve("ds");
    DatasetWriter.write(dir, SUBJECTS, samples().iterator(), config());
    return dir;
  }

  @Test
  void writtenDatasetVerifiesAndEveryIndexedSampleReadsBack() throws Exception {
    Path dir = write();
    assertEquals(List.of(), DatasetVerifier.verify(dir));
    Index index = DatasetFiles.read(dir.resolve(DatasetFiles.INDEX), Index.class);
    assertEquals(24, index.samples().size());
    Map<String, Sample> byId = new HashMap<>();
    samples().forEach(s -> byId.put(s.ids().sampleId(), s));
    for (IndexEntry e : index.samples()) {
      try (ShardReader r = new ShardReader(dir.resolve(e.shard()))) {
        assertEquals(byId.get(e.sampleId()), r.read(e.row()), e.sampleId());
      }
    }
    // byte bound: 4 samples per subject, 3 samples per shard at most -> several shards per split
    assertTrue(index.shards().size() >= 8, "shards " + index.shards().size());
    index.shards().forEach(s -> assertTrue(s.rows() <= 3 && s.rows() >= 1, s.toString()));
    // splits are disjoint and each shard holds one split only
    Map<String, String> splitOf = SubjectSplits.assign(SUBJECTS, 42, new SplitRatios(0.5, 0.25, 0.25));
    for (IndexEntry e : index.samples()) {
      String shardSplit = index.shards().stream().filter(s -> s.file().equals(e.shard())).findFirst().orElseThrow().split();
      assertEquals(splitOf.get(e.subjectId()), shardSplit);
    }
    String manifest = Files.readString(dir.resolve(DatasetFiles.MANIFEST));
    assertTrue(manifest.contains("\"code_version\" : \"test-1.0\"") && manifest.contains("calib-001")
        && manifest.contains("consent-v2") && manifest.contains("2025-01-02T03:04:05Z") && manifest.contains("valid fraction"), manifest);
    DatasetStats stats = DatasetStats.of(dir);
    assertEquals(24, stats.samples());
    assertEquals(24L * TestSamples.SMALL.sampleBytes(), stats.uncompressedBytes());
    assertEquals(24, stats.samplesPerSplit().values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(8, stats.perCamera().size());
    assertTrue(stats.format().contains("samples       24"), stats.format());
  }

  @Test
  void sameInputsAndSeedGiveIdenticalShardsAndIndex() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    DatasetWriter.write(a, SUBJECTS, samples().iterator(), config());
    DatasetWriter.write(b, SUBJECTS, samples().iterator(), config());
    assertEquals(Files.readString(a.resolve(DatasetFiles.INDEX)), Files.readString(b.resolve(DatasetFiles.INDEX)));
  }

  @Test
  void verifyCatchesAFlippedByteAMissingShardAndARowPastTheEnd() throws Exception {
    Path dir = write();
    Index index = DatasetFiles.read(dir.resolve(DatasetFiles.INDEX), Index.class);
    String first = index.shards().get(0).file();
    String second = index.shards().get(1).file();
    // flip one byte in the middle of the first shard
    Path f = dir.resolve(first);
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(f, bytes);
    // delete the second shard
    Files.delete(dir.resolve(second));
    // point one index row past the end of its shard
    List<IndexEntry> entries = new ArrayList<>(index.samples());
    int victim = entries.size() - 1;
    IndexEntry e = entries.get(victim);
    entries.set(victim, new IndexEntry(e.sampleId(), e.shard(), 7, e.subjectId(), e.sessionId(), e.cameraId(), e.expression(), e.position(), e.direction(), e.light()));
    DatasetFiles.write(dir.resolve(DatasetFiles.INDEX),
        new Index(index.format(), index.version(), index.sampleShape(), index.dpAxis(), index.shards(), entries));

    List<DatasetProblem> problems = DatasetVerifier.verify(dir);
    assertTrue(has(problems, first, "sha256", "checksum mismatch"), problems.toString());
    assertTrue(has(problems, second, "-", "missing shard"), problems.toString());
    assertTrue(has(problems, DatasetFiles.INDEX, "samples[" + e.sampleId() + "].row", "past the end"), problems.toString());
  }

  @Test
  void verifyCatchesASubjectInTwoSplits() throws Exception {
    Path dir = write();
    Path val = dir.resolve(DatasetFiles.splitFile("val"));
    DatasetModel.SplitFile f = DatasetFiles.read(val, DatasetModel.SplitFile.class);
    DatasetModel.SplitFile train = DatasetFiles.read(dir.resolve(DatasetFiles.splitFile("train")), DatasetModel.SplitFile.class);
    List<String> subjects = new ArrayList<>(f.subjects());
    subjects.add(train.subjects().get(0));
    DatasetFiles.write(val, new DatasetModel.SplitFile(f.format(), f.version(), f.split(), f.seed(), f.ratios(), subjects));
    List<DatasetProblem> problems = DatasetVerifier.verify(dir);
    assertTrue(has(problems, DatasetFiles.splitFile("val"), "subjects", "also in splits/train.json"), problems.toString());
  }

  @Test
  void withdrawalRemovesEveryTraceAndKeepsTheOthers() throws Exception {
    Path dir = write();
    Index before = DatasetFiles.read(dir.resolve(DatasetFiles.INDEX), Index.class);
    Map<String, byte[]> untouched = new TreeMap<>();
    for (var s : before.shards()) {
      untouched.put(s.file(), Files.readAllBytes(dir.resolve(s.file())));
    }
    String gone = "sub-0002";
    Withdrawal.Result result = Withdrawal.withdraw(dir, gone, T0.plusSeconds(60));
    assertEquals(4, result.samplesRemoved());
    assertEquals(List.of(), DatasetVerifier.verify(dir));

    Index after = DatasetFiles.read(dir.resolve(DatasetFiles.INDEX), Index.class);
    assertEquals(20, after.samples().size());
    assertTrue(after.samples().stream().noneMatch(e -> e.subjectId().equals(gone)));
    // other subjects' samples read back unchanged
    Map<String, Sample> byId = new HashMap<>();
    samples().forEach(s -> byId.put(s.ids().sampleId(), s));
    for (IndexEntry e : after.samples()) {
      try (ShardReader r = new ShardReader(dir.resolve(e.shard()))) {
        assertEquals(byId.get(e.sampleId()), r.read(e.row()), e.sampleId());
      }
    }
    // shards without the subject are byte-identical; rewritten or deleted ones were the subject's
    for (var s : after.shards()) {
      if (!result.shardsRewritten().contains(s.file())) {
        assertArrayEquals(untouched.get(s.file()), Files.readAllBytes(dir.resolve(s.file())), s.file());
      }
    }
    assertFalse(result.shardsRewritten().isEmpty() && result.shardsDeleted().isEmpty());
    // no file mentions the subject any more
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(gone), p + " still mentions " + gone);
      }
    }
    String log = Files.readString(dir.resolve(DatasetFiles.DELETIONS));
    assertTrue(log.contains(DatasetFiles.sha256(gone)) && log.contains("dpface-dataset-deletions"), log);
    // unknown subject is refused, dataset untouched
    assertThrows(IllegalArgumentException.class, () -> Withdrawal.withdraw(dir, gone, T0));
    // a rebuild from the same samples skips the withdrawn subject
    DatasetWriter.write(dir, SUBJECTS, samples().iterator(), config());
    Index rebuilt = DatasetFiles.read(dir.resolve(DatasetFiles.INDEX), Index.class);
    assertTrue(rebuilt.samples().stream().noneMatch(e -> e.subjectId().equals(gone)));
    assertEquals(List.of(), DatasetVerifier.verify(dir));
  }

  @Test
  void aFailureMidWriteLeavesThePreviousDatasetIntact() throws Exception {
    Path dir = write();
    Map<String, byte[]> before = snapshot(dir);
    Iterator<Sample> good = samples().iterator();
    Iterator<Sample> failing = new Iterator<>() {
      int n;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Sample next() {
        if (n++ == 10) {
          throw new UncheckedIOException(new IOException("camera cable unplugged"));
        }
        return good.next();
      }
    };
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> DatasetWriter.write(dir, SUBJECTS, failing, config()));
    assertTrue(e.getMessage().contains("unplugged"));
    assertEquals(before.keySet(), snapshot(dir).keySet());
    before.forEach((k, v) -> assertArrayEquals(v, snapshotFile(dir, k), k));
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertEquals(List.of("ds"), siblings.map(p -> p.getFileName().toString()).toList(), "staging directory left behind");
    }
    assertEquals(List.of(), DatasetVerifier.verify(dir));
  }

  @Test
  void unknownSubjectIsRejected() {
    List<Sample> s = List.of(TestSamples.sample(TestSamples.SMALL, 1, 0, "sub-0099"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DatasetWriter.write(tmp.resolve("x"), SUBJECTS, s.iterator(), config()));
    assertTrue(e.getMessage().contains("sub-0099"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  private static boolean has(List<DatasetProblem> problems, String file, String field, String text) {
    return problems.stream().anyMatch(p -> p.file().equals(file) && p.field().equals(field) && p.message().contains(text));
  }

  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }

  private static byte[] snapshotFile(Path dir, String rel) {
    try {
      return Files.readAllBytes(dir.resolve(rel));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
