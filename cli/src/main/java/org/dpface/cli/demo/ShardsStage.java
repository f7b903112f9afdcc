package org.dpface.cli.demo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.io.Pictures;
import org.dpface.dataset.build.BuildPlan;
import org.dpface.dataset.build.DatasetBuilder;
import org.dpface.dataset.register.RegistrationConfig;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.shard.ShardReader;
import org.dpface.dataset.store.DatasetConfig;
import org.dpface.dataset.store.DatasetModel;
import org.dpface.dataset.store.DatasetProblem;
import org.dpface.dataset.store.DatasetVerifier;

/**
 * Writes the samples that passed QC ({@value RegisterStage#PLAN}, read from disk) as HDF5 shards with
 * index, splits and manifest under {@code dataset/}, verifies the result and draws one sample read
 * back from its shard: DP left | registered depth | registered normals.
 */
final class ShardsStage implements Stage {
  static final String DATASET = "dataset";

  @Override
  public String id() {
    return "shards";
  }

  @Override
  public String title() {
    return "Build HDF5 shards, index and subject-disjoint splits; verify";
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    BuildPlan plan = DatasetBuilder.readPlan(ctx.lab().resolve(RegisterStage.PLAN));
    RegistrationConfig cfg = RegistrationConfig.defaults(plan.shape().width(), plan.shape().height());
    DatasetConfig base = DatasetConfig.defaults(plan.shape(), DpAxis.parse(plan.dpAxis()), "dpface-demo", Instant.now())
        .withSeed(ctx.config().seed());
    Path out = ctx.lab().resolve(DATASET);
    DatasetModel.Index index = DatasetBuilder.write(plan, out, cfg, base);
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
