package org.dpface.cli.calibrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dpface.calibration.camera.CalibrationConfig;
import org.dpface.calibration.camera.CameraCalibration;
import org.dpface.calibration.camera.CameraCalibrator;
import org.dpface.calibration.camera.DistortionModel;
import org.dpface.calibration.camera.SkippedInput;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.detect.BoardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationInput;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.calibration.io.OpenCvYaml;
import org.dpface.calibration.opencv.OpenCvImages;
import org.dpface.calibration.projector.ProjectorCalibration;
import org.dpface.calibration.projector.ProjectorCalibrationConfig;
import org.dpface.calibration.projector.ProjectorCalibrator;
import org.dpface.calibration.projector.ProjectorView;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.calibration.target.BoardSpecs;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.cli.Dpface;
import org.dpface.cli.reconstruct.ExternalCapture;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;
import org.dpface.core.io.AtomicFiles;
import org.dpface.reconstruction.codec.DecoderConfig;
import org.dpface.reconstruction.codec.PatternDecoder;
import org.dpface.reconstruction.pipeline.ReconstructionConfig;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.FrameKind;
import org.dpface.reconstruction.struct.SequenceDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dpface calibrate projector}: a camera–projector pair calibrated from pictures taken by another
 * system. {@code --images} holds one folder per board pose (sorted by name); each holds the frames one
 * camera took of the board under the projector's sequence, laid out as {@code dpface reconstruct --images}
 * reads a capture ({@link ExternalCapture}: frames numbered in sequence order, one camera).
 *
 * <ol>
 *   <li>per pose, the board corners are found in the sequence's white frame and the frames decoded into
 *       projector (u, v) per camera pixel ({@link PatternDecoder});
 *   <li>the camera: {@code --camera} (calibration.json or an OpenCV camera YAML) with each board pose from
 *       solvePnP, or else calibrated from the same white frames ({@link CameraCalibrator});
 *   <li>the projector as an inverse camera placed relative to the camera ({@link ProjectorCalibrator},
 *       Moreno and Taubin 2012: local homographies, Zhang, joint refinement with the board poses fixed).
 * </ol>
 *
 * Writes into {@code --out}: {@value #CALIBRATION_FILE} (camera = rig frame, projector), {@value #YAML_FILE}
 * (OpenCV FileStorage, Moreno–Taubin keys cam_K cam_kc proj_K proj_kc R T), {@value #RESIDUALS_FILE}
 * (per-pose RMS in camera and projector, outliers, skipped poses), {@value #CORNERS_PICTURE}.
 */
@Command(
    name = "projector",
    mixinStandardHelpOptions = true,
    description = {
      "Calibrates a projector (and its camera) from board poses under the projector's SL sequence:",
      "--images holds one folder per board pose with that pose's frames in sequence order.",
      "Writes calibration.json, calibration.yml (OpenCV: cam_K cam_kc proj_K proj_kc R T), residuals.json and",
      "corners.png into --out; both calibration files are accepted by dpface reconstruct --images --calibration."
    })
public final class CalibrateProjectorCommand implements Callable<Integer> {
  static final String CALIBRATION_FILE = "calibration.json";
  static final String YAML_FILE = "calibration.yml";
  static final String RESIDUALS_FILE = "residuals.json";
  static final String CORNERS_PICTURE = "corners.png";
  static final String RESIDUALS_FORMAT = "dpface-projector-calibration-residuals";

  @Option(names = "--images", required = true, paramLabel = "DIR",
      description = "One folder per board pose, each with the pose's frames in sequence order.")
  Path images;

  @Option(names = "--sequence", required = true, paramLabel = "FILE|opencv-graycode:WxH",
      description = "The SL sequence (dpface-sl-sequence JSON) or OpenCV GrayCodePattern's order; needs a white frame.")
  String sequence;

  @Option(names = "--board", required = true, paramLabel = "SPEC",
      description = "Board: chessboard:COLSxROWS:SQUARE_MM (inner corners, mm).")
  String board;

  @Option(names = "--camera", paramLabel = "FILE",
      description = "The camera's calibration (calibration.json or OpenCV YAML); default: calibrate it from the white frames.")
  Path camera;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
  Path out;

  @Option(names = "--camera-id", defaultValue = "cam0", paramLabel = "ID",
      description = "Camera id in calibration.json (default: ${DEFAULT-VALUE}; with --camera FILE.json its first camera).")
  String cameraId;

  @Option(names = "--projector-id", defaultValue = ExternalCapture.PROJECTOR_ID, paramLabel = "ID",
      description = "Projector id (default: ${DEFAULT-VALUE}).")
  String projectorId;

  @Option(names = "--rig-id", defaultValue = "camera-projector", paramLabel = "ID",
      description = "Rig id written into calibration.json (default: ${DEFAULT-VALUE}).")
  String rigId;

  @Option(names = "--frame-bits", paramLabel = "N",
      description = "Bits the 16-bit frames' values use, e.g. 12 (default: 16; 8-bit frames use 8).")
  Integer frameBits;

  @Option(names = "--distortion", defaultValue = "RADIAL2_TANGENTIAL", paramLabel = "MODEL",
      description = "Camera distortion terms when calibrating it: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  DistortionModel distortion;

  @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Decoder threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Spec CommandSpec spec;

  /** One pose folder: its detection in the white frame and, when found, its decoded maps. */
  private record Pose(int index, String name, CornerDetection corners, DecodedMaps decoded, GrayU8 white) {}

  @Override
  public Integer call() throws Exception {
    if (!(BoardSpecs.parse(board) instanceof ChessboardSpec chess)) {
      throw new IllegalArgumentException("--board " + board + ": projector calibration needs every corner of every"
          + " view (Moreno-Taubin fuses whole boards); give a chessboard:COLSxROWS:SQUARE_MM board");
    }
    SequenceDescription seq = ExternalCapture.sequence(sequence);
    int white = seq.indexOf(FrameKind.WHITE);
    if (white < 0) {
      throw new IllegalArgumentException("--sequence " + sequence + ": no white frame to find the board corners in");
    }
    if (!Files.isDirectory(images)) {
      throw new IllegalArgumentException("--images " + images + " is not a folder");
    }
    List<Path> poseDirs;
    try (Stream<Path> s = Files.list(images)) {
      poseDirs = s.filter(Files::isDirectory).sorted().toList();
    }
    if (poseDirs.isEmpty()) {
      throw new IllegalArgumentException("--images " + images + ": no pose folders (expected one folder per board pose)");
    }
    PrintWriter pw = spec.commandLine().getOut();
    List<Pose> poses = readPoses(chess, seq, white, poseDirs);

    // the camera and a board pose per found view
    List<CornerDetection> detections = poses.stream().map(Pose::corners).toList();
    CameraModel model;
    double cameraRms;
    Map<Integer, ViewResult> cameraViews = new HashMap<>();
    List<SkippedInput> skipped = new ArrayList<>();
    CalibrationFile cameraFile;
    Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    if (camera == null) {
      CalibrationConfig cfg = CalibrationConfig.defaults().withDistortion(distortion);
      CameraCalibration cal = new CameraCalibrator(cfg).calibrate(chess, detections);
      model = cal.model();
      cameraRms = cal.rmsPx();
      for (ViewResult v : cal.views()) {
        cameraViews.put(poseIndex(poses, v.source()), v);
      }
      skipped.addAll(cal.skipped());
      cameraFile = CalibrationFile.singleCamera(rigId, date, cameraId, chess, cal);
    } else {
      model = readCamera();
      List<ViewResult> views = new ArrayList<>();
      List<CalibrationInput> inputs = new ArrayList<>();
      for (Pose p : poses) {
        if (!p.corners().isFound()) {
          skipped.add(new SkippedInput(p.name(), p.corners().failure()));
          inputs.add(new CalibrationInput(p.name(), cameraId, chess.toSpecString(), false, p.corners().failure()));
          continue;
        }
        if (p.corners().width() != model.width() || p.corners().height() != model.height()) {
          throw new IllegalArgumentException(p.name() + ": frames " + p.corners().width() + "x" + p.corners().height()
              + ", --camera " + camera + " is calibrated at " + model.width() + "x" + model.height());
        }
        ViewResult v = BoardPose.solve(model, chess, p.corners());
        views.add(v);
        cameraViews.put(p.index(), v);
        inputs.add(new CalibrationInput(p.name(), cameraId, chess.toSpecString(), true, null));
      }
      double sum = 0;
      int count = 0;
      for (ViewResult v : views) {
        sum += v.rmsPx() * v.rmsPx() * v.corners();
        count += v.corners();
      }
      cameraRms = Math.sqrt(sum / Math.max(1, count)); // board poses by solvePnP, intrinsics as given
      cameraFile = new CalibrationFile(rigId, date, List.of(new DeviceCalibration(cameraId,
          DeviceCalibration.Kind.CAMERA, model, RigidTransform.identity(), cameraRms, views)), inputs);
    }

    // the projector, with the camera frame as the world frame
    List<ProjectorView> views = new ArrayList<>();
    Map<Integer, RigidTransform> boardToWorld = new HashMap<>();
    for (Pose p : poses) {
      if (p.decoded() != null && cameraViews.containsKey(p.index())) {
        views.add(new ProjectorView(p.index(), cameraId, p.corners(), p.decoded()));
        boardToWorld.put(p.index(), cameraViews.get(p.index()).boardToCamera());
      }
    }
    ProjectorCalibration proj = new ProjectorCalibrator(ProjectorCalibrationConfig.defaults())
        .calibrate(chess, projectorId, seq.projectorWidth(), seq.projectorHeight(), views, boardToWorld);

    Files.createDirectories(out);
    CalibrationJson.write(out.resolve(CALIBRATION_FILE), ProjectorCalibration.withProjectors(cameraFile, List.of(proj)));
    ProjectorCameraYaml.write(out.resolve(YAML_FILE), model, cameraRms, proj.model(), proj.worldToProjector(),
        proj.rmsPx());
    AtomicFiles.writeString(out.resolve(RESIDUALS_FILE), report(chess, poses, cameraViews, proj, skipped));
    Pose first = poses.stream().filter(p -> p.corners().isFound()).findFirst().orElseThrow();
    CalibrationPictures.writeCorners(out.resolve(CORNERS_PICTURE), chess, first.white(), first.corners());

    CameraModel pm = proj.model();
    RigidTransform c2p = proj.worldToProjector();
    double[] centre = c2p.invert().translation();
    pw.printf(Locale.ROOT, "%d pose folders, %d with the board found, %d used for %s%n", poses.size(),
        cameraViews.size(), proj.views().size(), projectorId);
    pw.printf(Locale.ROOT, "camera %s: fx %.3f fy %.3f cx %.3f cy %.3f (%dx%d)%s%n", cameraId, model.fx(), model.fy(),
        model.cx(), model.cy(), model.width(), model.height(),
        String.format(Locale.ROOT, ", RMS %.3f px", cameraRms) + (camera == null ? "" : ", intrinsics from " + camera));
    pw.printf(Locale.ROOT, "projector %s: fx %.3f fy %.3f cx %.3f cy %.3f (%dx%d), RMS %.3f px, %d outlier poses%n",
        projectorId, pm.fx(), pm.fy(), pm.cx(), pm.cy(), pm.width(), pm.height(), proj.rmsPx(), proj.outliers().size());
    pw.printf(Locale.ROOT, "projector centre in the camera frame: (%.2f, %.2f, %.2f) mm, rotation %.3f deg%n",
        centre[0], centre[1], centre[2], Math.toDegrees(c2p.rotationAngleTo(RigidTransform.identity())));
    for (SkippedInput s : skipped) {
      pw.printf(Locale.ROOT, "skipped %s: %s%n", s.source(), s.reason());
    }
    pw.printf("wrote %s, %s, %s, %s in %s%n", CALIBRATION_FILE, YAML_FILE, RESIDUALS_FILE, CORNERS_PICTURE, out);
    pw.flush();
    return Dpface.EXIT_OK;
  }

  /** Reads every pose folder: white-frame corners, and decoded maps where the board was found. */
  private List<Pose> readPoses(ChessboardSpec chess, SequenceDescription seq, int white, List<Path> poseDirs)
      throws IOException {
    BoardDetector detector = BoardDetector.forBoard(chess);
    List<Pose> poses = new ArrayList<>();
    PatternDecoder decoder = null;
    int depth = 0;
    try {
      for (int i = 0; i < poseDirs.size(); i++) {
        Path dir = poseDirs.get(i);
        String name = dir.getFileName().toString();
        ExternalCapture capture = ExternalCapture.read(dir, seq);
        if (capture.cameraIds().size() != 1) {
          throw new IOException(dir + ": frames of " + capture.cameraIds().size() + " cameras " + capture.cameraIds()
              + "; a pose folder holds one camera's frames");
        }
        if (decoder == null) {
          depth = capture.bitDepth();
          decoder = new PatternDecoder(seq, decoderConfig(depth), threads);
        } else if (capture.bitDepth() != depth) {
          throw new IOException(dir + ": " + capture.bitDepth() + "-bit frames, the first pose's are " + depth + "-bit");
        }
        List<? extends ImageBase> frames = capture.frames().frames(0, 0);
        ImageBase w = frames.get(white);
        CornerDetection d = w instanceof GrayU16 g ? detector.detect(name, g) : detector.detect(name, (GrayU8) w);
        GrayU8 white8 = w instanceof GrayU8 g8 ? g8 : null;
        DecodedMaps maps = null;
        if (d.isFound()) {
          maps = new DecodedMaps();
          decoder.decode(frames, maps);
          if (white8 == null && poses.stream().noneMatch(p -> p.white() != null)) {
            try (Mat m = OpenCvImages.toMat8((GrayU16) w)) {
              white8 = OpenCvImages.toGrayU8(m);
            }
          }
        }
        poses.add(new Pose(i, name, d, maps, white8));
      }
    } finally {
      if (decoder != null) {
        decoder.close();
      }
    }
    return poses;
  }

  private DecoderConfig decoderConfig(int depth) {
    if (depth == 8) {
      if (frameBits != null && frameBits != 8) {
        throw new IllegalArgumentException("--frame-bits: 8-bit frames use all 8 bits");
      }
      return DecoderConfig.defaults();
    }
    int bits = frameBits == null ? 16 : frameBits;
    if (bits < 1 || bits > 16) {
      throw new IllegalArgumentException("--frame-bits " + bits + ": expected 1..16");
    }
    return ReconstructionConfig.decoderForBits(bits);
  }

  /** The camera of {@code --camera}: calibration.json's {@code --camera-id} (or its only camera), or OpenCV YAML. */
  private CameraModel readCamera() throws IOException {
    if (!Files.isRegularFile(camera)) {
      throw new IllegalArgumentException("--camera " + camera + ": no such file");
    }
    String text = Files.readString(camera);
    if (text.stripLeading().startsWith("{") && text.contains("\"" + CalibrationJson.FORMAT + "\"")) {
      CalibrationFile f = CalibrationJson.read(camera);
      List<DeviceCalibration> cams = f.devices().stream().filter(d -> d.kind() == DeviceCalibration.Kind.CAMERA).toList();
      for (DeviceCalibration d : cams) {
        if (d.id().equals(cameraId)) {
          return d.model();
        }
      }
      if (cams.size() == 1) {
        cameraId = cams.get(0).id();
        return cams.get(0).model();
      }
      throw new IllegalArgumentException("--camera " + camera + ": no camera '" + cameraId + "' among "
          + cams.stream().map(DeviceCalibration::id).toList() + " (give --camera-id)");
    }
    return OpenCvYaml.read(camera);
  }

  private static int poseIndex(List<Pose> poses, String source) {
    for (Pose p : poses) {
      if (p.name().equals(source)) {
        return p.index();
      }
    }
    throw new IllegalStateException("no pose " + source);
  }

  private String report(ChessboardSpec chess, List<Pose> poses, Map<Integer, ViewResult> cameraViews,
      ProjectorCalibration proj, List<SkippedInput> skipped) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", RESIDUALS_FORMAT);
    root.put("version", 1);
    root.put("board", chess.toSpecString());
    root.put("camera", cameraId);
    root.put("projector", proj.id());
    root.put("projectorRmsPx", proj.rmsPx());
    Map<String, ViewResult> bySource = new HashMap<>();
    for (ViewResult v : proj.views()) {
      bySource.put(v.source(), v);
    }
    ArrayNode arr = root.putArray("poses");
    for (Pose p : poses) {
      ObjectNode n = arr.addObject();
      n.put("source", p.name());
      n.put("found", p.corners().isFound());
      ViewResult c = cameraViews.get(p.index());
      if (c != null) {
        n.put("cameraRmsPx", c.rmsPx());
        n.put("cameraOutlier", c.outlier());
      }
      // ProjectorCalibrator names its views pose<NN>/<projector>
      ViewResult v = bySource.get(String.format(Locale.ROOT, "pose%02d/%s", p.index(), proj.id()));
      if (v != null) {
        n.put("projectorRmsPx", v.rmsPx());
        n.put("projectorMaxErrorPx", v.maxErrorPx());
        n.put("projectorOutlier", v.outlier());
      }
    }
    ArrayNode sk = root.putArray("skipped");
    for (SkippedInput s : skipped) {
      sk.addObject().put("source", s.source()).put("reason", s.reason());
    }
    for (CalibrationInput in : proj.inputs()) {
      if (!in.used()) {
        sk.addObject().put("source", in.source()).put("reason", in.note());
      }
    }
    return mapper.writeValueAsString(root) + "\n";
  }
}
