package org.dpface.cli.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.calibration.rig.CalibrationErrors;
import org.dpface.calibration.takes.TakeCalibration;
import org.dpface.calibration.takes.TakeInputs;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.capture.storage.StoredCalibrationTake;
import org.dpface.cli.CliRun;
import org.dpface.cli.Dpface;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.dpface.rigs.virtual.optics.ThinLensDp;
import org.dpface.rigs.virtual.take.RigBinning;
import org.dpface.rigs.virtual.targets.TargetRenderConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpface calibrate cameras|projectors|dp|all --takes} on calibration takes captured through the capture
 * controller on the virtual rig at 120x160 px: 12 board takes (4 with SL, each seen by the camera it is aimed
 * at) and 2 DP plane takes in front of cam0; the result is scored against the rig's truth. Then bad inputs:
 * a missing frame, a malformed board spec, another rig.
 */
class TakesCalibrationCommandTest {
  /** Bounds at this tiny size (12 poses, 120x160 px); measured values are in the class's first run log. */
  static final double MAX_FOCAL_PERCENT = 3;
  static final double MAX_ROTATION_DEG = 2;
  static final double MAX_CENTRE_MM = 25;
  static final double MAX_PROJECTOR_FOCAL_PERCENT = 3;
  static final double MAX_PROJECTOR_CENTRE_MM = 30;
  static final double MAX_DP_A_PERCENT = 8;
  /** Fused camera–projector consistency vs truth at 120x160 px (median, mm). */
  static final double MAX_CONSISTENCY_MM = 1.5;

  @TempDir static Path dir;
  static Path lab;
  static RigDescription rig;

