package org.dpface.cli.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.OpenCvYaml;
import org.dpface.calibration.target.BoardSpecs;
import org.dpface.calibration.target.CharucoRenderer;
import org.dpface.calibration.target.CharucoSpec;
import org.dpface.cli.CliRun;
import org.dpface.cli.Dpface;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.PngImages;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.RigBinning;
import org.dpface.rigs.virtual.targets.BoardPoses;
import org.dpface.rigs.virtual.targets.BoardSpec;
import org.dpface.rigs.virtual.targets.TargetRenderConfig;
import org.dpface.rigs.virtual.targets.TargetRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dpface calibrate camera} as a user types it: OpenCV's left stereo samples and virtual-rig renders. */
class CalibrateCameraCommandTest {
  /** OpenCV's published left_intrinsics.yml focal length (px) and RMS. */
  private static final double PUBLISHED_F = 535.916;
  /** Measured with the defaults (calibration README): fx −0.36 %, RMS 0.245 px. */
  private static final double SAMPLES_F_REL_TOL = 0.01;
  private static final double SAMPLES_RMS_MAX_PX = 0.4;
  /** Synthetic renders: focal error vs the rig truth and RMS bounds. */
  private static final double SYNTHETIC_F_REL_TOL = 0.005;
  private static final double SYNTHETIC_RMS_MAX_PX = 0.15;

  @TempDir Path dir;

  /** {@code dpface.shared.data}, else {@code <repo>/../shared/data}, else {@code /work/shared/data}. */
  private static Optional<Path> sharedData(String relative) {
    Path module = Paths.get("").toAbsolutePath();
    String prop = System.getProperty("dpface.shared.data");
    return Stream.of(prop == null ? null : Paths.get(prop),
            module.getParent() == null ? null : module.getParent().resolve("../shared/data").normalize(),
            Paths.get("/work/shared/data"))
        .filter(r -> r != null && Files.isDirectory(r.resolve(relative)))
        .map(r -> r.resolve(relative))
        .findFirst();
  }

  @Test
  void calibratesOpenCvLeftSamples() throws Exception {
    Optional<Path> samples = sharedData("calibration/opencv-stereo-samples");
    assumeTrue(samples.isPresent(), "shared data calibration/opencv-stereo-samples absent "
        + "(set -Ddpface.shared.data=DIR); skipping the real-image CLI test");
    Path images = Files.createDirectories(dir.resolve("left"));
    try (Stream<Path> s = Files.list(samples.get())) {
      for (Path p : s.filter(p -> p.getFileName().toString().matches("left\\d+\\.jpg")).toList()) {
        Files.copy(p, images.resolve(p.getFileName()));
      }
    }
    Path out = dir.resolve("out");
    CliRun r = CliRun.of("calibrate", "camera", "--images", images.toString(), "--board", "chessboard:9x6:25",
        "--out", out.toString(), "--id", "left");
    assertEquals(Dpface.EXIT_OK, r.code(), r.err());
    assertTrue(r.out().contains("13 of 13 pictures used"), r.out());
    CalibrationFile cal = CalibrationJson.read(out.resolve("calibration.json"));
    CameraModel m = cal.device("left").model();
    assertEquals(640, m.width());
    assertEquals(PUBLISHED_F, m.fx(), SAMPLES_F_REL_TOL * PUBLISHED_F, "fx");
    assertEquals(PUBLISHED_F, m.fy(), SAMPLES_F_REL_TOL * PUBLISHED_F, "fy");
    assertTrue(cal.device("left").rmsPx() < SAMPLES_RMS_MAX_PX, "RMS " + cal.device("left").rmsPx());
    assertEquals(m, OpenCvYaml.read(out.resolve("left.yml")));
    JsonNode report = new ObjectMapper().readTree(out.resolve("residuals.json").toFile());
    assertEquals("dpface-calibration-residuals", report.get("format").asText());
    assertEquals(1, report.get("version").asInt());
    assertEquals(13, report.get("views").size());
    assertTrue(Files.size(out.resolve("corners.png")) > 10_000);
  }

