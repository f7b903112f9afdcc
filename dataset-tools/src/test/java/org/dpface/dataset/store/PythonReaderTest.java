package org.dpface.dataset.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dpface.dataset.TestSamples;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.shard.ShardContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python reference reader ({@code python/dpface_dataset.py}) against a dataset written by the Java
 * writer: every sample of every split comes back with the same bytes per array, the same ids and
 * metadata, from the shard and row the index names. Skipped when Debian's python3 with h5py is absent.
 */
class PythonReaderTest {
  /** The reader, relative to the dataset-tools module directory (surefire's working directory). */
  static final Path READER = Path.of("..", "python", "dpface_dataset.py");

  @TempDir Path tmp;

  @Test
  void pythonReaderReturnsWhatJavaWrote() throws Exception {
    assumeTrue(TestSamples.hasH5py(), "Debian python3-h5py not installed at " + TestSamples.PYTHON);
    assumeTrue(Files.isRegularFile(READER), READER.toAbsolutePath() + " missing (tests not run from the module directory)");
    Path dir = tmp.resolve("ds");
    List<Sample> samples = DatasetStoreTest.samples();
    DatasetModel.Index index = DatasetWriter.write(dir, DatasetStoreTest.SUBJECTS, samples.iterator(), DatasetStoreTest.config());
    Map<String, Sample> byId = new HashMap<>();
    samples.forEach(s -> byId.put(s.ids().sampleId(), s));
    Map<String, String> splitOfShard = new HashMap<>();
    index.shards().forEach(s -> splitOfShard.put(s.file(), s.split()));

    int seen = 0;
    for (String split : SubjectSplits.NAMES) {
      String[] res = TestSamples.run(List.of(TestSamples.PYTHON, READER.toString(), dir.toString(), "--split", split, "--digest"));
      assertEquals("0", res[0], res[1]);
      List<JsonNode> lines = new ArrayList<>();
      for (String line : res[1].split("\n")) {
        if (!line.isBlank()) {
          lines.add(new ObjectMapper().readTree(line));
        }
      }
      List<DatasetModel.IndexEntry> expected = index.samples().stream().filter(e -> splitOfShard.get(e.shard()).equals(split)).toList();
      assertEquals(expected.size(), lines.size(), split);
      for (int i = 0; i < lines.size(); i++) {
        JsonNode j = lines.get(i);
        DatasetModel.IndexEntry e = expected.get(i);
        Sample s = byId.get(e.sampleId());
        assertEquals(e.sampleId(), j.get("sample_id").asText());
        assertEquals(split, j.get("split").asText());
        assertEquals(e.shard(), j.get("shard").asText());
        assertEquals(e.row(), j.get("row").asInt());
        assertEquals(s.ids().subjectId(), j.get("subject_id").asText());
        assertEquals(s.ids().sessionId(), j.get("session_id").asText());
        assertEquals(s.ids().cameraId(), j.get("camera_id").asText());
        assertEquals(s.metadata().expression(), j.get("expression").asText());
        assertEquals(s.metadata().light(), j.get("light").asText());
        for (ShardContract.ArraySpec spec : ShardContract.arrays(TestSamples.SMALL)) {
          assertEquals(TestSamples.sha256(spec.name(), s), j.get("sha256").get(spec.name()).asText(), e.sampleId() + " " + spec.name());
        }
        int valid = 0;
        double disparity = 0;
        for (int p = 0; p < s.mask().length; p++) {
          if (s.mask()[p] != 0) {
            valid++;
            disparity += s.dpCoeffs()[0] / (double) s.depth()[p] + s.dpCoeffs()[1];
          }
        }
        assertEquals(valid, j.get("valid_pixels").asInt(), e.sampleId());
        assertEquals(disparity / valid, j.get("disparity_mean_px").asDouble(), 1e-3, e.sampleId());
        seen++;
      }
    }
    assertEquals(samples.size(), seen);
  }

  @Test
  void datasetClassOpensShardsLazilyAndPicklesWithoutHandles() throws Exception {
    assumeTrue(TestSamples.hasH5py(), "Debian python3-h5py not installed at " + TestSamples.PYTHON);
    assumeTrue(Files.isRegularFile(READER), READER.toAbsolutePath() + " missing");
    Path dir = tmp.resolve("ds");
    DatasetWriter.write(dir, DatasetStoreTest.SUBJECTS, DatasetStoreTest.samples().iterator(), DatasetStoreTest.config());
    String script = String.join("\n",
        "import sys, os, pickle",
        "sys.path.insert(0, sys.argv[1])",
        "import dpface_dataset as d",
        "ds = d.DpfaceDataset(sys.argv[2], split='train')",
        "assert ds._files is None, 'opened a file in __init__'",
        "s = ds[0]",
        "assert s['depth'].dtype.str == '<f4' and s['dp_left'].dtype.str == '<u2' and s['mask'].dtype == bool",
        "assert s['K'].shape == (3, 3) and s['camera_to_world'].shape == (4, 4) and s['dp_coeffs'].shape == (2,)",
        "assert len(ds._files) == 1",
        "clone = pickle.loads(pickle.dumps(ds))",
        "assert clone._files is None and len(clone) == len(ds)",
        "assert (clone[0]['depth'] == s['depth']).all()",
        "try:",
        "    ds[len(ds)]",
        "    raise SystemExit('no IndexError')",
        "except IndexError:",
        "    pass",
        "try:",
        "    d.DpfaceDataset(sys.argv[2], split='holdout')",
        "    raise SystemExit('no ValueError')",
        "except ValueError as e:",
        "    assert 'holdout' in str(e)",
        "ds.close(); clone.close()",
        "print('ok', len(ds))");
    String[] res = TestSamples.run(List.of(TestSamples.PYTHON, "-c", script, READER.getParent().toString(), dir.toString()));
    assertEquals("0", res[0], res[1]);
    assertTrue(res[1].startsWith("ok "), res[1]);
  }

  @Test
  void aFileOfTheWrongFormatIsNamed() throws Exception {
    assumeTrue(TestSamples.hasH5py(), "Debian python3-h5py not installed at " + TestSamples.PYTHON);
    assumeTrue(Files.isRegularFile(READER), READER.toAbsolutePath() + " missing");
    Path dir = tmp.resolve("ds");
    DatasetWriter.write(dir, DatasetStoreTest.SUBJECTS, DatasetStoreTest.samples().iterator(), DatasetStoreTest.config());
    Path index = dir.resolve(DatasetFiles.INDEX);
    Files.writeString(index, Files.readString(index).replace("\"version\" : 1", "\"version\" : 7"));
    String[] res = TestSamples.run(List.of(TestSamples.PYTHON, READER.toString(), dir.toString()));
    assertEquals("1", res[0], res[1]);
    assertTrue(res[1].contains("index.json: version is 7, expected 1"), res[1]);
  }
}