  @BeforeAll
  static void captureTakes() throws Exception {
    rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), 4);
    lab = dir.resolve("lab");
    Files.createDirectories(lab);
    RigFiles.write(rig, lab.resolve("rig.json"));
    ChessboardSpec board = new ChessboardSpec(5, 8, 30);
    List<RigidTransform> poses = VirtualCalibrationTakes.boardPoses(rig, board, 12, 11);
    VirtualCalibrationTakes.Plan all = VirtualCalibrationTakes.withPlanes(rig, board, poses, 3, 1,
        new double[] {840, 1100}, 15);
    VirtualCalibrationTakes.Plan plan = new VirtualCalibrationTakes.Plan(board, poses, 3, 1, all.planeTarget(),
        all.planes().stream().filter(p -> p.camera() == 0).toList());
    VirtualCalibrationTakes.Result r = VirtualCalibrationTakes.capture(rig, lab, plan,
        TargetRenderConfig.defaults().withSeed(5).withThreads(2), dir.resolve("truth"), line -> { });
    // 12 board takes on every camera, 4 SL takes (poses 0, 3, 6, 9) on the camera with the largest board
    // detected in the pose's take, 2 planes; a take that fails verification on a loaded host is retaken
    assertEquals(18, r.takes(), "takes stored");
  }

  @Test
  void calibratesEveryStepFromTheStoredTakes() throws Exception {
    Path out = dir.resolve("cal");
    CliRun run = CliRun.of("calibrate", "all", "--takes", lab.toString(), "--rig", lab.resolve("rig.json").toString(),
        "--out", out.toString());
    assertEquals(Dpface.EXIT_OK, run.code(), run.err());
    assertTrue(run.out().contains("corners: take-0001 (board-00)"), run.out());
    CalibrationFile cal = CalibrationJson.read(out.resolve("calibration.json"));
    assertEquals(rig.id(), cal.rigId());
    StringBuilder figures = new StringBuilder();
    for (CameraSpec c : rig.cameras()) {
      DeviceCalibration d = cal.device(c.id());
      CalibrationErrors e = CalibrationErrors.of(d.model(), d.rigToDevice(), c.nominalModel(), c.worldToCamera());
      figures.append(String.format("%s focal %.3f%% rot %.3f centre %.2f; ", c.id(), 100 * e.focalError(),
          e.rotationDeg(), e.centreMm()));
      assertTrue(Math.abs(100 * e.focalError()) < MAX_FOCAL_PERCENT, figures.toString());
      assertTrue(e.rotationDeg() < MAX_ROTATION_DEG, figures.toString());
      assertTrue(e.centreMm() < MAX_CENTRE_MM, figures.toString());
      assertTrue(Files.size(out.resolve("pictures/corners-" + c.id() + ".png")) > 1000);
    }
    for (ProjectorSpec p : rig.projectors()) {
      DeviceCalibration d = cal.device(p.id());
      assertEquals(DeviceCalibration.Kind.PROJECTOR, d.kind());
      CalibrationErrors e = CalibrationErrors.of(d.model(), d.rigToDevice(), p.nominalModel(), p.worldToProjector());
      figures.append(String.format("%s focal %.3f%% centre %.2f; ", p.id(), 100 * e.focalError(), e.centreMm()));
      assertTrue(Math.abs(100 * e.focalError()) < MAX_PROJECTOR_FOCAL_PERCENT, figures.toString());
      assertTrue(e.centreMm() < MAX_PROJECTOR_CENTRE_MM, figures.toString());
    }
    DeviceCalibration cam0 = cal.device("cam0");
    assertTrue(cam0.dp().isPresent(), "cam0 DP from the plane takes; " + run.out());
    ThinLensDp truth = ThinLensDp.of(rig.cameras().get(0));
    double aErr = 100 * (cam0.dp().get().a() / truth.coefficientA() - 1);
    figures.append(String.format("cam0 DP a %+.2f%%", aErr));
    System.out.println("calibrate all --takes at 120x160: " + figures);
    assertTrue(Math.abs(aErr) < MAX_DP_A_PERCENT, figures + "\n" + run.out());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals("dpface-calibration-report", report.path("format").asText());
    assertEquals(18, report.path("takes").size());
    assertEquals(2, report.path("dp").path("planes").size(), report.toString());
    assertTrue(Files.size(out.resolve("pictures/residuals.png")) > 1000);
    assertTrue(Files.exists(out.resolve("cam0.yml")) && Files.exists(out.resolve("proj1.yml")));
  }

  @Test
  void scoresTheWrittenCalibrationAgainstTheTruthInTheReport() throws Exception {
    Path out = dir.resolve("cal-consistency");
    CliRun run = CliRun.of("calibrate", "projectors", "--takes", lab.toString(), "--rig",
        lab.resolve("rig.json").toString(), "--out", out.toString());
    assertEquals(Dpface.EXIT_FAILURE, run.code()); // needs the cameras first
    run = CliRun.of("calibrate", "cameras", "--takes", lab.toString(), "--rig", lab.resolve("rig.json").toString(),
        "--out", out.toString());
    assertEquals(Dpface.EXIT_OK, run.code(), run.err());
    run = CliRun.of("calibrate", "projectors", "--takes", lab.toString(), "--rig", lab.resolve("rig.json").toString(),
        "--out", out.toString());
    assertEquals(Dpface.EXIT_OK, run.code(), run.err());
    Path session;
    try (var s = Files.list(lab.resolve("calibration"))) {
      session = s.findFirst().orElseThrow();
    }
    TakeCalibration cal = new TakeCalibration(TakeInputs.load(session, rig), out,
        new TakeCalibration.Options(2, 14, line -> { }));
    TakeCalibration.Consistency c = cal.consistency(rig, "virtual rig truth");
    // 120x160 px, 12 poses: the triangulated sphere stays within a few tenths of a mm of the truth
    assertTrue(c.projectorPairs().fusedMm()[0] < MAX_CONSISTENCY_MM, c.projectorPairs().toString());
    assertTrue(c.projectorPairs().fusedMm()[0] > 0, c.projectorPairs().toString());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    JsonNode section = report.path("consistency");
    assertEquals("virtual rig truth", section.path("reference").asText());
    assertEquals(c.projectorPairs().fusedMm()[0], section.path("cameraProjector").path("fusedMedianMm").asDouble(),
        1e-12);
    assertEquals(c.projectorPairs().pairs().size(), section.path("cameraProjector").path("pairs").size());
    JsonNode pair = section.path("cameraProjector").path("pairs").get(0);
    for (String field : new String[] {"camera", "other", "points", "cameraPxMedian", "otherPxMedian", "normalMmMedian",
        "normalBiasMm", "depthMmMedian", "depthBiasMm"}) {
      assertTrue(pair.has(field), field + " in " + pair);
    }
    assertTrue(section.path("cameraPairs").path("fusedMedianMm").asDouble() > 0, section.toString());
    assertTrue(report.has("cameras") && report.has("projectors"), "the other sections are kept: " + report);
  }

  @Test
  void projectorsBeforeCamerasSaysWhatIsMissing() {
    Path out = dir.resolve("no-cameras");
    CliRun run = CliRun.of("calibrate", "projectors", "--takes", lab.toString(), "--rig",
        lab.resolve("rig.json").toString(), "--out", out.toString());
    assertEquals(Dpface.EXIT_FAILURE, run.code());
    assertTrue(run.err().contains("calibration.json is missing"), run.err());
  }

  @Test
  void badTakesNameTheFileAndField() throws Exception {
    Path session;
    try (var s = Files.list(lab.resolve("calibration"))) {
      session = s.findFirst().orElseThrow();
    }
    Path copy = dir.resolve("bad-lab");
    copyTree(lab, copy);
    Path sessionCopy = copy.resolve("calibration").resolve(session.getFileName());
    Path take = sessionCopy.resolve("takes/take-0003"); // board-01: a flat take on every camera
    Path json = take.resolve("take.json");
    String original = Files.readString(json);
    Files.writeString(json, original.replace("chessboard:5x8:30", "chessboard:5x8"));
    CliRun bad = CliRun.of("calibrate", "cameras", "--takes", copy.toString(), "--rig", "virtual-8cam", "--out",
        dir.resolve("bad-out").toString());
    assertEquals(Dpface.EXIT_FAILURE, bad.code());
    // the bundled rig is not the binned rig the takes were captured on
    assertTrue(bad.err().contains("calibration-session.json") && bad.err().contains("field rig"), bad.err());
    CliRun spec = CliRun.of("calibrate", "cameras", "--takes", copy.toString(), "--rig",
        copy.resolve("rig.json").toString(), "--out", dir.resolve("bad-out").toString());
    assertEquals(Dpface.EXIT_FAILURE, spec.code());
    assertTrue(spec.err().contains(json.toString()) && spec.err().contains("field target"), spec.err());
    Files.writeString(json, original);
    Files.delete(take.resolve("cam3_s000_R.png"));
    CliRun missing = CliRun.of("calibrate", "cameras", "--takes", copy.toString(), "--rig",
        copy.resolve("rig.json").toString(), "--out", dir.resolve("bad-out").toString());
    assertEquals(Dpface.EXIT_FAILURE, missing.code());
    assertTrue(missing.err().contains("cam3_s000") && missing.err().contains(take.toString()), missing.err());
  }

  /**
   * Calibration takes record each camera's sensor depth (take.json {@code sensorBits}, also per frame), the
   * projector and DP steps decode against it without {@code --sensor-bits}; a take that recorded none fails
   * naming the file and field unless the flag gives the depth, and then calibrates to the same projectors.
   */
  @Test
  void decodesAgainstTheRecordedSensorDepth() throws Exception {
    Path session;
    try (var s = Files.list(lab.resolve("calibration"))) {
      session = s.findFirst().orElseThrow();
    }
    List<StoredCalibrationTake> takes = StoredCalibrationTake.find(session);
    for (StoredCalibrationTake t : takes) {
      for (String c : t.cameraIds()) {
        assertEquals(OptionalInt.of(14), t.sensorBits(c), t.takeId() + " " + c);
      }
    }
    Path recorded = dir.resolve("cal-recorded-bits");
    for (String step : new String[] {"cameras", "projectors"}) {
      CliRun run = CliRun.of("calibrate", step, "--takes", lab.toString(), "--rig", lab.resolve("rig.json").toString(),
          "--out", recorded.toString());
      assertEquals(Dpface.EXIT_OK, run.code(), run.err());
    }

    Path copy = dir.resolve("lab-no-bits");
    copyTree(lab, copy);
    Path sessionCopy = copy.resolve("calibration").resolve(session.getFileName());
    ObjectMapper json = new ObjectMapper();
    Path summaryOnly = null;
    for (StoredCalibrationTake t : StoredCalibrationTake.find(sessionCopy)) {
      Path f = t.dir().resolve("take.json");
      ObjectNode o = (ObjectNode) json.readTree(f.toFile());
      o.remove("sensorBits");
      if (summaryOnly == null) { // the first take keeps its frames' depths: an older take.json without the summary
        summaryOnly = t.dir();
      } else {
        o.path("frames").forEach(fr -> ((ObjectNode) fr).remove("sensorBits"));
      }
      json.writeValue(f.toFile(), o);
    }
    assertEquals(OptionalInt.of(14), StoredCalibrationTake.read(summaryOnly).sensorBits("cam0"),
        "no summary: the frames' depths");
    Path unknown = dir.resolve("cal-no-bits");
    CliRun run = CliRun.of("calibrate", "cameras", "--takes", copy.toString(), "--rig",
        copy.resolve("rig.json").toString(), "--out", unknown.toString());
    assertEquals(Dpface.EXIT_OK, run.code(), "corners need no depth: " + run.err());
    run = CliRun.of("calibrate", "projectors", "--takes", copy.toString(), "--rig", copy.resolve("rig.json").toString(),
        "--out", unknown.toString());
    assertEquals(Dpface.EXIT_FAILURE, run.code());
    assertTrue(run.err().contains("take.json") && run.err().contains("field sensorBits")
        && run.err().contains("--sensor-bits N"), run.err());
    run = CliRun.of("calibrate", "projectors", "--takes", copy.toString(), "--rig", copy.resolve("rig.json").toString(),
        "--out", unknown.toString(), "--sensor-bits", "14");
    assertEquals(Dpface.EXIT_OK, run.code(), run.err());
    CalibrationFile a = CalibrationJson.read(recorded.resolve("calibration.json"));
    CalibrationFile b = CalibrationJson.read(unknown.resolve("calibration.json"));
    for (ProjectorSpec p : rig.projectors()) {
      assertEquals(a.device(p.id()).model(), b.device(p.id()).model(), p.id() + ": --sensor-bits 14 = recorded 14");
    }
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
