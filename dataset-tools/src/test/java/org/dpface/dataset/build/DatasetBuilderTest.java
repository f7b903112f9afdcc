package org.dpface.dataset.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.dpface.core.geom.RigidTransform;
import org.dpface.dataset.register.RegistrationConfig;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.shard.ShardReader;
import org.dpface.dataset.store.DatasetConfig;
import org.dpface.dataset.store.DatasetFiles;
import org.dpface.dataset.store.DatasetModel;
import org.dpface.dataset.store.DatasetVerifier;
import org.dpface.rigs.virtual.take.TakeTruth;
import org.dpface.rigs.virtual.take.TruthReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration, QC and dataset build on a tiny virtual lab (virtual-8cam binned 4×, 2 cameras, 2 lamps). */
class DatasetBuilderTest {
  /** Registered depth from the true mesh vs the truth maps (mm): the same rasterizer, so ~exact. */
  private static final double DEPTH_TOL_MM = 1e-3;
  /** Normals: the PLY round trip recomputes vertex normals (deg). */
  private static final double NORMAL_P95_TOL_DEG = 0.1;

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path root;
  private static RegistrationConfig cfg;

  @BeforeAll
  static void lab() throws Exception {
    VirtualLabs.write(root, List.of("cam0", "cam1"), 2);
    int[] size = DatasetBuilder.defaultSampleSize(VirtualLabs.rig());
    cfg = RegistrationConfig.defaults(size[0], size[1]);
  }

  private static DatasetBuilder.Inputs inputs(Path recon) {
    return new DatasetBuilder.Inputs(root.resolve("lab"), recon, null, root.resolve("truth"));
  }

  @Test
  void trueMeshRegistersOntoTheTruthAndPassesQc() throws Exception {
    BuildPlan plan = DatasetBuilder.plan(inputs(root.resolve("recon")), cfg);
    assertEquals(4, plan.samples().size());
    assertEquals(List.of(), plan.exclusions());
    BuildPlan.TruthScore s = plan.truthScore();
    assertNotNull(s);
    assertEquals(2, s.views());
    assertTrue(s.pixels() > 10_000, "pixels " + s.pixels());
    assertTrue(s.depthP95Mm() < DEPTH_TOL_MM, "depth p95 " + s.depthP95Mm());
    assertTrue(s.normalP95Deg() < NORMAL_P95_TOL_DEG, "normal p95 " + s.normalP95Deg());
    assertTrue(s.maskIou() > 0.999, "IoU " + s.maskIou());
    for (BuildPlan.PlannedSample p : plan.samples()) {
      assertTrue(p.disparityWindows() >= 50, p.toString());
      assertTrue(Math.abs(p.disparityBiasPx()) < 0.04, p.toString());
      assertTrue(p.validFraction() > 0.95, p.toString());
    }
    assertEquals("vertical", plan.dpAxis());
    assertEquals("v2", plan.consentVersions().get("sub-0001"));
  }

  @Test
  void meshDisplacedAlongTheViewAxisIsExcludedWithItsReason() throws Exception {
    Path recon = root.resolve("recon-shifted");
    copyLabRecon(recon, RigidTransform.translation(0, 0, 60));
    BuildPlan plan = DatasetBuilder.plan(inputs(recon), cfg);
    assertEquals(4, plan.exclusions().size(), plan.exclusions().toString());
    for (DatasetModel.QcExclusion e : plan.exclusions()) {
      assertTrue(e.reason().contains("DP disparity is biased"), e.reason());
    }
    assertTrue(plan.truthScore().depthMedianMm() > 45);
    // the exclusions reach the manifest; nothing is written for them
    Path out = root.resolve("dataset-shifted");
    DatasetModel.Index index = DatasetBuilder.write(plan, out, cfg, base(plan));
    assertTrue(index.samples().isEmpty());
    JsonNode qc = JSON.readTree(out.resolve(DatasetFiles.MANIFEST).toFile()).path("qc_exclusions");
    assertEquals(4, qc.size());
    assertEquals(plan.exclusions().get(0).sampleId(), qc.get(0).path("sample_id").asText());
    assertEquals(plan.exclusions().get(0).reason(), qc.get(0).path("reason").asText());
  }

  @Test
  void takeWithoutMeshIsExcludedNotDropped() throws Exception {
    BuildPlan plan = DatasetBuilder.plan(inputs(root.resolve("no-recon")), cfg);
    assertEquals(4, plan.exclusions().size());
    assertTrue(plan.exclusions().get(0).reason().startsWith("no reconstructed mesh"), plan.exclusions().get(0).reason());
  }

