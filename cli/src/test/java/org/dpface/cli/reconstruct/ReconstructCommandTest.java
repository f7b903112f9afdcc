package org.dpface.cli.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpface.cli.CliRun;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.dpface.rigs.virtual.take.RigBinning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab operator's chain on the virtual rig, binned 8x8 (60x80 cameras, 100x75 projectors) so it stays
 * quick: subject, session, capture of cameras 0-2 (real rendering, truth beside the lab), then {@code dpface reconstruct}
 * of the stored take, scored against the truth.
 */
class ReconstructCommandTest {
  /** Fused mesh vs truth at 60x80 px, true models (measured median 0.05, p95 0.2 mm). */
  static final double FUSED_MEDIAN_MM = 0.3;
  static final double FUSED_P95_MM = 1.5;

  @TempDir Path dir;

  @Test
  void captureThenReconstructAStoredTake() throws Exception {
    Path lab = dir.resolve("lab");
    Files.createDirectories(lab);
    RigDescription rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), 8);
    RigFiles.write(rig, lab.resolve("rig.json"));
    assertEquals(0, CliRun.of("subject", "add", "--lab", lab.toString(), "--form", "v2", "--given", "2025-01-02").code());
    CliRun start = CliRun.of("session", "start", "--lab", lab.toString(), "--subject", "sub-0001", "--rig", rig.id(),
        "--calibration", "nominal", "--operator", "AB", "--takes", "neutral-forward-front");
    assertEquals(0, start.code(), start.err());
    String session = start.out().strip();
    CliRun cap = CliRun.of("capture", "--lab", lab.toString(), "--session", session, "--all", "--link", "IN_PROCESS",
        "--cameras", "cam0,cam1,cam2");
    assertEquals(0, cap.code(), cap.err() + cap.out());
    assertTrue(cap.out().contains("take-0001 COMPLETE"), cap.out());
    Path truth = dir.resolve("truth").resolve(session).resolve("take-0001");
    assertTrue(Files.isRegularFile(truth.resolve("truth.json")) && Files.isRegularFile(truth.resolve("mesh.ply")));
    assertTrue(Files.isRegularFile(lab.resolve("sessions").resolve(session).resolve("sl-sequence.json")));

    Path out = dir.resolve("recon");
    CliRun rec = CliRun.of("reconstruct", "--take", lab.resolve("sessions").resolve(session).resolve("takes/take-0001").toString(),
        "--out", out.toString());
    assertEquals(0, rec.code(), rec.err() + rec.out());
    for (String f : new String[] {"mesh.ply", "points.ply", "qc.json", "pictures/render-cam0.png", "pictures/depth-error-cam0.png"}) {
      assertTrue(Files.size(out.resolve(f)) > 100, f);
    }
    Matcher m = Pattern.compile("fused mesh median ([0-9.]+) mm, p95 ([0-9.]+) mm").matcher(rec.out());
    assertTrue(m.find(), rec.out());
    assertTrue(Double.parseDouble(m.group(1)) < FUSED_MEDIAN_MM, rec.out());
    assertTrue(Double.parseDouble(m.group(2)) < FUSED_P95_MM, rec.out());

    CliRun missing = CliRun.of("reconstruct", "--take", dir.toString(), "--out", out.toString());
    assertTrue(missing.code() != 0 && missing.err().contains("not a take folder"), missing.err());
  }
}
