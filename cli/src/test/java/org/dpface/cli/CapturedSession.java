package org.dpface.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.dpface.rigs.virtual.take.RigBinning;

/**
 * A lab with one virtual session captured through the CLI as an operator would: the virtual-8cam rig binned
 * {@code binning}x{@code binning} written as the lab's {@code rig.json}, subject {@code sub-0001} added, a session of
 * one {@code neutral-forward-front} take started and captured in process with {@code cameras} (truth beside the lab).
 */
public final class CapturedSession {
  private CapturedSession() {}

  /** Captures the session under {@code lab} (created); its id. */
  public static String capture(Path lab, int binning, String cameras) throws Exception {
    Files.createDirectories(lab);
    RigDescription rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), binning);
    RigFiles.write(rig, lab.resolve("rig.json"));
    assertEquals(0, CliRun.of("subject", "add", "--lab", lab.toString(), "--form", "v2", "--given", "2025-01-02").code());
    CliRun start = CliRun.of("session", "start", "--lab", lab.toString(), "--subject", "sub-0001", "--rig", rig.id(),
        "--calibration", "nominal", "--operator", "AB", "--takes", "neutral-forward-front");
    assertEquals(0, start.code(), start.err());
    String session = start.out().strip();
    CliRun cap = CliRun.of("capture", "--lab", lab.toString(), "--session", session, "--all", "--link", "IN_PROCESS",
        "--cameras", cameras);
    assertEquals(0, cap.code(), cap.err() + cap.out());
    assertTrue(cap.out().contains("take-0001 COMPLETE"), cap.out());
    return session;
  }
}
