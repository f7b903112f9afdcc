package org.dpface.cli.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpface.cli.CapturedSession;
import org.dpface.cli.CliRun;
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

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void captureThenReconstructAStoredTake() throws Exception {
    Path lab = dir.resolve("lab");
    String session = CapturedSession.capture(lab, 8, "cam0,cam1,cam2");
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

    // the take recorded the virtual cameras' 14-bit depth, so no --sensor-bits is needed: the same mesh as with the flag
    Path takeDir = lab.resolve("sessions").resolve(session).resolve("takes/take-0001");
    ObjectNode takeJson = (ObjectNode) JSON.readTree(takeDir.resolve("take.json").toFile());
    assertEquals(14, takeJson.path("sensorBits").path("cam0").asInt(), takeJson.toString());
    Path flagged = dir.resolve("recon-flag");
    CliRun withFlag = CliRun.of("reconstruct", "--take", takeDir.toString(), "--out", flagged.toString(), "--sensor-bits", "14");
    assertEquals(0, withFlag.code(), withFlag.err() + withFlag.out());
    assertArrayEquals(Files.readAllBytes(out.resolve("mesh.ply")), Files.readAllBytes(flagged.resolve("mesh.ply")));
    assertEquals(qcWithoutTimings(out), qcWithoutTimings(flagged));
    // a wrong flag overrides (warned), and changes the decoder's thresholds
    CliRun wrong = CliRun.of("reconstruct", "--take", takeDir.toString(), "--out", dir.resolve("recon-16").toString(), "--sensor-bits", "16");
    assertEquals(0, wrong.code(), wrong.err() + wrong.out());
    assertTrue(wrong.err().contains("--sensor-bits 16 overrides the 14 bits"), wrong.err());
    assertFalse(qcWithoutTimings(out).equals(qcWithoutTimings(dir.resolve("recon-16"))));
    // a take stored before the depth was recorded: a clear error without the flag, the same result with it
    takeJson.remove("sensorBits");
    Files.write(takeDir.resolve("take.json"), JSON.writeValueAsBytes(takeJson));
    CliRun old = CliRun.of("reconstruct", "--take", takeDir.toString(), "--out", dir.resolve("recon-old").toString());
    assertTrue(old.code() != 0 && old.err().contains("records no sensor bit depth") && old.err().contains("--sensor-bits N"), old.err());
    CliRun oldFlag = CliRun.of("reconstruct", "--take", takeDir.toString(), "--out", dir.resolve("recon-old").toString(),
        "--sensor-bits", "14");
    assertEquals(0, oldFlag.code(), oldFlag.err() + oldFlag.out());
    assertArrayEquals(Files.readAllBytes(out.resolve("mesh.ply")), Files.readAllBytes(dir.resolve("recon-old").resolve("mesh.ply")));

    CliRun missing = CliRun.of("reconstruct", "--take", dir.toString(), "--out", out.toString());
    assertTrue(missing.code() != 0 && missing.err().contains("not a take folder"), missing.err());
  }

  /** The QC report of a reconstruction folder less its wall-clock timings. */
  private static JsonNode qcWithoutTimings(Path recon) throws java.io.IOException {
    ObjectNode qc = (ObjectNode) JSON.readTree(recon.resolve("qc.json").toFile());
    assertTrue(qc.remove("timingsMs") != null, qc.toString());
    return qc;
  }
}
