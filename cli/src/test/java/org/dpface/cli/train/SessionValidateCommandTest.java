package org.dpface.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.cli.CapturedSession;
import org.dpface.cli.CliRun;
import org.dpface.cli.Dpface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --session} against the dataset route on the same take: a virtual session (virtual-8cam binned
 * 4x4 so that QC finds enough DP windows on the face, camera cam0 only, one take, six lamp steps) captured through
 * the CLI. The dataset route reconstructs it ({@code dpface reconstruct}) and builds a dataset ({@code dpface
 * dataset build}); a tiny StereoDP trained for two steps on synthetic samples is validated on that dataset's
 * samples and on the session (reconstructed and registered in memory): the same samples must give the same
 * metrics, overall and per group. Also: a withdrawn subject and a folder that is not a session are refused.
 */
class SessionValidateCommandTest {
  @TempDir Path dir;

  @Test
  void sessionValidationMatchesTheDatasetRouteAndHonoursWithdrawal() throws Exception {
    Path lab = dir.resolve("lab");
    String session = CapturedSession.capture(lab, 4, "cam0");
    Path sessionDir = lab.resolve("sessions").resolve(session);

    // dataset route: reconstruct to disk, build shards, train a tiny model on them
    Path recon = dir.resolve("recon");
    CliRun rec = CliRun.of("reconstruct", "--take", sessionDir.resolve("takes/take-0001").toString(),
        "--out", recon.resolve(session).resolve("take-0001").toString(), "--voxel", "2");
    assertEquals(0, rec.code(), rec.err() + rec.out());
    Path data = dir.resolve("data");
    CliRun build = CliRun.of("dataset", "build", "--lab", lab.toString(), "--recon", recon.toString(), "--out", data.toString());
    assertEquals(0, build.code(), build.err() + build.out());
    Path tiny = dir.resolve("tiny");
    TinyDataset.write(tiny, 8);
    Path run = dir.resolve("run");
    CliRun train = CliRun.of("train", "--dataset", tiny.toString(), "--model", "stereodp", "--out", run.toString(),
        "--steps", "2", "--crop", "32,32", "--seed", "7");
    assertEquals(Dpface.EXIT_OK, train.code(), train.err() + build.out());
    Path viaData = dir.resolve("via-dataset");
    CliRun vd = CliRun.of("validate", "--model", run.toString(), "--dataset", data.toString(), "--split", "train",
        "--out", viaData.toString(), "--pictures", "1");
    assertEquals(Dpface.EXIT_OK, vd.code(), vd.err());

    // session route: reconstruct and register in memory
    Path viaSession = dir.resolve("via-session");
    CliRun vs = CliRun.of("validate", "--model", run.toString(), "--session", sessionDir.toString(),
        "--voxel", "2", "--out", viaSession.toString(), "--pictures", "1");
    assertEquals(Dpface.EXIT_OK, vs.code(), vs.err() + vs.out());
    assertTrue(vs.out().contains("| stereodp |") && vs.out().contains("| constant |"), vs.out());

    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(viaData.resolve("metrics.json").toFile());
    JsonNode b = json.readTree(viaSession.resolve("metrics.json").toFile());
    assertTrue(a.path("samples").asInt() > 0);
    assertEquals(a.path("samples").asInt(), b.path("samples").asInt());
    assertEquals("session", b.path("split").asText());
    assertEquals(2, b.path("models").size());
    JsonNode ma = a.path("models").get(0);
    JsonNode mb = b.path("models").get(0);
    assertEquals("stereodp", mb.path("name").asText());
    assertSameMetrics(ma.path("overall"), mb.path("overall"), "overall");
    for (String dim : new String[] {"subject", "expression", "distance"}) {
      assertEquals(ma.path("groups").path(dim).size(), mb.path("groups").path(dim).size(), dim);
      for (Iterator<String> it = ma.path("groups").path(dim).fieldNames(); it.hasNext(); ) {
        String g = it.next();
        assertEquals(ma.path("groups").path(dim).path(g).path("samples").asInt(),
            mb.path("groups").path(dim).path(g).path("samples").asInt(), dim + " " + g);
        assertSameMetrics(ma.path("groups").path(dim).path(g).path("metrics"),
            mb.path("groups").path(dim).path(g).path("metrics"), dim + " " + g);
      }
    }
    // the floor comes from the run's own training data (the tiny dataset), not from the session's truth
    assertEquals("constant", b.path("models").get(1).path("name").asText());
    assertEquals(a.path("pictures").get(0).asText(), b.path("pictures").get(0).asText());
    assertTrue(Files.size(viaSession.resolve(b.path("pictures").get(0).asText())) > 100);
    JsonNode ses = json.readTree(viaSession.resolve("session.json").toFile());
    assertEquals(session, ses.path("session").asText());
    assertEquals(b.path("samples").asInt(), ses.path("samples").asInt());
    assertTrue(ses.path("takes").get(0).path("meshVertices").asInt() > 100);

    // consent withdrawn while raw files were left behind (an eraser that failed): the session is refused
    SubjectRegistry.open(lab).withdraw("sub-0001", LocalDate.of(2025, 2, 1), id -> "raw files kept (test)");
    CliRun refused = CliRun.of("validate", "--model", run.toString(), "--session", sessionDir.toString(),
        "--out", dir.resolve("refused").toString());
    assertTrue(refused.code() != 0 && refused.err().contains("withdrawn consent"), refused.err() + refused.out());
    CliRun notSession = CliRun.of("validate", "--model", run.toString(), "--session", lab.toString(),
        "--out", dir.resolve("x").toString());
    assertTrue(notSession.code() != 0 && notSession.err().contains("not a session folder"), notSession.err());
  }

  private static void assertSameMetrics(JsonNode a, JsonNode b, String what) {
    assertTrue(a.size() > 5, what + ": " + a);
    for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = b.path(e.getKey());
      if (e.getValue().isNull()) {
        assertTrue(v.isNull(), what + " " + e.getKey());
      } else {
        assertEquals(e.getValue().asDouble(), v.asDouble(), 1e-9 * Math.max(1, Math.abs(e.getValue().asDouble())),
            what + " " + e.getKey());
      }
    }
  }
}
