package org.dpface.calibration.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.dpface.calibration.camera.CameraCalibration;
import org.dpface.calibration.camera.DistortionModel;
import org.dpface.calibration.camera.SkippedInput;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationJsonTest {
  static final long SEED = 77;

  @TempDir Path dir;

  static RigidTransform randomPose(SplittableRandom r) {
    return RigidTransform.fromRodrigues(
        new double[] {r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1)},
        new double[] {r.nextDouble(-100, 100), r.nextDouble(-100, 100), r.nextDouble(300, 900)});
  }

  static CalibrationFile sample() {
    SplittableRandom r = new SplittableRandom(SEED);
    CameraModel cam = new CameraModel(6000, 4000, 25187.31, 25190.07, 2999.4, 2001.9, -0.012, 0.3, 1e-4, -3e-5, 0.0);
    List<ViewResult> views = List.of(
        new ViewResult("takes/t0/cam0.png", randomPose(r), 0.21, 0.55, 54, false),
        new ViewResult("takes/t1/cam0.png", randomPose(r), 0.93, 2.1, 54, true));
    CameraCalibration cal = new CameraCalibration(cam, DistortionModel.RADIAL3_TANGENTIAL, 0.5,
        new double[9], views, List.of(new SkippedInput("takes/t2/cam0.png", "no 9x6 chessboard found")));
    CalibrationFile single = CalibrationFile.singleCamera(
        "lab-8dp", Instant.parse("2025-03-04T05:06:07.123Z"), "cam0", new ChessboardSpec(9, 6, 25), cal);
    DeviceCalibration proj = new DeviceCalibration("proj0", DeviceCalibration.Kind.PROJECTOR,
        new CameraModel(1920, 1080, 2100, 2100, 959.5, 1200.25), randomPose(r), 0.4, List.of());
    return new CalibrationFile(single.rigId(), single.date(),
        List.of(single.devices().get(0), proj), single.inputs());
  }

  @Test
  void roundTripsExactlyAndCarriesFormatAndVersion() throws IOException {
    CalibrationFile cal = sample();
    Path f = dir.resolve("calibration.json");
    CalibrationJson.write(f, cal);
    CalibrationFile back = CalibrationJson.read(f);
    assertEquals(cal, back);
    JsonNode raw = new ObjectMapper().readTree(Files.readString(f));
    assertEquals("dpface-calibration", raw.get("format").asText());
    assertEquals(1, raw.get("version").asInt());
    assertEquals("lab-8dp", raw.get("rigId").asText());
    assertEquals(3, raw.get("inputs").size(), "two used views and one skipped input");
    assertEquals("no 9x6 chessboard found", back.inputs().get(2).note());
    assertEquals("outlier", back.inputs().get(1).note());
    assertEquals(RigidTransform.identity(), back.device("cam0").rigToDevice(), "camera 0 defines the rig frame");
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "atomic write leaves no temp file");
    }
  }

  @Test
  void rejectsOtherFormatsVersionsAndNamesBadFields() {
    String good = CalibrationJson.toJson(sample());
    assertMessage(good.replace("\"dpface-calibration\"", "\"something-else\""), "format");
    assertMessage(good.replace("\"version\" : 1", "\"version\" : 2"), "version 2");
    assertMessage(good.replaceFirst("\"fx\" : [0-9.]+,", ""), "devices[0].model.fx");
    assertMessage(good.replaceFirst("\"kind\" : \"camera\"", "\"kind\" : \"lamp\""), "kind");
    assertMessage(good.replaceFirst("\"outlier\" : false", "\"outlier\" : \"no\""), "devices[0].views[0].outlier");
    assertMessage("{ not json", "not valid JSON");
  }

  private static void assertMessage(String json, String expected) {
    assertTrue(!json.equals(CalibrationJson.toJson(sample())) || expected.equals("none"), "the edit applied");
    IOException e = assertThrows(IOException.class, () -> CalibrationJson.fromJson(json, "calibration.json"));
    assertTrue(e.getMessage().contains(expected), e.getMessage() + " should contain " + expected);
  }
}
