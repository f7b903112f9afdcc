package org.dpface.dataset.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.core.camera.CameraModel;
import org.dpface.dataset.register.RegistrationConfig;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.shard.ShardReader;
import org.dpface.dataset.store.DatasetConfig;
import org.dpface.dataset.store.DatasetFiles;
import org.dpface.dataset.store.DatasetModel;
import org.dpface.dataset.store.DatasetVerifier;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental {@code dataset build}: a second session added to the lab is registered and written into new
 * shards while the existing shard files stay byte-identical (same SHA-256 and mtime); an unchanged lab
 * registers nothing; a new calibration of one camera re-registers exactly the takes that use it.
 */
class LabBuildTest {
  @TempDir Path root;

  @Test
  void rebuildOnlyProcessesWhatChanged() throws Exception {
    VirtualLabs.write(root, List.of("cam0", "cam1"), 2); // sub-0001: cam0 + cam1
    RigDescription rig = VirtualLabs.rig();
    int[] size = DatasetBuilder.defaultSampleSize(rig);
    RegistrationConfig cfg = RegistrationConfig.defaults(size[0], size[1]);
    DatasetConfig base = DatasetConfig.defaults(new org.dpface.dataset.sample.SampleShape(size[1], size[0], 1), DpAxis.VERTICAL, "test",
        Instant.parse("2025-01-01T00:00:00Z"));
    Path out = root.resolve("dataset");
    List<String> views = new ArrayList<>();
    BuildListener listener = new BuildListener() {
      @Override
      public void viewRegistered(String take, String cam, int index, int count, int passed, int steps) {
        views.add(take + " " + cam);
      }
    };

    LabBuild.Result first = LabBuild.build(inputs(null), cfg, base, out, false, listener);
    assertFalse(first.incremental());
    assertEquals(4, first.index().samples().size(), first.exclusions().toString());
    assertEquals(List.of(VirtualLabs.SESSION + "/take-0001 cam0", VirtualLabs.SESSION + "/take-0001 cam1"), views, "each view registered once");
    assertEquals(List.of(), DatasetVerifier.verify(out));
    Map<String, String[]> before = fingerprints(out);
    String firstSplit = split(out, "sub-0001");

    // a second subject's session, seen by cam1 only
    views.clear();
    String session2 = VirtualLabs.addSession(root, List.of("cam1"), 2);
    LabBuild.Result second = LabBuild.build(inputs(null), cfg, base, out, false, listener);
    assertTrue(second.incremental());
    assertEquals(1, second.takesReused());
    assertEquals(1, second.takesRegistered());
    assertEquals(List.of(session2 + "/take-0001 cam1"), views);
    assertEquals(List.copyOf(before.keySet()), second.update().shardsKept());
    Map<String, String[]> after = fingerprints(out);
    for (Map.Entry<String, String[]> e : before.entrySet()) {
      assertEquals(e.getValue()[0], after.get(e.getKey())[0], e.getKey() + " SHA-256");
      assertEquals(e.getValue()[1], after.get(e.getKey())[1], e.getKey() + " mtime");
    }
    int added = second.update().samplesAdded();
    assertEquals(2, added + (int) second.exclusions().stream().filter(x -> x.subjectId().equals("sub-0002")).count());
    assertTrue(added > 0, "new samples present: " + second.exclusions());
    assertEquals(4 + added, second.index().samples().size());
    assertTrue(second.index().samples().stream().anyMatch(s -> s.sessionId().equals(session2)));
    assertEquals(List.of(), DatasetVerifier.verify(out));
    assertEquals(firstSplit, split(out, "sub-0001"), "existing subject keeps its split");
    DatasetModel.Manifest m = DatasetFiles.read(out.resolve(DatasetFiles.MANIFEST), DatasetModel.Manifest.class);
    assertEquals(2, m.takes().size());

    // nothing changed: nothing registered, nothing rewritten
    views.clear();
    Map<String, String[]> stable = fingerprints(out);
    LabBuild.Result third = LabBuild.build(inputs(null), cfg, base, out, false, listener);
    assertEquals(0, third.takesRegistered());
    assertEquals(List.of(), views);
    assertEquals(stable.keySet(), fingerprints(out).keySet());
    Map<String, String[]> now = fingerprints(out);
    stable.forEach((f, v) -> assertEquals(v[1], now.get(f)[1], f));

    // a calibration that moves cam0's principal point: only sub-0001's take (cam0 + cam1) is registered again
    views.clear();
    CameraSpec cam0 = rig.cameras().stream().filter(c -> c.id().equals("cam0")).findFirst().orElseThrow();
    CameraModel n = cam0.nominalModel();
    CameraModel moved = new CameraModel(n.width(), n.height(), n.fx(), n.fy(), n.cx() + 0.5, n.cy(), n.distortion());
    Path calibration = root.resolve("calibration.json");
    CalibrationJson.write(calibration, new CalibrationFile(rig.id(), Instant.parse("2025-02-01T00:00:00Z"),
        List.of(new DeviceCalibration("cam0", DeviceCalibration.Kind.CAMERA, moved, cam0.worldToCamera(), 0.1, List.of())), List.of()));
    Map<String, String[]> beforeCal = fingerprints(out);
    String shardOfSession2 = second.index().samples().stream().filter(s -> s.sessionId().equals(session2)).findFirst().orElseThrow().shard();
    LabBuild.Result fourth = LabBuild.build(inputs(calibration), cfg, base, out, false, listener);
    assertEquals(1, fourth.takesRegistered());
    assertEquals(List.of(VirtualLabs.SESSION + "/take-0001 cam0", VirtualLabs.SESSION + "/take-0001 cam1"), views);
    assertEquals(beforeCal.get(shardOfSession2)[0], fingerprints(out).get(shardOfSession2)[0], "shard of the unaffected take");
    assertEquals(beforeCal.get(shardOfSession2)[1], fingerprints(out).get(shardOfSession2)[1]);
    assertEquals(List.of(), DatasetVerifier.verify(out));
    DatasetModel.IndexEntry e = fourth.index().samples().stream().filter(s -> s.cameraId().equals("cam0")).findFirst().orElseThrow();
    try (ShardReader r = new ShardReader(out.resolve(e.shard()))) {
      Sample s = r.read(e.row());
      double cropX0 = fourth.registered().samples().stream().filter(p -> p.sampleId().equals(e.sampleId())).findFirst().orElseThrow().cropX0();
      assertEquals(moved.cx() - cropX0, s.k()[2], 1e-3, "K from the new calibration");
    }

    // a consent withdrawal from the dataset survives an incremental rebuild from a lab that still holds the takes
    org.dpface.dataset.store.Withdrawal.withdraw(out, "sub-0002", Instant.parse("2025-03-01T00:00:00Z"));
    views.clear();
    LabBuild.Result afterWithdrawal = LabBuild.build(inputs(calibration), cfg, base, out, false, listener);
    assertEquals(List.of(), views, "a withdrawn subject's takes are not registered");
    assertTrue(afterWithdrawal.index().samples().stream().noneMatch(s -> s.subjectId().equals("sub-0002")));
    assertEquals(List.of(), DatasetVerifier.verify(out));
    try (var files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("sub-0002"), f + " names the withdrawn subject");
      }
    }

    // --full: everything registered again, splits drawn afresh, same sample set
    views.clear();
    LabBuild.Result full = LabBuild.build(inputs(calibration), cfg, base, out, true, listener);
    assertFalse(full.incremental());
    assertEquals(1, full.takesRegistered(), "the withdrawn subject stays out on a full rebuild too");
    assertEquals(afterWithdrawal.index().samples().size(), full.index().samples().size());
    assertNotEquals(0, views.size());
    assertEquals(List.of(), DatasetVerifier.verify(out));

    // verify checks the take records against the index
    String dropped = full.index().samples().get(0).sampleId();
    Path manifest = out.resolve(DatasetFiles.MANIFEST);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var tree = json.readTree(manifest.toFile());
    for (var take : tree.get("takes")) {
      var ids = (com.fasterxml.jackson.databind.node.ArrayNode) take.get("samples");
      for (int i = ids.size() - 1; i >= 0; i--) {
        if (ids.get(i).asText().equals(dropped)) {
          ids.remove(i);
        }
      }
    }
    json.writeValue(manifest.toFile(), tree);
    assertTrue(DatasetVerifier.verify(out).stream().anyMatch(p -> p.describe().contains(dropped + " of index.json is in no take record")),
        DatasetVerifier.verify(out).toString());
  }

  private DatasetBuilder.Inputs inputs(Path calibration) {
    return new DatasetBuilder.Inputs(root.resolve("lab"), root.resolve("recon"), calibration, null);
  }

  /** shard file → {SHA-256, mtime}. */
  private static Map<String, String[]> fingerprints(Path dataset) throws Exception {
    Map<String, String[]> out = new TreeMap<>();
    try (var files = Files.list(dataset.resolve(DatasetFiles.SHARDS_DIR))) {
      for (Path f : files.toList()) {
        FileTime t = Files.getLastModifiedTime(f);
        out.put(DatasetFiles.SHARDS_DIR + "/" + f.getFileName(), new String[] {DatasetFiles.sha256(f), t.toString()});
      }
    }
    return out;
  }

  private static String split(Path dataset, String subject) throws Exception {
    for (String s : List.of("train", "val", "test")) {
      if (DatasetFiles.read(dataset.resolve(DatasetFiles.splitFile(s)), DatasetModel.SplitFile.class).subjects().contains(subject)) {
        return s;
      }
    }
    return null;
  }
}
