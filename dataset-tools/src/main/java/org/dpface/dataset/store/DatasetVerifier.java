package org.dpface.dataset.store;

import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.ShardContract;
import org.dpface.dataset.shard.ShardContract.ArraySpec;
import org.dpface.dataset.shard.ShardReader;
import org.dpface.dataset.store.DatasetModel.Index;
import org.dpface.dataset.store.DatasetModel.IndexEntry;
import org.dpface.dataset.store.DatasetModel.Manifest;
import org.dpface.dataset.store.DatasetModel.ShardEntry;
import org.dpface.dataset.store.DatasetModel.SplitFile;

/**
 * Checks a dataset directory against the contract and reports every problem (file + field) rather than
 * stopping at the first.
 *
 * <p>Checks: format and version of every JSON file; split files disjoint by subject; per shard: present,
 * size and SHA-256 as indexed, opens as a dpface shard, root attributes (split, shape, DP axis) as
 * indexed, every array's shape, element type, chunk = one sample and filters shuffle + deflate, string
 * columns as long as the shard; per index row: its shard is listed, the row is inside the shard, the
 * shard holds that sample id and subject at that row, the subject's split is the shard's split; every
 * shard row is indexed exactly once; no unlisted {@code .h5} file in {@code shards/}; no subject withdrawn
 * in {@code deletions.json} is named by the index, a split file or the manifest ({@link WithdrawnCheck}).
 * Array values are covered by the checksums, not decoded.
 */
public final class DatasetVerifier {
  private DatasetVerifier() {}