  @Test
  void builtDatasetVerifiesAndHoldsTheRegisteredTruth() throws Exception {
    BuildPlan plan = DatasetBuilder.plan(inputs(root.resolve("recon")), cfg);
    Path planFile = root.resolve("registration.json");
    DatasetBuilder.writePlan(planFile, plan);
    BuildPlan again = DatasetBuilder.readPlan(planFile);
    assertEquals(plan.samples().size(), again.samples().size());
    Path out = root.resolve("dataset");
    DatasetModel.Index index = DatasetBuilder.write(again, out, cfg, base(again));
    assertEquals(4, index.samples().size());
    assertEquals(List.of(), DatasetVerifier.verify(out));
    JsonNode ids = JSON.readTree(out.resolve(DatasetFiles.MANIFEST).toFile()).path("calibration_ids");
    assertTrue(ids.toString().contains("dp-coeffs: thin-lens"), ids.toString());
    // one sample against the truth, after the same crop
    DatasetModel.IndexEntry e = index.samples().stream().filter(x -> x.cameraId().equals("cam1")).findFirst().orElseThrow();
    TakeTruth truth = TruthReader.read(root.resolve("truth").resolve(VirtualLabs.SESSION).resolve(VirtualLabs.TAKE));
    TakeTruth.CameraTruth t = truth.camera("cam1").orElseThrow();
    BuildPlan.PlannedSample p = plan.samples().stream().filter(x -> x.sampleId().equals(e.sampleId())).findFirst().orElseThrow();
    try (ShardReader r = new ShardReader(out.resolve(e.shard()))) {
      Sample s = r.read(e.row());
      int w = s.shape().width();
      int compared = 0;
      for (int y = 0; y < s.shape().height(); y++) {
        for (int x = 0; x < w; x++) {
          float z = s.depth()[y * w + x];
          float zt = t.depth().get(x + p.cropX0(), y + p.cropY0());
          assertEquals(z > 0, s.mask()[y * w + x] == 1);
          if (z > 0 && zt > 0) {
            assertEquals(zt, z, DEPTH_TOL_MM);
            compared++;
          }
        }
      }
      assertTrue(compared > 5000, "compared " + compared);
      assertEquals((float) t.dpA(), s.dpCoeffs()[0], Math.abs(t.dpA()) * 1e-5);
      assertEquals((float) (t.model().cx() - p.cropX0()), s.k()[2], 1e-4);
      assertFalse(s.ids().subjectId().isBlank());
      assertEquals(p.light(), s.metadata().light());
    }
  }

  /**
   * The take's recorded sensor depth sets the exposure check's clip level: recorded 8 bits (255 DN) clips the
   * lit face in these 14-bit-range frames; recorded 14 bits is the default level (16383 DN) again.
   */
  @Test
  void recordedSensorDepthSetsTheClipLevel() throws Exception {
    Path lab = root.resolve("lab-bits");
    try (var files = Files.walk(root.resolve("lab"))) {
      for (Path f : files.toList()) {
        Path to = lab.resolve(root.resolve("lab").relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Path takeJson;
    try (var files = Files.walk(lab)) {
      takeJson = files.filter(f -> f.getFileName().toString().equals("take.json")).findFirst().orElseThrow();
    }
    DatasetBuilder.Inputs in = new DatasetBuilder.Inputs(lab, root.resolve("recon"), null, root.resolve("truth"));
    for (int bits : new int[] {8, 14}) {
      ObjectNode t = (ObjectNode) JSON.readTree(takeJson.toFile());
      t.putObject("sensorBits").put("cam0", bits).put("cam1", bits);
      JSON.writeValue(takeJson.toFile(), t);
      BuildPlan plan = DatasetBuilder.plan(in, cfg);
      if (bits == 8) {
        assertEquals(4, plan.exclusions().size(), plan.exclusions().toString());
        for (DatasetModel.QcExclusion e : plan.exclusions()) {
          assertTrue(e.reason().contains("clipped (>= 255 DN)"), e.reason());
        }
      } else {
        assertEquals(List.of(), plan.exclusions());
      }
    }
  }

  private static DatasetConfig base(BuildPlan plan) {
    return DatasetConfig.defaults(plan.shape(), DpAxis.parse(plan.dpAxis()), "test", Instant.parse("2025-01-01T00:00:00Z"));
  }

  private static void copyLabRecon(Path recon, RigidTransform move) throws Exception {
    Path tmp = root.resolve("tmp-" + recon.getFileName());
    VirtualLabs.writeRecon(tmp, move, root);
    java.nio.file.Files.move(tmp.resolve("recon"), recon);
  }
}
