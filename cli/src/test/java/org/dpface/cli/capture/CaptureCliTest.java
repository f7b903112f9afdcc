package org.dpface.cli.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.dpface.cli.CliRun;
import org.dpface.cli.Dpface;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.dpface.rigs.virtual.take.RigBinning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dpface subject|session|capture|rig status} as a lab operator types them, on the virtual rig. */
class CaptureCliTest {
  @TempDir Path dir;

  @Test
  void subjectSessionCaptureStatusWithdraw() throws Exception {
    String lab = dir.resolve("lab").toString();
    // the virtual rig binned 8x8 (60x80 cameras) as the lab's own rig file: real rendering stays quick
    RigDescription rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), 8);
    Files.createDirectories(dir.resolve("lab"));
    RigFiles.write(rig, dir.resolve("lab/rig.json"));
    int steps = VirtualSubjects.structuredLightFrames(rig) + rig.lights().size();
    CliRun add = CliRun.of("subject", "add", "--lab", lab, "--form", "v2", "--given", "2025-01-02");
    assertEquals(0, add.code(), add.err());
    assertEquals("sub-0001", add.out().strip());
    CliRun list = CliRun.of("subject", "list", "--lab", lab);
    assertTrue(list.out().contains("sub-0001") && list.out().contains("capture,dataset"), list.out());

    CliRun start = CliRun.of("session", "start", "--lab", lab, "--subject", "sub-0001", "--calibration", "cal-1",
        "--operator", "AB", "--rig", rig.id(), "--takes", "neutral-forward-left,yawning-backward-up");
    assertEquals(0, start.code(), start.err());
    String session = start.out().strip();
    assertEquals("sub-0001-ses-01", session);

    CliRun one = CliRun.of("capture", "--lab", lab, "--session", session, "--take", "yawning-backward-up",
        "--cameras", "cam0,cam3", "--link", "IN_PROCESS");
    assertEquals(0, one.code(), one.err() + one.out());
    assertTrue(one.out().contains("take 1/1 take-0002 yawning-backward-up"), one.out());
    assertTrue(one.out().contains("frames " + 2 * steps + "/" + 2 * steps) && one.out().contains("take-0002 COMPLETE"),
        one.out());
    assertTrue(one.out().contains("takes/min"), one.out());
    Path take = dir.resolve("lab/sessions").resolve(session).resolve("takes/take-0002");
    try (Stream<Path> files = Files.list(take)) {
      assertEquals(2 * steps * 3 + 1, files.count());
    }
    assertTrue(Files.isRegularFile(dir.resolve("truth").resolve(session).resolve("take-0002/truth.json")),
        "truth written beside the lab");

    CliRun all = CliRun.of("capture", "--lab", lab, "--session", session, "--all", "--cameras", "cam0,cam3");
    assertEquals(0, all.code(), all.err() + all.out());
    assertTrue(all.out().contains("take-0001 COMPLETE") && all.out().contains("1 already complete"), all.out());

    CliRun status = CliRun.of("session", "status", "--lab", lab, "--session", session);
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().contains("2 of 2 takes complete - session done"), status.out());

    CliRun odd = CliRun.of("session", "start", "--lab", lab, "--subject", "sub-0001", "--calibration", "cal-1",
        "--operator", "AB", "--rig", rig.id(), "--sl-frames", "2", "--takes", "neutral-forward-front");
    assertEquals(0, odd.code(), odd.err());
    CliRun bad = CliRun.of("capture", "--lab", lab, "--session", odd.out().strip(), "--all", "--link", "IN_PROCESS");
    assertTrue(bad.code() != 0 && bad.err().contains("without --sl-frames"), bad.err());

    CliRun withdraw = CliRun.of("subject", "withdraw", "sub-0001", "--lab", lab);
    assertEquals(0, withdraw.code(), withdraw.err());
    assertFalse(Files.exists(dir.resolve("lab/sessions").resolve(session)), "raw data deleted");
    CliRun refused = CliRun.of("session", "start", "--lab", lab, "--subject", "sub-0001", "--calibration", "cal-1",
        "--operator", "AB");
    assertEquals(Dpface.EXIT_FAILURE, refused.code());
    assertTrue(refused.err().contains("sub-0001") && refused.err().contains("withdr"), refused.err());
  }

  @Test
  void rigStatusShowsEveryVirtualDeviceAndAnUnreachableSerialBoard() throws Exception {
    CliRun v = CliRun.of("rig", "status", "--rig", "virtual-8cam");
    assertEquals(0, v.code(), v.err() + v.out());
    for (String id : new String[] {"trigger-board", "cam7", "proj1", "light5"}) {
      assertTrue(v.out().contains(id), v.out());
    }
    assertTrue(v.out().contains("17 devices, all healthy"), v.out());

    Path lab = dir.resolve("lab.json");
    Files.writeString(lab, BundledRigs.text("lab-template").replace("/dev/ttyACM0", dir.resolve("no-tty").toString()));
    CliRun s = CliRun.of("rig", "status", "--rig", lab.toString());
    assertEquals(Dpface.EXIT_FAILURE, s.code(), s.out());
    assertTrue(s.out().contains("trigger-board") && s.out().contains("OFFLINE") && s.out().contains("no-tty"), s.out());
  }
}
