package org.dpface.calibration.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.FileNode;
import org.bytedeco.opencv.opencv_core.FileStorage;
import org.dpface.core.camera.CameraModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DP coefficients in calibration.json (optional, version 1 kept) and in the OpenCV YAML (dp_a, dp_b). */
class DpCoefficientsIoTest {
  private static final DpCoefficients DP = new DpCoefficients(-26996.5, 32.98, 0.0213, 812);

  @TempDir Path dir;

  @Test
  void calibrationJsonRoundTripsDpCoefficientsAndReadsFilesWithout() throws IOException {
    CalibrationFile plain = CalibrationJsonTest.sample();
    CalibrationFile withDp = plain.withDpCoefficients("cam0", DP);
    Path f = dir.resolve("calibration.json");
    CalibrationJson.write(f, withDp);
    CalibrationFile back = CalibrationJson.read(f);
    assertEquals(withDp, back);
    assertEquals(Optional.of(DP), back.device("cam0").dp());
    assertFalse(back.device("proj0").dp().isPresent());
    JsonNode raw = new ObjectMapper().readTree(Files.readString(f));
    assertEquals(1, raw.get("version").asInt(), "optional field: still version 1");
    assertEquals(DP.a(), raw.get("devices").get(0).get("dpCoefficients").get("a").asDouble());
    // a file written before DP calibration (no dpCoefficients key) reads unchanged
    String old = CalibrationJson.toJson(plain);
    assertFalse(old.contains("dpCoefficients"));
    assertEquals(plain, CalibrationJson.fromJson(old, "old.json"));
  }

  @Test
  void malformedDpCoefficientsAreNamedAndProjectorsHaveNone() {
    String json = CalibrationJson.toJson(CalibrationJsonTest.sample().withDpCoefficients("cam0", DP));
    IOException e = assertThrows(IOException.class,
        () -> CalibrationJson.fromJson(json.replaceFirst("\"b\" : [0-9.]+", "\"b\" : \"x\""), "c.json"));
    assertTrue(e.getMessage().contains("devices[0].dpCoefficients.b"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> CalibrationJsonTest.sample().withDpCoefficients("proj0", DP));
  }

  @Test
  void openCvYamlCarriesDpAAndDpB() throws IOException {
    CameraModel cam = new CameraModel(240, 320, 700.5, 700.25, 119.5, 159.5, -0.1, 0.02, 0, 0, 0);
    Path f = dir.resolve("cam0.yml");
    OpenCvYaml.write(f, cam, 0.05, DP);
    try (FileStorage fs = new FileStorage(f.toString(), FileStorage.READ);
        FileNode a = fs.get("dp_a");
        FileNode b = fs.get("dp_b")) {
      assertEquals(DP.a(), a.asDouble());
      assertEquals(DP.b(), b.asDouble());
    }
    String text = Files.readString(f);
    assertEquals(Optional.of(DP), OpenCvYaml.readDpCoefficients(text, "cam0.yml"));
    assertEquals(cam, OpenCvYaml.fromString(text, "cam0.yml"));
    assertEquals(Optional.empty(), OpenCvYaml.readDpCoefficients(OpenCvYaml.toYaml(cam, 0.05), "plain.yml"));
  }
}
