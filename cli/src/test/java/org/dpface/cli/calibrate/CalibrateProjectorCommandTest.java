package org.dpface.cli.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.calibration.io.ExternalCalibration;
import org.dpface.calibration.rig.CalibrationErrors;
import org.dpface.cli.CliRun;
import org.dpface.cli.Dpface;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.io.PngImages;
import org.dpface.core.mesh.PlyReader;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.reconstruction.codec.PatternGenerator;
import org.dpface.reconstruction.codec.SequenceConfig;
import org.dpface.reconstruction.codec.SequenceFiles;
import org.dpface.reconstruction.codec.Sequences;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.RigBinning;
import org.dpface.rigs.virtual.targets.BoardPoses;
import org.dpface.rigs.virtual.targets.BoardSpec;
import org.dpface.rigs.virtual.targets.TargetRenderConfig;
import org.dpface.rigs.virtual.targets.TargetRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpface calibrate projector} end to end on pictures written like another system's: the virtual
 * rig (virtual-8cam binned 2: cameras 240x320, projectors 400x300) renders a 6x9 × 25 mm chessboard at 6
 * poses seen by one camera under projector 0's dpface sequence (38 frames, 14-bit values in 16-bit PNG);
 * the command calibrates camera and projector from them, and the result is compared with the rig truth
 * in the camera's frame.
 */
class CalibrateProjectorCommandTest {
  static final int POSES = 6;
  static final int SENSOR_BITS = 14;
  /** Bounds vs truth (the projector README figures: focal ≤ 0.06 %, pp ≤ 2.3 px, 0.13°, 0.5 mm with a rig). */
  static final double FOCAL_REL_TOL = 0.005;
  static final double PRINCIPAL_TOL_PX = 6;
  static final double ROTATION_TOL_DEG = 0.5;
  static final double CENTRE_TOL_MM = 5;
  static final double PROJECTOR_RMS_MAX_PX = 0.3;

  @TempDir static Path dir;
  static RigDescription rig;
  static int camera;
  static Path images;
  static Path sequenceFile;
  static Path out;
  static CliRun run;
  /** True board pose of pose00 in the camera's frame. */
  static RigidTransform firstBoardToCamera;
  /**
   * Median distance (mm) of pose00's reconstructed points from the board plane as the calibrated camera
   * sees it (camera and projector agree), and from the true plane: the single camera's own calibration
   * error (principal point ~3 px ≈ 0.2° of frame rotation at ~900 mm on a board tilted up to 35°) moves
   * the whole frame by ~2 mm, so that bound is looser.
   */
  static final double PLANE_MEDIAN_TOL_MM = 0.3;
  static final double TRUE_PLANE_MEDIAN_TOL_MM = 4.0;

