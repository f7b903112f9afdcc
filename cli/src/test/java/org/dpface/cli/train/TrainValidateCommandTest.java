package org.dpface.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.cli.CliRun;
import org.dpface.cli.Dpface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainValidateCommandTest {
  @TempDir
  Path dir;

  @Test
  void trainThenValidateBeatsTheConstantFloor() throws Exception {
    Path data = dir.resolve("data");
    TinyDataset.write(data, 24);
    Path run = dir.resolve("run");
    CliRun t = CliRun.of("train", "--dataset", data.toString(), "--model", "stereodp", "--out",
        run.toString(), "--steps", "30", "--crop", "32,32", "--seed", "7");
    assertEquals(Dpface.EXIT_OK, t.code(), t.err());
    assertTrue(Files.exists(run.resolve("run.json")) && Files.exists(run.resolve("curve.png")));
    assertTrue(t.out().contains("s/step"), t.out());

    Path out = dir.resolve("val");
    CliRun v = CliRun.of("validate", "--model", run.toString(), "--dataset", data.toString(),
        "--split", "val", "--out", out.toString(), "--pictures", "2");
    assertEquals(Dpface.EXIT_OK, v.code(), v.err());
    assertTrue(v.out().contains("| stereodp |") && v.out().contains("| constant |"), v.out());
    JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals("dpface-validation", json.path("format").asText());
    assertEquals(1, json.path("version").asInt());
    JsonNode stereo = json.path("models").get(0);
    JsonNode constant = json.path("models").get(1);
    assertEquals("stereodp", stereo.path("name").asText());
    assertEquals("constant", constant.path("name").asText());
    double s = stereo.path("overall").path("dispMae").asDouble();
    double c = constant.path("overall").path("dispMae").asDouble();
    assertTrue(s < c, "StereoDP disparity MAE " + s + " vs constant " + c);
    assertTrue(stereo.path("overall").path("absDiff").asDouble()
        < constant.path("overall").path("absDiff").asDouble());
    assertTrue(stereo.path("groups").has("subject") && stereo.path("groups").has("distance"));
    assertEquals(2, json.path("pictures").size());
    assertTrue(Files.exists(out.resolve(json.path("pictures").get(0).asText())));

    CliRun bad = CliRun.of("train", "--dataset", data.toString(), "--model", "nope", "--out", run.toString());
    assertEquals(Dpface.EXIT_USAGE, bad.code());
  }
}
