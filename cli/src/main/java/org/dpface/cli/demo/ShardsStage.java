package org.dpface.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.io.Pictures;
import org.dpface.dataset.build.BuildPlan;
import org.dpface.dataset.build.DatasetBuilder;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.shard.ShardReader;
import org.dpface.dataset.store.DatasetFiles;
import org.dpface.dataset.store.DatasetModel;
import org.dpface.dataset.store.DatasetProblem;
import org.dpface.dataset.store.DatasetStats;
import org.dpface.dataset.store.DatasetVerifier;

/**
 * Verifies the dataset the register stage wrote under {@code dataset/} (HDF5 shards, index, subject-disjoint
 * splits, manifest with the QC exclusions), reports its statistics (samples, subjects and shards per split,
 * samples per camera and capture condition, bytes) and draws one sample read back from its shard: DP left |
 * registered depth | registered normals.
 */
final class ShardsStage implements Stage {
  static final String DATASET = "dataset";

  @Override
  public String id() {
    return "shards";
  }

  @Override
  public String title() {
    return "Verify the HDF5 shards, index and subject-disjoint splits; dataset statistics";
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    Path out = ctx.lab().resolve(DATASET);
    if (!Files.isRegularFile(out.resolve(DatasetFiles.INDEX))) {
      throw new IllegalStateException("no dataset at " + out + "; run the register stage first");
    }
    DatasetModel.Index index = DatasetFiles.read(out.resolve(DatasetFiles.INDEX), DatasetModel.Index.class);
    BuildPlan plan = DatasetBuilder.readPlan(ctx.lab().resolve(RegisterStage.PLAN));
    List<DatasetProblem> problems = DatasetVerifier.verify(out);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("dataset does not verify: " + problems.get(0).describe());
    }
    long bytes = 0;
    for (DatasetModel.ShardEntry s : index.shards()) {
      bytes += s.bytes();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", index.samples().size());
    m.put("QC exclusions (in manifest)", plan.exclusions().size());
    m.put("shards", index.shards().size());
    m.put("shard bytes", bytes);
    m.put("subjects", plan.subjects().size());
    m.put("verify", "valid");
    DatasetStats st = DatasetStats.of(out);
    m.put("sample shape (H x W x C)", st.sampleShape().height() + " x " + st.sampleShape().width() + " x " + st.sampleShape().channels());
    m.put("samples per split", counts(st.samplesPerSplit()));
    m.put("subjects per split", counts(st.subjectsPerSplit()));
    m.put("shards per split", counts(st.shardsPerSplit()));
    m.put("samples per camera", counts(st.perCamera()));
    m.put("samples per expression", counts(st.perExpression()));
    m.put("samples per distance", counts(st.perPosition()));
    m.put("samples per direction", counts(st.perDirection()));
    m.put("samples per lamp", counts(st.perLight()));
    m.put("compression (uncompressed / stored)", st.storedBytes() == 0 ? "–"
        : String.format(Locale.ROOT, "%.2f", (double) st.uncompressedBytes() / st.storedBytes()));
    List<String> pictures = new ArrayList<>();
    if (!index.samples().isEmpty()) {
      DatasetModel.IndexEntry e = index.samples().get(0);
      try (ShardReader r = new ShardReader(out.resolve(e.shard()))) {
        Sample s = r.read(e.row());
        String pic = "shards/" + e.sampleId() + ".png";
        Pictures.writePng(ctx.file(pic), picture(s));
        pictures.add(pic);
        m.put("picture", e.sampleId() + ": DP left | registered depth | registered normals (read back from " + e.shard() + ")");
      }
    }
    String summary = index.samples().size() + " samples in " + index.shards().size() + " shard(s), " + bytes + " bytes; verify: valid";
    return StageResult.done(this, summary, m, pictures);
  }

  private static String counts(Map<String, Integer> m) {
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
    return b.isEmpty() ? "none" : b.toString();
  }

  private static org.dpface.core.image.InterleavedU8 picture(Sample s) {
    int w = s.shape().width();
    int h = s.shape().height();
    GrayF32 left = new GrayF32(w, h);
    float max = 1;
    for (int i = 0; i < w * h; i++) {
      left.data[i] = s.dpLeft()[i * s.shape().channels()] & 0xFFFF;
      max = Math.max(max, left.data[i]);
    }
    GrayF32 depth = new GrayF32(w, h);
    System.arraycopy(s.depth(), 0, depth.data, 0, w * h);
    InterleavedF32 normal = new InterleavedF32(w, h, 3);
    System.arraycopy(s.normal(), 0, normal.data, 0, 3 * w * h);
    return Pictures.sideBySide(Pictures.gray(left, 0, max, null), Pictures.depth(depth), Pictures.normals(normal, null));
  }
}
