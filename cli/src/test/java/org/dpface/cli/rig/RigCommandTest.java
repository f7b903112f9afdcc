package org.dpface.cli.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.cli.CliRun;
import org.dpface.cli.Dpface;
import org.dpface.rigs.BundledRigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dpface rig ...} as a user types it. */
class RigCommandTest {
  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void listShowsEveryBundledRig() {
    CliRun r = run("rig", "list");
    assertEquals(0, r.code(), r.err());
    for (String id : BundledRigs.ids()) {
      assertTrue(r.out().contains(id), r.out());
    }
  }

  @Test
  void showByIdAndByFile() throws Exception {
    CliRun r = run("rig", "show", "virtual-8cam");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("cam7") && r.out().contains("proj1") && r.out().contains("light5"), r.out());
    Path f = dir.resolve("lab.json");
    Files.writeString(f, BundledRigs.text("lab-template"));
    CliRun r2 = run("rig", "show", f.toString());
    assertEquals(0, r2.code(), r2.err());
    assertTrue(r2.out().contains("/dev/ttyACM0"), r2.out());
  }

  @Test
  void showUnknownIsAOneLineFailure() {
    CliRun r = run("rig", "show", "no-such-rig");
    assertEquals(Dpface.EXIT_FAILURE, r.code());
    assertTrue(r.err().startsWith("dpface: ") && r.err().contains("virtual-8cam"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void validateAcceptsBundledTemplateAndListsEveryProblemOfABadFile() throws Exception {
    Path good = dir.resolve("good.json");
    Files.writeString(good, BundledRigs.text("lab-template"));
    assertEquals(0, run("rig", "validate", good.toString()).code());

    String bad = BundledRigs.text("virtual-8cam")
        .replaceFirst("\"width\":\\s*480", "\"width\": -5")
        .replaceFirst("\"fNumber\":\\s*5\\.6", "\"fNumber\": 0");
    Path badFile = dir.resolve("bad.json");
    Files.writeString(badFile, bad);
    CliRun r = run("rig", "validate", badFile.toString());
    assertEquals(Dpface.EXIT_FAILURE, r.code());
    assertTrue(r.err().contains("bad.json: $.cameras[0].resolution.width"), r.err());
    assertTrue(r.err().contains("fNumber"), r.err());
    assertTrue(r.err().contains("2 problem(s)"), r.err());
  }

  @Test
  void validateMissingFileFails() {
    CliRun r = run("rig", "validate", dir.resolve("nope.json").toString());
    assertEquals(Dpface.EXIT_FAILURE, r.code());
    assertTrue(r.err().contains("no such file"), r.err());
  }
}