  /** @return the problems found; empty when the dataset is valid */
  public static List<DatasetProblem> verify(Path dir) {
    List<DatasetProblem> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      problems.add(new DatasetProblem(dir.toString(), "-", "not a directory"));
      return problems;
    }
    Index index = readJson(dir, DatasetFiles.INDEX, Index.class, problems);
    Manifest manifest = readJson(dir, DatasetFiles.MANIFEST, Manifest.class, problems);
    if (manifest != null) {
      checkFormat(DatasetFiles.MANIFEST, manifest.format(), manifest.version(), DatasetModel.MANIFEST_FORMAT, problems);
    }
    Map<String, String> splitOfSubject = checkSplits(dir, problems);
    WithdrawnCheck.check(dir, index, manifest, splitOfSubject, problems);
    if (index == null) {
      return problems;
    }
    if (!checkFormat(DatasetFiles.INDEX, index.format(), index.version(), DatasetModel.INDEX_FORMAT, problems)) {
      return problems;
    }
    if (index.shards() == null || index.samples() == null || index.sampleShape() == null) {
      problems.add(new DatasetProblem(DatasetFiles.INDEX, "shards/samples/sample_shape", "missing"));
      return problems;
    }
    Map<String, ShardEntry> shards = new HashMap<>();
    Map<String, String[][]> columns = new HashMap<>();
    for (ShardEntry s : index.shards()) {
      if (shards.put(s.file(), s) != null) {
        problems.add(new DatasetProblem(DatasetFiles.INDEX, "shards", s.file() + " listed twice"));
      }
      String[][] c = checkShard(dir, s, index, problems);
      if (c != null) {
        columns.put(s.file(), c);
      }
    }
    checkRows(index, shards, columns, splitOfSubject, problems);
    checkUnlisted(dir, shards.keySet(), problems);
    if (manifest != null) {
      checkTakes(index, manifest, problems);
    }
    return problems;
  }

  /** The manifest's take records (incremental builds) must name exactly the indexed samples, each once. */
  private static void checkTakes(Index index, Manifest manifest, List<DatasetProblem> problems) {
    if (manifest.takes() == null || manifest.takes().isEmpty()) {
      return;
    }
    Map<String, String> subjectOf = new HashMap<>();
    index.samples().forEach(e -> subjectOf.put(e.sampleId(), e.subjectId()));
    java.util.Set<String> claimed = new java.util.HashSet<>();
    for (int i = 0; i < manifest.takes().size(); i++) {
      DatasetModel.TakeRecord t = manifest.takes().get(i);
      String field = "takes[" + i + "] (" + t.sessionId() + "/" + t.takeId() + ")";
      for (String id : t.samples()) {
        String subject = subjectOf.get(id);
        if (subject == null) {
          problems.add(new DatasetProblem(DatasetFiles.MANIFEST, field + ".samples", id + " is not in " + DatasetFiles.INDEX));
        } else if (!subject.equals(t.subjectId())) {
          problems.add(new DatasetProblem(DatasetFiles.MANIFEST, field + ".samples", id + " belongs to " + subject + ", not " + t.subjectId()));
        }
        if (!claimed.add(id)) {
          problems.add(new DatasetProblem(DatasetFiles.MANIFEST, field + ".samples", id + " is claimed by two takes"));
        }
      }
    }
    for (String id : subjectOf.keySet()) {
      if (!claimed.contains(id)) {
        problems.add(new DatasetProblem(DatasetFiles.MANIFEST, "takes", "sample " + id + " of " + DatasetFiles.INDEX + " is in no take record"));
      }
    }
  }

  private static <T> T readJson(Path dir, String name, Class<T> type, List<DatasetProblem> problems) {
    try {
      return DatasetFiles.read(dir.resolve(name), type);
    } catch (NoSuchFileException e) {
      problems.add(new DatasetProblem(name, "-", "missing"));
    } catch (IOException e) {
      problems.add(new DatasetProblem(name, "-", "unreadable: " + e.getMessage()));
    }
    return null;
  }

  private static boolean checkFormat(String file, String format, int version, String expected, List<DatasetProblem> problems) {
    if (!expected.equals(format)) {
      problems.add(new DatasetProblem(file, "format", "is \"" + format + "\", expected \"" + expected + "\""));
      return false;
    }
    if (version != DatasetModel.VERSION) {
      problems.add(new DatasetProblem(file, "version", version + " is not supported (expected " + DatasetModel.VERSION + ")"));
      return false;
    }
    return true;
  }

  private static Map<String, String> checkSplits(Path dir, List<DatasetProblem> problems) {
    Map<String, String> splitOf = new HashMap<>();
    for (String split : SubjectSplits.NAMES) {
      String name = DatasetFiles.splitFile(split);
      SplitFile f = readJson(dir, name, SplitFile.class, problems);
      if (f == null || !checkFormat(name, f.format(), f.version(), DatasetModel.SPLIT_FORMAT, problems)) {
        continue;
      }
      if (!split.equals(f.split())) {
        problems.add(new DatasetProblem(name, "split", "is \"" + f.split() + "\", expected \"" + split + "\""));
      }
      for (String subject : f.subjects() == null ? List.<String>of() : f.subjects()) {
        String other = splitOf.putIfAbsent(subject, split);
        if (other != null) {
          problems.add(new DatasetProblem(name, "subjects", subject + " is also in " + DatasetFiles.splitFile(other)));
        }
      }
    }
    return splitOf;
  }

  /** @return the shard's sample_id and subject_id columns, or null if the shard is unusable */
  private static String[][] checkShard(Path dir, ShardEntry s, Index index, List<DatasetProblem> problems) {
    String f = s.file();
    Path file = dir.resolve(f);
    if (!Files.isRegularFile(file)) {
      problems.add(new DatasetProblem(f, "-", "missing shard (listed in " + DatasetFiles.INDEX + ")"));
      return null;
    }
    try {
      long size = Files.size(file);
      if (size != s.bytes()) {
        problems.add(new DatasetProblem(f, "bytes", "file has " + size + " bytes, index says " + s.bytes()));
      }
      String sha = DatasetFiles.sha256(file);
      if (!sha.equals(s.sha256())) {
        problems.add(new DatasetProblem(f, "sha256", "checksum mismatch: file " + sha + ", index " + s.sha256()));
      }
    } catch (IOException e) {
      problems.add(new DatasetProblem(f, "-", "unreadable: " + e.getMessage()));
      return null;
    }
    try (ShardReader r = new ShardReader(file)) {
      if (!r.split().equals(s.split())) {
        problems.add(new DatasetProblem(f, "attribute split", "is \"" + r.split() + "\", index says \"" + s.split() + "\""));
      }
      if (!r.shape().equals(index.sampleShape())) {
        problems.add(new DatasetProblem(f, "attributes sample_height/sample_width/dp_channels", r.shape() + ", index says " + index.sampleShape()));
      }
      if (!r.dpAxis().attribute().equals(index.dpAxis())) {
        problems.add(new DatasetProblem(f, "attribute dp_axis", "is " + r.dpAxis().attribute() + ", index says " + index.dpAxis()));
      }
      if (r.rows() != s.rows()) {
        problems.add(new DatasetProblem(f, "rows", "shard has " + r.rows() + " rows, index says " + s.rows()));
      }
      for (ArraySpec spec : ShardContract.arrays(r.shape())) {
        checkArray(f, r, spec, problems);
      }
      return new String[][] {r.column("sample_id"), r.column("subject_id")};
    } catch (IOException | RuntimeException e) {
      problems.add(new DatasetProblem(f, "-", "not a readable dpface shard: " + e.getMessage()));
      return null;
    }
  }

  private static void checkArray(String f, ShardReader r, ArraySpec spec, List<DatasetProblem> problems) {
    Node node = r.hdfFile().getChild(spec.name());
    if (!(node instanceof Dataset d)) {
      problems.add(new DatasetProblem(f, spec.name(), "dataset missing"));
      return;
    }
    int[] expected = spec.datasetDims(r.rows());
    if (!Arrays.equals(d.getDimensions(), expected)) {
      problems.add(new DatasetProblem(f, spec.name(), "shape " + Arrays.toString(d.getDimensions()) + ", expected " + Arrays.toString(expected)));
    }
    DataType t = d.getDataType();
    boolean typeOk = switch (spec.type()) {
      case FLOAT32 -> t instanceof FloatingPoint && t.getSize() == 4;
      case UINT16 -> t instanceof FixedPoint fp && !fp.isSigned() && t.getSize() == 2;
      case UINT8 -> t instanceof FixedPoint fp && !fp.isSigned() && t.getSize() == 1;
    };
    if (!typeOk) {
      problems.add(new DatasetProblem(f, spec.name(), "element type " + t.getClass().getSimpleName() + " (" + t.getSize() + " bytes), expected " + spec.type().name().toLowerCase(java.util.Locale.ROOT)));
    }
    if (!(d instanceof ChunkedDataset c) || !Arrays.equals(c.getChunkDimensions(), spec.datasetDims(1))) {
      problems.add(new DatasetProblem(f, spec.name(), "not chunked one sample per chunk " + Arrays.toString(spec.datasetDims(1))));
    }
    List<Integer> filters = d.getFilters().stream().map(PipelineFilterWithData::getId).toList();
    if (!filters.equals(ShardContract.FILTER_IDS)) {
      problems.add(new DatasetProblem(f, spec.name(), "filters " + filters + ", expected shuffle + deflate " + ShardContract.FILTER_IDS));
    }
  }

  private static void checkRows(
      Index index, Map<String, ShardEntry> shards, Map<String, String[][]> columns, Map<String, String> splitOf, List<DatasetProblem> problems) {
    Set<String> sampleIds = new HashSet<>();
    Map<String, boolean[]> covered = new HashMap<>();
    String idx = DatasetFiles.INDEX;
    for (IndexEntry e : index.samples()) {
      String field = "samples[" + e.sampleId() + "]";
      if (!sampleIds.add(e.sampleId())) {
        problems.add(new DatasetProblem(idx, field, "duplicate sample id"));
      }
      ShardEntry s = shards.get(e.shard());
      if (s == null) {
        problems.add(new DatasetProblem(idx, field + ".shard", e.shard() + " is not in the shard list"));
        continue;
      }
      if (e.row() < 0 || e.row() >= s.rows()) {
        problems.add(new DatasetProblem(idx, field + ".row", "row " + e.row() + " is past the end of " + e.shard() + " (" + s.rows() + " rows)"));
        continue;
      }
      String split = splitOf.get(e.subjectId());
      if (split == null) {
        problems.add(new DatasetProblem(idx, field + ".subject_id", e.subjectId() + " is in no split file"));
      } else if (!split.equals(s.split())) {
        problems.add(new DatasetProblem(idx, field + ".subject_id", e.subjectId() + " belongs to " + split + " but is stored in " + s.split() + " shard " + e.shard()));
      }
      boolean[] seen = covered.computeIfAbsent(e.shard(), k -> new boolean[s.rows()]);
      if (seen[e.row()]) {
        problems.add(new DatasetProblem(idx, field + ".row", e.shard() + " row " + e.row() + " is indexed twice"));
      }
      seen[e.row()] = true;
      String[][] c = columns.get(e.shard());
      if (c != null && e.row() < c[0].length) {
        if (!c[0][e.row()].equals(e.sampleId())) {
          problems.add(new DatasetProblem(e.shard(), "sample_id[" + e.row() + "]", "is " + c[0][e.row()] + ", index says " + e.sampleId()));
        }
        if (!c[1][e.row()].equals(e.subjectId())) {
          problems.add(new DatasetProblem(e.shard(), "subject_id[" + e.row() + "]", "is " + c[1][e.row()] + ", index says " + e.subjectId()));
        }
      }
    }
    for (ShardEntry s : index.shards()) {
      boolean[] seen = covered.get(s.file());
      for (int row = 0; row < s.rows(); row++) {
        if (seen == null || !seen[row]) {
          problems.add(new DatasetProblem(s.file(), "row " + row, "not in " + idx));
        }
      }
    }
  }

  private static void checkUnlisted(Path dir, Set<String> listed, List<DatasetProblem> problems) {
    Path shardsDir = dir.resolve(DatasetFiles.SHARDS_DIR);
    if (!Files.isDirectory(shardsDir)) {
      return;
    }
    try (var files = Files.list(shardsDir)) {
      for (String name : new TreeSet<>(files.map(p -> p.getFileName().toString()).toList())) {
        String rel = DatasetFiles.SHARDS_DIR + "/" + name;
        if (name.endsWith(".h5") && !listed.contains(rel)) {
          problems.add(new DatasetProblem(rel, "-", "shard file not listed in " + DatasetFiles.INDEX));
        }
      }
    } catch (IOException e) {
      problems.add(new DatasetProblem(DatasetFiles.SHARDS_DIR, "-", "unreadable: " + e.getMessage()));
    }
  }
}
