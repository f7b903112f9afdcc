package org.dpface.rigs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RigFilesTest {
  @Test
  void writeThenReadGivesTheSameDescription(@TempDir Path dir) throws IOException {
    RigDescription rig = RigFiles.parse("rig.json", TestRigs.validText());
    Path file = dir.resolve("sub/dir/rig.json");
    RigFiles.write(rig, file);
    assertEquals(rig, RigFiles.read(file));
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("{\n  \"format\": \"dpface-rig\",\n  \"version\": 1,\n"), text);
    assertTrue(text.contains("\"resolution\": {\"width\": 480, \"height\": 640}"), text);
    // A matrix rotation is written back in the canonical Rodrigues form.
    assertTrue(text.contains("\"rodrigues\": [0.0, -1.5707963267948966, 0.0]"), text);
    // Overwriting replaces the file.
    RigDescription bundled = RigFiles.readBundled("virtual-8cam");
    RigFiles.write(bundled, file);
    assertEquals(bundled, RigFiles.read(file));
    try (var files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void writingAnInvalidDescriptionThrowsAndLeavesTheTargetUntouched(@TempDir Path dir) throws IOException {
    RigDescription rig = RigFiles.parse("rig.json", TestRigs.validText());
    Path file = dir.resolve("rig.json");
    RigFiles.write(rig, file);
    String before = Files.readString(file);
    List<CameraSpec> cams = new ArrayList<>(rig.cameras());
    CameraSpec c = cams.get(1);
    cams.set(1, new CameraSpec("cam0", c.model(), new Resolution(-5, 480), c.pixelPitchUm(), c.lens(),
        c.dualPixel(), c.intrinsics(), c.driver(), c.cameraToWorld()));
    RigDescription bad = new RigDescription(rig.id(), rig.description(), rig.worldFrame(), cams,
        rig.projectors(), rig.lights(), rig.triggerBoard(), rig.nominalGeometry());
    RigValidationException e = assertThrows(RigValidationException.class, () -> RigFiles.write(bad, file));
    assertEquals(List.of(
            "rig test-rig: $.cameras[1].resolution.width: expected an integer > 0, found -5",
            "rig test-rig: $.cameras[1].id: expected an id unique across cameras, projectors and lights, found"
                + " \"cam0\" (already used by the camera at $.cameras[0].id)",
            // cam1 is gone, so its two channels now point at nothing.
            "rig test-rig: $.triggerBoard.channels[1].target: expected the id of a camera, projector or light"
                + " of this rig, found \"cam1\"",
            "rig test-rig: $.triggerBoard.channels[2].target: expected the id of a camera, projector or light"
                + " of this rig, found \"cam1\""),
        e.problems().stream().map(RigProblem::message).toList());
    assertEquals(e.problems(), RigFiles.validate(bad));
    assertEquals(before, Files.readString(file));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void checkListsProblemsOfAFileAndReadThrowsThem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rig.json");
    Files.writeString(file, TestRigs.set(TestRigs.validText(), "/cameras/1/resolution/width", "-5"));
    List<RigProblem> problems = RigFiles.check(file);
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).message().startsWith(
        file + ": $.cameras[1].resolution.width: expected an integer > 0, found -5 (line "), problems.toString());
    RigValidationException e = assertThrows(RigValidationException.class, () -> RigFiles.read(file));
    assertEquals(problems, e.problems());
    assertTrue(e.getMessage().startsWith(file + ": invalid rig description, 1 problem:"), e.getMessage());
    Files.writeString(file, TestRigs.validText());
    assertEquals(List.of(), RigFiles.check(file));
    assertThrows(NoSuchFileException.class, () -> RigFiles.check(dir.resolve("missing.json")));
  }

  @Test
  void aCopiedLabTemplateReadsWithItsComments(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("my-lab.json");
    Files.writeString(file, BundledRigs.text("lab-template"));
    assertEquals(RigFiles.readBundled("lab-template"), RigFiles.read(file));
  }
}
