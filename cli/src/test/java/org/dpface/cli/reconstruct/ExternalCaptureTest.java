package org.dpface.cli.reconstruct;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.FileStorage;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dpface.cli.CliRun;
import org.dpface.cli.capture.VirtualSubjects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.io.PngImages;
import org.dpface.core.mesh.DistanceStats;
import org.dpface.core.mesh.MeshDistance;
import org.dpface.core.mesh.PlyReader;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.reconstruction.codec.PatternGenerator;
import org.dpface.reconstruction.codec.SequenceFiles;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.subject.Expression;
import org.dpface.rigs.virtual.subject.HeadDirection;
import org.dpface.rigs.virtual.subject.HeadModel;
import org.dpface.rigs.virtual.subject.PosedSubject;
import org.dpface.rigs.virtual.subject.SubjectDistance;
import org.dpface.rigs.virtual.subject.SubjectPlacement;
import org.dpface.rigs.virtual.subject.SubjectPose;
import org.dpface.rigs.virtual.subject.SyntheticSubject;
import org.dpface.rigs.virtual.take.RigBinning;
import org.dpface.rigs.virtual.take.VirtualTake;
import org.dpface.rigs.virtual.take.VirtualTakeConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpface reconstruct --images --sequence --calibration} on "external captures" made from the
 * virtual rig (virtual-8cam binned 4: 120x160 cameras, 200x150 projectors; subject 1, neutral, front):
 * projector 0's dpface sequence seen by cameras 0-2 (left + right DP view per step, 15 bits), written as
 * 16- or 8-bit PNGs in the external layouts, with the true models written by OpenCV's own FileStorage in
 * each supported key set. The mesh (camera 0's frame) is carried into the world by camera 0's true pose and
 * scored against the true mesh.
 */
class ExternalCaptureTest {
  /**
   * Setup (a), one camera + calibrated projector, 16-bit: fused median / p95 vs truth (mm); measured 0.102 /
   * 0.355 (setup b: 0.071 / 0.250; 8-bit: 0.113 / 0.388).
   */
  static final double CAM_PROJ_MEDIAN_MM = 0.15;
  static final double CAM_PROJ_P95_MM = 0.6;
  /** Setup (b), three cameras through an uncalibrated projector. */
  static final double CAMERAS_MEDIAN_MM = 0.15;
  static final double CAMERAS_P95_MM = 0.6;
  /** 8-bit frames (quantised to 8 bits of the white level). */
  static final double EIGHT_BIT_MEDIAN_MM = 0.3;
  static final double EIGHT_BIT_P95_MM = 1.2;
  /** Mesh-to-truth search radius (mm); farther vertices count as missing. */
  static final double SEARCH_MM = 5.0;
  /** At least this many fused vertices per setup lie within the search radius (measured 444k-580k). */
  static final int MIN_VERTICES = 300_000;

  /** Two 14-bit DP halves sum to 15 bits. */
  static final String SUM_BITS = "15";

  static final String[] CAMERAS = {"cam0", "cam1", "cam2"};

  @TempDir static Path dir;
  static RigDescription rig;
  static TriangleMesh truth;
  static SequenceDescription sequence;
  /** Per camera, per sequence frame: left + right. */
  static final List<List<GrayU16>> frames = new ArrayList<>();

  @BeforeAll
  static void render() throws IOException {
    rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), 4);
    sequence = VirtualSubjects.sequence(rig);
    HeadModel model = HeadModel.standard();
    PosedSubject posed = SyntheticSubject.ofDataset(7, 1, model).pose(model,
        new SubjectPose(Expression.NEUTRAL, HeadDirection.FRONT, SubjectDistance.FORWARD), SubjectPlacement.of(rig));
    truth = posed.mesh();
    List<GrayU8> patterns = new PatternGenerator(sequence).renderAllU8();
    VirtualTakeConfig cfg = VirtualTakeConfig.defaults().withThreads(2).withSeed(11).withAmbientShot(false);
    try (VirtualTake take = VirtualTake.prepare(rig, posed, patterns, cfg)) {
      GrayU16 right = new GrayU16(1, 1);
      for (String cam : CAMERAS) {
        List<GrayU16> fs = new ArrayList<>();
        for (int k = 0; k < sequence.size(); k++) { // projector 0's block comes first
          GrayU16 left = new GrayU16(1, 1);
          take.renderStep(cam, k, left, right);
          for (int i = 0; i < left.data.length; i++) {
            left.data[i] = (short) Math.min(0xFFFF, (left.data[i] & 0xFFFF) + (right.data[i] & 0xFFFF));
          }
          fs.add(left);
        }
        frames.add(fs);
      }
    }
    SequenceFiles.write(dir.resolve("seq.json"), sequence);
  }

  @Test
  void oneCameraAndProjectorMorenoTaubin() throws Exception {
    Path images = dir.resolve("mt-images");
    writeFolders(images, 1);
    Path calib = dir.resolve("calibration.yml");
    try (FileStorage fs = new FileStorage(calib.toString(), FileStorage.WRITE)) {
      writeDevice(fs, "cam_K", "cam_kc", camera(0).nominalModel());
      writeDevice(fs, "proj_K", "proj_kc", projector().nominalModel());
      writePose(fs, "R", "T", cam0To(projector().worldToProjector()), false);
      fs.release();
    }
    DistanceStats s = reconstructAndScore(images, calib, "mt", "projector calibrated", SUM_BITS);
    assertTrue(s.median() < CAM_PROJ_MEDIAN_MM && s.p95() < CAM_PROJ_P95_MM, s.toString());
  }

  @Test
  void threeCamerasUncalibratedProjector() throws Exception {
    Path images = dir.resolve("n-images");
    writeFolders(images, 3);
    Path calib = dir.resolve("cameras.yml");
    try (FileStorage fs = new FileStorage(calib.toString(), FileStorage.WRITE)) {
      for (int i = 0; i < 3; i++) {
        writeDevice(fs, "camera_matrix_" + i, "distortion_coefficients_" + i, camera(i).nominalModel());
        if (i > 0) {
          writePose(fs, "R_" + i, "T_" + i, cam0To(camera(i).worldToCamera()), i == 2);
        }
      }
      fs.release();
    }
    DistanceStats s = reconstructAndScore(images, calib, "n", "uncalibrated (camera pairs)", SUM_BITS);
    assertTrue(s.median() < CAMERAS_MEDIAN_MM && s.p95() < CAMERAS_P95_MM, s.toString());
  }

  @Test
  void eightBitFramesByPrefixWithStereoCalibrateXml() throws Exception {
    Path images = dir.resolve("prefix-images");
    Files.createDirectories(images);
    int max = 1;
    for (GrayU16 f : frames.get(0)) {
      for (short v : f.data) {
        max = Math.max(max, v & 0xFFFF);
      }
    }
    for (int k = 0; k < sequence.size(); k++) {
      GrayU16 f = frames.get(0).get(k);
      GrayU8 g = new GrayU8(f.width(), f.height());
      for (int i = 0; i < f.data.length; i++) {
        g.data[i] = (byte) Math.round((f.data[i] & 0xFFFF) * 255.0 / max);
      }
      PngImages.write(images.resolve(String.format(Locale.ROOT, "cam0_%d.png", k)), g); // unpadded: numeric order
    }
    Path calib = dir.resolve("stereo.xml");
    try (FileStorage fs = new FileStorage(calib.toString(), FileStorage.WRITE)) {
      writeDevice(fs, "M1", "D1", camera(0).nominalModel());
      writeDevice(fs, "M2", "D2", projector().nominalModel());
      writePose(fs, "R", "T", cam0To(projector().worldToProjector()), false);
      fs.release();
    }
    DistanceStats s = reconstructAndScore(images, calib, "prefix", "of 8 bits", null);
    assertTrue(s.median() < EIGHT_BIT_MEDIAN_MM && s.p95() < EIGHT_BIT_P95_MM, s.toString());
  }

  @Test
  void missingKeyIsNamedWithItsFile() throws Exception {
    Path images = dir.resolve("missing-images");
    writeFolders(images, 1);
    Path calib = dir.resolve("broken.yml");
    try (FileStorage fs = new FileStorage(calib.toString(), FileStorage.WRITE)) {
      writeDevice(fs, "cam_K", "cam_kc", camera(0).nominalModel());
      writePose(fs, "R", "T", cam0To(projector().worldToProjector()), false);
      fs.release();
    }
    CliRun run = CliRun.of("reconstruct", "--images", images.toString(), "--sequence", dir.resolve("seq.json").toString(),
        "--calibration", calib.toString(), "--out", dir.resolve("missing-out").toString());
    assertTrue(run.code() != 0, run.out());
    assertTrue(run.err().contains(calib.toString()) && run.err().contains("'proj_K'"), run.err());

    CliRun neither = CliRun.of("reconstruct", "--out", dir.resolve("x").toString());
    assertEquals(2, neither.code(), neither.err());
    assertTrue(neither.err().contains("--take") && neither.err().contains("--images"), neither.err());
  }

  @Test
  void openCvGrayCodeSequenceSpec() throws IOException {
    SequenceDescription s = ExternalCapture.sequence("opencv-graycode:1024x768");
    assertEquals(2 * (10 + 10) + 2, s.size());
    assertEquals(s, ExternalCapture.sequence("opencv-graycode:1024×768"));
  }

  // ------------------------------------------------------------------------------------------ helpers

  /** Runs the CLI ({@code frameBits} null: the files' depth) and scores the mesh in the world frame. */
  private static DistanceStats reconstructAndScore(Path images, Path calib, String name, String expectInOut,
      String frameBits) throws IOException {
    Path out = dir.resolve(name + "-out");
    List<String> args = new ArrayList<>(List.of("reconstruct", "--images", images.toString(), "--sequence",
        dir.resolve("seq.json").toString(), "--calibration", calib.toString(), "--out", out.toString(), "--voxel", "0.5"));
    if (frameBits != null) {
      args.addAll(List.of("--frame-bits", frameBits));
    }
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.code(), run.err() + run.out());
    assertTrue(run.out().contains(expectInOut), run.out());
    for (String f : new String[] {"mesh.ply", "points.ply", "qc.json", "pictures/render-cam0.png"}) {
      assertTrue(Files.size(out.resolve(f)) > 100, f);
    }
    TriangleMesh mesh = PlyReader.read(out.resolve("mesh.ply"));
    RigidTransform cam0ToWorld = camera(0).worldToCamera().invert();
    float[] p = mesh.positions.clone();
    double[] w = new double[3];
    for (int i = 0; i < p.length; i += 3) {
      cam0ToWorld.transformPoint(p[i], p[i + 1], p[i + 2], w, 0);
      p[i] = (float) w[0];
      p[i + 1] = (float) w[1];
      p[i + 2] = (float) w[2];
    }
    DistanceStats s = MeshDistance.summary(new TriangleMesh(p, mesh.faces), truth, null, SEARCH_MM);
    assertTrue(s.count() >= MIN_VERTICES, s.toString());
    return s;
  }

  /** Frames of the first {@code cameras} cameras as 16-bit PNGs, a folder per camera. */
  private static void writeFolders(Path images, int cameras) throws IOException {
    for (int c = 0; c < cameras; c++) {
      Path d = images.resolve(CAMERAS[c]);
      Files.createDirectories(d);
      for (int k = 0; k < sequence.size(); k++) {
        PngImages.write(d.resolve(String.format(Locale.ROOT, "frame-%03d.png", k)), frames.get(c).get(k));
      }
    }
  }

  private static CameraSpec camera(int i) {
    return rig.camera(CAMERAS[i]).orElseThrow();
  }

  private static ProjectorSpec projector() {
    return rig.projectors().get(0);
  }

  /** Camera 0's frame to the device's, from the device's world pose. */
  private static RigidTransform cam0To(RigidTransform worldToDevice) {
    return camera(0).worldToCamera().invert().then(worldToDevice);
  }

  private static void writeDevice(FileStorage fs, String kKey, String dKey, CameraModel m) {
    try (Mat k = mat(3, 3, m.intrinsicMatrix()); Mat d = mat(1, 5, java.util.Arrays.copyOf(m.distortion(), 5))) {
      opencv_core.write(fs, kKey, k);
      opencv_core.write(fs, dKey, d);
    }
  }

  private static void writePose(FileStorage fs, String rKey, String tKey, RigidTransform t, boolean rodrigues) {
    try (Mat r = rodrigues ? mat(3, 1, t.rodrigues()) : mat(3, 3, t.rotation()); Mat tv = mat(3, 1, t.translation())) {
      opencv_core.write(fs, rKey, r);
      opencv_core.write(fs, tKey, tv);
    }
  }

  private static Mat mat(int rows, int cols, double[] v) {
    Mat m = new Mat(rows, cols, CV_64F);
    ((DoubleBuffer) m.createBuffer()).put(v);
    return m;
  }
}
