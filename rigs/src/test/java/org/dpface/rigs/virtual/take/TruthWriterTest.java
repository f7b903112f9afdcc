package org.dpface.rigs.virtual.take;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.image.InterleavedU8;
import org.dpface.core.io.PngImages;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.SplitAxis;
import org.dpface.rigs.virtual.render.ProjectorSource;
import org.dpface.rigs.virtual.render.SceneLookup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthWriterTest {
  private static RigDescription rig;
  private static VirtualTake take;
  @TempDir Path dir;

  @BeforeAll
  static void prepare() {
    rig = TakeFixtures.rig();
    take = TakeFixtures.take(rig, TakeFixtures.subject(rig), TakeFixtures.config().withLightShadows(false));
  }

  @AfterAll
  static void close() {
    take.close();
  }

  @Test
  void roundTripEqualsTheLookupsModelsAndMesh() throws IOException {
    TruthWriter.write(dir, take);
    TakeTruth t = TruthReader.read(dir);
    assertEquals(rig.id(), t.rigId());
    assertEquals("sub-0001", t.subjectId());
    assertEquals(take.subject().pose().id(), t.poseId());
    assertArrayEquals(take.subject().mesh().positions, t.mesh().positions);
    assertArrayEquals(take.subject().mesh().faces, t.mesh().faces);
    assertEquals(take.cameraIds(), t.cameras().stream().map(TakeTruth.CameraTruth::id).toList());
    for (TakeTruth.CameraTruth c : t.cameras()) {
      SceneLookup lookup = take.lookup(c.id());
      int n = lookup.width() * lookup.height();
      assertEquals(lookup.camera(), c.model());
      assertEquals(lookup.worldToCamera(), c.worldToCamera());
      assertEquals(rig.camera(c.id()).orElseThrow().cameraToWorld().toTransform().invert(), c.worldToCamera());
      assertEquals(SplitAxis.VERTICAL, c.splitAxis());
      assertEquals(take.dpOptics(c.id()).coefficientA(), c.dpA());
      assertEquals(take.dpOptics(c.id()).coefficientB(), c.dpB());
      assertEquals(5.6, c.dpFNumber());
      assertEquals(VirtualTakeConfig.DEFAULT_SL_F_NUMBER, c.slFNumber());
      assertArrayEquals(java.util.Arrays.copyOf(lookup.depth.data, n), c.depth().data, "depth of " + c.id());
      assertArrayEquals(java.util.Arrays.copyOf(lookup.normal.data, 3 * n), c.normal().data);
      assertArrayEquals(java.util.Arrays.copyOf(lookup.mask.data, n), c.mask().data);
      int valid = 0;
      for (int i = 0; i < n; i++) {
        valid += c.mask().data[i];
        assertEquals(c.mask().data[i] != 0, c.depth().data[i] > 0, "mask and depth agree at " + i);
      }
      assertTrue(valid > 1000, c.id() + " sees the head: " + valid);
      for (int p = 0; p < take.scene().projectors().size(); p++) {
        ProjectorSource src = take.scene().projectors().get(p);
        SceneLookup.ProjectorMaps m = lookup.projector(p);
        InterleavedF32 uv = c.projectorUv().get(src.id());
        for (int i = 0; i < n; i++) {
          if (m.lit.data[i] != 0) {
            assertEquals(m.uv.data[2 * i], uv.data[2 * i]);
            assertEquals(m.uv.data[2 * i + 1], uv.data[2 * i + 1]);
          } else {
            assertTrue(Float.isNaN(uv.data[2 * i]) && Float.isNaN(uv.data[2 * i + 1]));
          }
        }
      }
    }
    assertEquals(2, t.projectors().size());
    assertEquals(take.scene().projectors().get(1).model(), t.projectors().get(1).model());
    assertEquals(take.scene().projectors().get(1).worldToProjector(), t.projectors().get(1).worldToProjector());
    assertTrue(Files.exists(dir.resolve("cam0/depth.png")) && Files.exists(dir.resolve("cam0/normal.png")));
  }

  @Test
  void depthTruthIsTheProjectionOfTheMesh() throws IOException {
    // Independent of the lookup: the truth depth at the nose tip's pixel is the tip's camera-frame Z.
    TruthWriter.write(dir, take);
    TakeTruth t = TruthReader.read(dir);
    double[] tip = take.subject().noseTipWorld();
    TakeTruth.CameraTruth c = t.camera("cam0").orElseThrow();
    double[] pc = c.worldToCamera().apply(tip);
    double[] px = new double[2];
    assertTrue(c.model().project(pc[0], pc[1], pc[2], px, 0));
    int u = (int) Math.round(px[0]);
    int v = (int) Math.round(px[1]);
    assertEquals(pc[2], c.depth().get(u, v), 3.0, "nose tip depth");
    // Normals are unit and face the camera (n · X < 0).
    double[] ray = new double[3];
    c.model().pixelRay(u, v, ray, 0);
    int i = (v * c.model().width() + u) * 3;
    float[] nv = c.normal().data;
    assertEquals(1, Math.sqrt(nv[i] * nv[i] + nv[i + 1] * nv[i + 1] + nv[i + 2] * nv[i + 2]), 1e-5);
    assertTrue(nv[i] * ray[0] + nv[i + 1] * ray[1] + nv[i + 2] * ray[2] < 0);
  }

  @Test
  void readerRejectsAnotherFormat() throws IOException {
    TruthWriter.write(dir, take);
    Path meta = dir.resolve(TruthWriter.META);
    Files.writeString(meta, Files.readString(meta).replace("\"version\" : 1", "\"version\" : 2"));
    assertThrows(IOException.class, () -> TruthReader.read(dir));
  }

  @Test
  void contactSheetShowsTilesForEachCamera() throws IOException {
    Path png = dir.resolve("sheet.png");
    ContactSheet.write(png, take, List.of("cam0", "cam2"));
    InterleavedU8 sheet = PngImages.readRgbU8(png);
    // 3 SL + left + right + difference + depth + normal = 8 tiles of 120 px with 7 gaps; 2 rows.
    assertEquals(8 * 120 + 7 * 4, sheet.width());
    assertEquals(2 * 160 + 4, sheet.height());
    long sum = 0;
    for (byte b : sheet.data) {
      sum += b & 0xff;
    }
    assertTrue(sum > 0.05 * 255 * sheet.data.length, "the sheet is not black");
  }
}