  @Test
  void calibratesVirtualRigRendersWrittenAs16BitPng() throws Exception {
    RigDescription rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), 2);
    BoardSpec board = BoardSpec.chessboard(6, 9, 25);
    List<RigidTransform> poses = BoardPoses.generate(rig, board, BoardPoses.Config.defaults(12), 5);
    Path images = Files.createDirectories(dir.resolve("cam0"));
    try (TargetRenderer r = new TargetRenderer(rig, board, TargetRenderConfig.defaults().withSeed(9))) {
      for (int p = 0; p < poses.size(); p++) {
        GrayU16 img = new GrayU16(1, 1);
        r.renderFlat(p, poses.get(p), 0, img);
        PngImages.write(images.resolve(String.format("pose%02d.png", p)), img);
      }
    }
    Files.writeString(images.resolve("notes.txt"), "not a picture");
    Path out = dir.resolve("out");
    CliRun r = CliRun.of("calibrate", "camera", "--images", images.toString(), "--board", "chessboard:6x9:25",
        "--out", out.toString(), "--distortion", "RADIAL2_TANGENTIAL");
    assertEquals(Dpface.EXIT_OK, r.code(), r.err());
    CameraModel truth = rig.cameras().get(0).nominalModel();
    CalibrationFile cal = CalibrationJson.read(out.resolve("calibration.json"));
    CameraModel m = cal.device("cam0").model();
    assertEquals(truth.fx(), m.fx(), SYNTHETIC_F_REL_TOL * truth.fx(), "fx; " + r.out());
    assertEquals(truth.fy(), m.fy(), SYNTHETIC_F_REL_TOL * truth.fy(), "fy; " + r.out());
    assertTrue(cal.device("cam0").rmsPx() < SYNTHETIC_RMS_MAX_PX, r.out());
    assertTrue(Files.exists(out.resolve("cam0.yml")) && Files.exists(out.resolve("corners.png")));
  }

  @Test
  void calibratesCharucoPicturesWithOccludedBoards() throws Exception {
    CameraModel truth = CameraModel.pinhole(640, 480, 700.0, 322.0, 238.0);
    CharucoSpec board = (CharucoSpec) BoardSpecs.parse("charuco:7x5:30:22:DICT_5X5_100");
    Path images = Files.createDirectories(dir.resolve("charuco"));
    double[][] tilts = {{0.35, 0, 0.1}, {-0.35, 0.1, -0.2}, {0, 0.4, 0.3}, {0.1, -0.4, 0}, {0.3, 0.3, -0.1},
        {-0.3, -0.3, 0.2}, {0.45, -0.1, 0.05}, {-0.1, 0.45, -0.3}};
    try (CharucoRenderer renderer = new CharucoRenderer(truth, board)) {
      for (int v = 0; v < tilts.length; v++) {
        RigidTransform rot = RigidTransform.fromRodrigues(tilts[v], new double[3]);
        double[] c = rot.apply(new double[] {75, 45, 0});
        double z = 430 + 25 * v;
        RigidTransform pose = RigidTransform.of(rot.rotation(),
            new double[] {(v % 3 - 1) * 30 - c[0], (v % 2 - 0.5) * 40 - c[1], z - c[2]});
        int[] occluder = v % 2 == 1 ? new int[] {0, 0, 290, 480} : null; // left part of the frame
        PngImages.write(images.resolve(String.format("view%02d.png", v)),
            renderer.render(pose, 0.6, 2.0, 40 + v, occluder));
      }
    }
    Path out = dir.resolve("out");
    CliRun r = CliRun.of("calibrate", "camera", "--images", images.toString(), "--board",
        "charuco:7x5:30:22:DICT_5X5_100", "--out", out.toString(), "--distortion", "RADIAL2_TANGENTIAL");
    assertEquals(Dpface.EXIT_OK, r.code(), r.err());
    System.out.print(r.out());
    assertTrue(r.out().contains("8 of 8 pictures used"), r.out());
    CalibrationFile cal = CalibrationJson.read(out.resolve("calibration.json"));
    CameraModel m = cal.device("cam0").model();
    assertEquals(truth.fx(), m.fx(), SYNTHETIC_F_REL_TOL * truth.fx(), "fx; " + r.out());
    assertEquals(truth.fy(), m.fy(), SYNTHETIC_F_REL_TOL * truth.fy(), "fy; " + r.out());
    assertTrue(cal.device("cam0").rmsPx() < SYNTHETIC_RMS_MAX_PX, r.out());
    assertEquals(m, OpenCvYaml.read(out.resolve("cam0.yml")));
    JsonNode report = new ObjectMapper().readTree(out.resolve("residuals.json").toFile());
    assertEquals("charuco:7x5:30:22:DICT_5X5_100", report.get("board").asText());
    int full = 0;
    int partial = 0;
    for (JsonNode v : report.get("views")) {
      if (v.get("corners").asInt() == board.pointCount()) {
        full++;
      } else {
        partial++;
      }
      assertTrue(v.has("outlier"));
    }
    assertTrue(full >= 3 && partial >= 3, "full " + full + ", partial " + partial + ": " + report);
    assertTrue(Files.size(out.resolve("corners.png")) > 10_000);
    assertTrue(Files.size(out.resolve("residuals.png")) > 10_000);
  }

  @Test
  void badCharucoSpecNamesTheField() {
    CliRun r = CliRun.of("calibrate", "camera", "--images", dir.toString(), "--board",
        "charuco:7x5:30:40:DICT_5X5_100", "--out", dir.resolve("o").toString());
    assertEquals(Dpface.EXIT_FAILURE, r.code());
    assertTrue(r.err().startsWith("dpface: ") && r.err().contains("MARKER_MM"), r.err());
  }

  @Test
  void badBoardAndMissingFolderAreOneLineFailures() {
    CliRun r = CliRun.of("calibrate", "camera", "--images", dir.toString(), "--board", "chessboard:9:25",
        "--out", dir.resolve("o").toString());
    assertEquals(Dpface.EXIT_FAILURE, r.code());
    assertTrue(r.err().startsWith("dpface: ") && r.err().contains("COLSxROWS"), r.err());
    CliRun r2 = CliRun.of("calibrate", "camera", "--images", dir.resolve("none").toString(), "--board",
        "chessboard:9x6:25", "--out", dir.resolve("o").toString());
    assertEquals(Dpface.EXIT_FAILURE, r2.code());
    assertTrue(r2.err().contains("not a folder"), r2.err());
    assertEquals(Dpface.EXIT_USAGE, CliRun.of("calibrate", "camera", "--board", "chessboard:9x6:25").code());
  }
}