  @BeforeAll
  static void render() throws Exception {
    rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), 2);
    BoardSpec board = BoardSpec.chessboard(6, 9, 25);
    List<RigidTransform> all = BoardPoses.generate(rig, board, BoardPoses.Config.defaults(40), 11);
    List<BoardPoses.PoseCoverage> cov = BoardPoses.coverage(rig, board, all, BoardPoses.Config.defaults(40));
    // the camera seeing the most whole boards, and its first POSES of them
    int best = 0;
    int bestCount = -1;
    for (int c = 0; c < rig.cameras().size(); c++) {
      String id = rig.cameras().get(c).id();
      int n = (int) cov.stream().filter(p -> p.cameraIds().contains(id)).count();
      if (n > bestCount) {
        best = c;
        bestCount = n;
      }
    }
    camera = best;
    String camId = rig.cameras().get(camera).id();
    List<RigidTransform> poses = new ArrayList<>();
    for (BoardPoses.PoseCoverage p : cov) {
      if (p.cameraIds().contains(camId) && poses.size() < POSES) {
        poses.add(p.boardToWorld());
      }
    }
    assertEquals(POSES, poses.size(), "poses seen by " + camId);
    firstBoardToCamera = poses.get(0).then(rig.cameras().get(camera).worldToCamera());
    ProjectorSpec proj = rig.projectors().get(0);
    SequenceDescription seq =
        Sequences.dpface(proj.resolution().width(), proj.resolution().height(), SequenceConfig.defaults());
    List<GrayU8> patterns = new PatternGenerator(seq).renderAllU8();
    images = Files.createDirectories(dir.resolve("poses"));
    sequenceFile = dir.resolve("sequence.json");
    SequenceFiles.write(sequenceFile, seq);
    long t0 = System.nanoTime();
    try (TargetRenderer r = new TargetRenderer(rig, board, TargetRenderConfig.defaults().withSeed(3).withThreads(2))) {
      for (int p = 0; p < poses.size(); p++) {
        Path poseDir = Files.createDirectories(images.resolve(String.format(Locale.ROOT, "pose%02d", p)));
        List<GrayU16> frames = r.renderPatterns(p, poses.get(p), camera, 0, patterns);
        for (int k = 0; k < frames.size(); k++) {
          PngImages.write(poseDir.resolve(String.format(Locale.ROOT, "frame_%03d.png", k)), frames.get(k));
        }
      }
    }
    long t1 = System.nanoTime();
    out = dir.resolve("out");
    run = CliRun.of("calibrate", "projector", "--images", images.toString(), "--sequence", sequenceFile.toString(),
        "--board", "chessboard:6x9:25", "--out", out.toString(), "--frame-bits", Integer.toString(SENSOR_BITS));
    System.out.printf(Locale.ROOT, "rendered %d poses x %d frames in %.1f s, calibrated in %.1f s%n", POSES,
        seq.size(), (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
  }

  @Test
  void calibratesCameraAndProjectorAgainstTheRigTruth() throws Exception {
    assertEquals(Dpface.EXIT_OK, run.code(), run.err());
    System.out.print(run.out());
    CalibrationFile cal = CalibrationJson.read(out.resolve("calibration.json"));
    DeviceCalibration cam = cal.device("cam0");
    DeviceCalibration proj = cal.device("proj0");
    assertEquals(DeviceCalibration.Kind.PROJECTOR, proj.kind());
    CameraSpec camTruth = rig.cameras().get(camera);
    ProjectorSpec projTruth = rig.projectors().get(0);
    // truth in the camera's frame (the calibration's world)
    RigidTransform camToProj = camTruth.worldToCamera().invert().then(projTruth.worldToProjector());
    CalibrationErrors ce = CalibrationErrors.of(cam.model(), RigidTransform.identity(), camTruth.nominalModel(),
        RigidTransform.identity());
    CalibrationErrors pe = CalibrationErrors.of(proj.model(), proj.rigToDevice(), projTruth.nominalModel(), camToProj);
    System.out.printf(Locale.ROOT, "camera: focal %+.3f %%, pp %.2f px; projector: focal %+.3f %%, pp %.2f px,"
            + " distortion %.2f px, rotation %.3f deg, centre %.2f mm, RMS %.3f px%n", 100 * ce.focalError(),
        ce.principalPointPx(), 100 * pe.focalError(), pe.principalPointPx(), pe.distortionPx(), pe.rotationDeg(),
        pe.centreMm(), proj.rmsPx());
    assertTrue(Math.abs(ce.focalError()) < FOCAL_REL_TOL, "camera focal " + ce.focalError());
    assertTrue(Math.abs(pe.focalError()) < FOCAL_REL_TOL, "projector focal " + pe.focalError());
    assertTrue(pe.principalPointPx() < PRINCIPAL_TOL_PX, "projector pp " + pe.principalPointPx());
    assertTrue(pe.rotationDeg() < ROTATION_TOL_DEG, "projector rotation " + pe.rotationDeg());
    assertTrue(pe.centreMm() < CENTRE_TOL_MM, "projector centre " + pe.centreMm());
    assertTrue(proj.rmsPx() < PROJECTOR_RMS_MAX_PX, "projector RMS " + proj.rmsPx());

    // the OpenCV file says the same through the reader dpface reconstruct uses
    ExternalCalibration ext = ExternalCalibration.read(out.resolve("calibration.yml"), 1);
    assertEquals(ExternalCalibration.Convention.MORENO_TAUBIN, ext.convention());
    assertEquals(proj.model().fx(), ext.projector().fx(), 1e-9);
    assertEquals(0, ext.projector().worldToDevice().translationDistanceTo(proj.rigToDevice()), 1e-9);
    assertEquals(cam.model().fx(), ext.cameras().get(0).fx(), 1e-9);

    JsonNode report = new ObjectMapper().readTree(out.resolve("residuals.json").toFile());
    assertEquals(POSES, report.get("poses").size());
    for (JsonNode p : report.get("poses")) {
      assertTrue(p.get("found").asBoolean(), p.toString());
      assertTrue(p.has("projectorRmsPx") && p.has("projectorOutlier"), p.toString());
    }
    assertTrue(Files.size(out.resolve("corners.png")) > 5_000);
  }

  @Test
  void reconstructsAPoseWithTheResultAndPassesACameraFileThrough() throws Exception {
    assertEquals(Dpface.EXIT_OK, run.code(), run.err());
    Path second = dir.resolve("out-cam");
    // --camera: the camera of the first run, board poses by solvePnP
    CliRun r = CliRun.of("calibrate", "projector", "--images", images.toString(), "--sequence", sequenceFile.toString(),
        "--board", "chessboard:6x9:25", "--out", second.toString(), "--frame-bits", "14", "--camera",
        out.resolve("calibration.json").toString());
    assertEquals(Dpface.EXIT_OK, r.code(), r.err());
    assertTrue(r.out().contains("intrinsics from " + out.resolve("calibration.json")), r.out());
    CalibrationFile a = CalibrationJson.read(out.resolve("calibration.json"));
    CalibrationFile b = CalibrationJson.read(second.resolve("calibration.json"));
    assertEquals(a.device("cam0").model(), b.device("cam0").model());
    assertEquals(a.device("proj0").model().fx(), b.device("proj0").model().fx(), 0.002 * a.device("proj0").model().fx());

    // dpface reconstruct --images --calibration with the OpenCV file: one pose's board
    Path rec = dir.resolve("rec");
    CliRun rr = CliRun.of("reconstruct", "--images", images.resolve("pose00").toString(), "--sequence",
        sequenceFile.toString(), "--calibration", second.resolve("calibration.yml").toString(), "--frame-bits", "14",
        "--out", rec.toString());
    assertEquals(Dpface.EXIT_OK, rr.code(), rr.err());
    assertTrue(rr.out().contains("projector calibrated"), rr.out());
    TriangleMesh points = PlyReader.read(rec.resolve("points.ply"));
    // the board plane as the calibrated camera placed it (solvePnP, pose00) and as it truly is
    RigidTransform calibrated = b.device("cam0").views().stream().filter(v -> v.source().equals("pose00"))
        .findFirst().orElseThrow().boardToCamera();
    double[] own = planeDistances(points, calibrated);
    double[] truth = planeDistances(points, firstBoardToCamera);
    System.out.printf(Locale.ROOT, "pose00 reconstructed with calibration.yml: %d points; distance to the board plane"
            + " of the calibrated camera median %.3f mm, p90 %.3f mm; to the true plane median %.3f mm, p90 %.3f mm%n",
        own.length, own[own.length / 2], own[(int) (0.9 * (own.length - 1))], truth[truth.length / 2],
        truth[(int) (0.9 * (truth.length - 1))]);
    assertTrue(own.length > 1000, "points " + own.length);
    assertTrue(own[own.length / 2] < PLANE_MEDIAN_TOL_MM, "median distance to the board plane " + own[own.length / 2]);
    assertTrue(truth[truth.length / 2] < TRUE_PLANE_MEDIAN_TOL_MM, "median distance to the true plane "
        + truth[truth.length / 2]);
  }

  /** Sorted distances (mm) of the points from the plane z = 0 of {@code boardToCamera}. */
  private static double[] planeDistances(TriangleMesh points, RigidTransform boardToCamera) {
    RigidTransform cameraToBoard = boardToCamera.invert();
    double[] dist = new double[points.vertexCount()];
    double[] q = new double[3];
    for (int i = 0; i < dist.length; i++) {
      cameraToBoard.transformPoint(points.positions[3 * i], points.positions[3 * i + 1], points.positions[3 * i + 2], q, 0);
      dist[i] = Math.abs(q[2]);
    }
    Arrays.sort(dist);
    return dist;
  }

  @Test
  void charucoBoardAndMissingWhiteFrameAreClearErrors() {
    CliRun r = CliRun.of("calibrate", "projector", "--images", images.toString(), "--sequence", sequenceFile.toString(),
        "--board", "charuco:7x5:30:22:DICT_5X5_100", "--out", dir.resolve("x").toString());
    assertEquals(Dpface.EXIT_FAILURE, r.code());
    assertTrue(r.err().contains("chessboard"), r.err());
    CliRun r2 = CliRun.of("calibrate", "projector", "--images", dir.resolve("none").toString(), "--sequence",
        sequenceFile.toString(), "--board", "chessboard:6x9:25", "--out", dir.resolve("x").toString());
    assertEquals(Dpface.EXIT_FAILURE, r2.code());
    assertTrue(r2.err().contains("not a folder"), r2.err());
  }
}
