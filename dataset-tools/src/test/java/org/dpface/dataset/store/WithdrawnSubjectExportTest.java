package org.dpface.dataset.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dpface.dataset.store.DatasetModel.Index;
import org.dpface.dataset.store.DatasetModel.TakeRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consent: after a withdrawal, rebuilding the dataset from the lab's samples (which still include the
 * withdrawn subject) by any of the build paths writes no file that names the subject.
 */
class WithdrawnSubjectExportTest {
  @TempDir Path tmp;

  static final String GONE = "sub-0002";

  /** The ways a dataset directory is rebuilt. */
  enum Rebuild {
    WRITER {
      @Override
      void run(Path dir, DatasetConfig c) throws IOException {
        DatasetWriter.write(dir, DatasetStoreTest.SUBJECTS, DatasetStoreTest.samples().iterator(), c);
      }
    },
    UPDATE_FULL {
      @Override
      void run(Path dir, DatasetConfig c) throws IOException {
        DatasetUpdate.apply(dir, false, id -> true, DatasetStoreTest.SUBJECTS, DatasetStoreTest.samples().iterator(), c, x -> x, null);
      }
    },
    UPDATE_INCREMENTAL {
      @Override
      void run(Path dir, DatasetConfig c) throws IOException {
        DatasetUpdate.apply(dir, true, id -> false, DatasetStoreTest.SUBJECTS, DatasetStoreTest.samples().iterator(), c, x -> x, null);
      }
    };

    abstract void run(Path dir, DatasetConfig c) throws IOException;
  }

  /** The store test's config (consent version and a QC exclusion of {@link #GONE}) plus a take record per subject. */
  static DatasetConfig config() {
    List<TakeRecord> takes = DatasetStoreTest.SUBJECTS.stream()
        .map(s -> new TakeRecord("ses-" + s, "take-0001", s, DatasetFiles.sha256(s),
            DatasetStoreTest.samples().stream().filter(x -> x.ids().subjectId().equals(s)).map(x -> x.ids().sampleId()).toList(),
            List.of()))
        .toList();
    return DatasetStoreTest.config().withTakes(takes);
  }

  @ParameterizedTest
  @EnumSource(Rebuild.class)
  void aWithdrawnSubjectIsInNoExportedFileAfterARebuild(Rebuild rebuild) throws Exception {
    Path dir = tmp.resolve("ds");
    DatasetWriter.write(dir, DatasetStoreTest.SUBJECTS, DatasetStoreTest.samples().iterator(), config());
    assertTrue(mentions(dir, GONE), "precondition: the first build lists " + GONE);
    Withdrawal.withdraw(dir, GONE, DatasetStoreTest.T0.plusSeconds(60));

    rebuild.run(dir, config());

    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(GONE), dir.relativize(p) + " mentions withdrawn " + GONE + " after " + rebuild);
      }
    }
    assertEquals(List.of(), DatasetVerifier.verify(dir));
    Index index = DatasetFiles.read(dir.resolve(DatasetFiles.INDEX), Index.class);
    assertEquals(20, index.samples().size());
    DatasetStats stats = DatasetStats.of(dir);
    assertEquals(5, stats.subjectsPerSplit().values().stream().mapToInt(Integer::intValue).sum(), stats.format());
    assertEquals(20, stats.samples());
    assertTrue(Files.readString(dir.resolve(DatasetFiles.DELETIONS)).contains(DatasetFiles.sha256(GONE)));
    // the other subjects keep their consent versions and take records
    String manifest = Files.readString(dir.resolve(DatasetFiles.MANIFEST));
    assertTrue(manifest.contains("consent-v2") && manifest.contains("ses-sub-0006"), manifest);
  }

  @org.junit.jupiter.api.Test
  void theVerifierReportsAWithdrawnSubjectStillListed() throws Exception {
    Path dir = tmp.resolve("ds");
    DatasetWriter.write(dir, DatasetStoreTest.SUBJECTS, DatasetStoreTest.samples().iterator(), config());
    // the deletion log of an earlier withdrawal of GONE, as a dataset written before the fix would carry it
    DatasetFiles.write(dir.resolve(DatasetFiles.DELETIONS), new DatasetModel.DeletionLog(DatasetModel.DELETIONS_FORMAT,
        DatasetModel.VERSION, List.of(new DatasetModel.DeletionEntry(DatasetFiles.sha256(GONE), "2025-01-01T00:00:00Z", 4,
            List.of(), List.of()))));
    List<DatasetProblem> problems = DatasetVerifier.verify(dir);
    for (String[] where : new String[][] {{DatasetFiles.INDEX, "samples"}, {"manifest.json", "consent_versions"},
        {"manifest.json", "qc_exclusions"}, {"manifest.json", "takes"}}) {
      assertTrue(problems.stream().anyMatch(p -> p.file().equals(where[0]) && p.field().equals(where[1])
          && p.message().contains(GONE + " was withdrawn (deletions.json entries[0])")), where[0] + " " + where[1] + ": " + problems);
    }
    String split = SubjectSplits.assign(DatasetStoreTest.SUBJECTS, 42, new SplitRatios(0.5, 0.25, 0.25)).get(GONE);
    assertTrue(problems.stream().anyMatch(p -> p.file().equals(DatasetFiles.splitFile(split)) && p.message().contains(GONE)),
        problems.toString());
    // once rebuilt, nothing is left to report
    DatasetWriter.write(dir, DatasetStoreTest.SUBJECTS, DatasetStoreTest.samples().iterator(), config());
    assertEquals(List.of(), DatasetVerifier.verify(dir));
  }

  private static boolean mentions(Path dir, String text) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(text)) {
          return true;
        }
      }
    }
    return false;
  }
}
