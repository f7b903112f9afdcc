package org.dpface.cli.calibrate;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

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
import java.util.Map;
import java.util.Locale;
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
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CharucoCornerDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.OpenCvYaml;
import org.dpface.calibration.opencv.OpenCvImages;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.calibration.target.BoardSpecs;
import org.dpface.cli.Dpface;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.image.GrayU8;
import org.dpface.core.io.AtomicFiles;
import org.dpface.core.io.PngImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dpface calibrate camera}: one camera's intrinsics from a folder of board pictures (PNG, 8 or 16
 * bit, or JPEG; sorted by name) of a chessboard or a ChArUco board. Detection: {@link ChessboardDetector}
 * or {@link CharucoCornerDetector} (partial boards: each view keeps the corners it saw; 16-bit frames
 * min-max stretched to 8 bits); calibration: {@link CameraCalibrator} (Zhang 2000 via OpenCV). Writes into
 * {@code --out}: {@value #CALIBRATION_FILE} (the camera defines the rig frame), {@code <id>.yml} (OpenCV
 * FileStorage), {@value #RESIDUALS_FILE} (per-view residuals and outlier flags, skipped inputs),
 * {@value #CORNERS_PICTURE} (the first detected view with its corners drawn by OpenCV) and
 * {@value #RESIDUALS_PICTURE} (the worst view's reprojection residuals, magnified).
 */
@Command(
    name = "camera",
    mixinStandardHelpOptions = true,
    description = {
      "Calibrates one camera from a folder of chessboard or ChArUco pictures (PNG/JPG).",
      "Writes calibration.json, <id>.yml (OpenCV), residuals.json, corners.png and residuals.png into --out."
    })
public final class CalibrateCameraCommand implements Callable<Integer> {
  static final String CALIBRATION_FILE = "calibration.json";
  static final String RESIDUALS_FILE = "residuals.json";
  static final String CORNERS_PICTURE = "corners.png";
  static final String RESIDUALS_PICTURE = "residuals.png";
  static final String RESIDUALS_FORMAT = "dpface-calibration-residuals";
  static final int RESIDUALS_VERSION = 1;

  @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of board pictures.")
  Path images;

  @Option(names = "--board", required = true, paramLabel = "SPEC",
      description = {"Board: chessboard:COLSxROWS:SQUARE_MM (inner corners, mm), e.g. chessboard:9x6:25, or",
        "charuco:COLSxROWS:SQUARE_MM:MARKER_MM:DICT (squares, mm, OpenCV dictionary),",
        "e.g. charuco:7x5:30:22:DICT_5X5_100."})
  String board;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
  Path out;

  @Option(names = "--id", defaultValue = "cam0", paramLabel = "ID", description = "Camera id (default: ${DEFAULT-VALUE}).")
  String id;

  @Option(names = "--rig-id", defaultValue = "single-camera", paramLabel = "ID",
      description = "Rig id written into calibration.json (default: ${DEFAULT-VALUE}).")
  String rigId;

  @Option(names = "--distortion", defaultValue = "RADIAL3_TANGENTIAL", paramLabel = "MODEL",
      description = "Distortion terms to estimate: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  DistortionModel distortion;

  @Option(names = "--fix-aspect", description = "Estimate one focal length (fx = fy).")
  boolean fixAspect;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    BoardSpec parsed = BoardSpecs.parse(board);
    if (!Files.isDirectory(images)) {
      throw new IllegalArgumentException("--images " + images + " is not a folder");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(images)) {
      files = s.filter(CalibrateCameraCommand::isPicture).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no PNG or JPEG pictures in " + images);
    }
    BoardDetector detector = BoardDetector.forBoard(parsed);
    List<CornerDetection> detections = new ArrayList<>();
    Map<String, Path> bySource = new HashMap<>();
    GrayU8 firstFound = null;
    CornerDetection firstDetection = null;
    try {
      for (Path f : files) {
        GrayU8 gray = readGray8(f);
        CornerDetection d = detector.detect(f.getFileName().toString(), gray);
        detections.add(d);
        bySource.put(d.source(), f);
        if (firstFound == null && d.isFound()) {
          firstFound = gray;
          firstDetection = d;
        }
      }
    } finally {
      if (detector instanceof AutoCloseable c) {
        c.close();
      }
    }
    CalibrationConfig config = CalibrationConfig.defaults().withDistortion(distortion).withFixAspectRatio(fixAspect);
    CameraCalibration cal = new CameraCalibrator(config).calibrate(parsed, detections);

    Files.createDirectories(out);
    Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CalibrationJson.write(out.resolve(CALIBRATION_FILE), CalibrationFile.singleCamera(rigId, date, id, parsed, cal));
    OpenCvYaml.write(out.resolve(id + ".yml"), cal.model(), cal.rmsPx());
    AtomicFiles.writeString(out.resolve(RESIDUALS_FILE), residualReport(id, parsed, cal));
    CalibrationPictures.writeCorners(out.resolve(CORNERS_PICTURE), parsed, firstFound, firstDetection);
    ViewResult worst = cal.views().stream().max((a, b) -> Double.compare(a.rmsPx(), b.rmsPx())).orElseThrow();
    CornerDetection worstDetection = detections.stream()
        .filter(d -> d.source().equals(worst.source())).findFirst().orElseThrow();
    CalibrationPictures.writeResiduals(out.resolve(RESIDUALS_PICTURE), parsed, cal.model(),
        readGray8(bySource.get(worst.source())), worstDetection, worst);

    CameraModel m = cal.model();
    PrintWriter pw = spec.commandLine().getOut();
    pw.printf(Locale.ROOT, "%s: %d of %d pictures used, RMS %.3f px, %d outlier views%n", id, cal.views().size(),
        files.size(), cal.rmsPx(), cal.outliers().size());
    pw.printf(Locale.ROOT, "fx %.3f  fy %.3f  cx %.3f  cy %.3f  (%dx%d)%n", m.fx(), m.fy(), m.cx(), m.cy(), m.width(),
        m.height());
    double[] k = m.distortion();
    pw.printf(Locale.ROOT, "distortion k1 %.5f k2 %.5f p1 %.6f p2 %.6f k3 %.5f%n", k[0], k[1], k[2], k[3], k[4]);
    for (ViewResult v : cal.outliers()) {
      pw.printf(Locale.ROOT, "outlier view %s: RMS %.3f px%n", v.source(), v.rmsPx());
    }
    for (SkippedInput s : cal.skipped()) {
      pw.printf(Locale.ROOT, "skipped %s: %s%n", s.source(), s.reason());
    }
    pw.printf("wrote %s, %s.yml, %s, %s, %s in %s%n", CALIBRATION_FILE, id, RESIDUALS_FILE, CORNERS_PICTURE,
        RESIDUALS_PICTURE, out);
    pw.flush();
    return Dpface.EXIT_OK;
  }

  private static boolean isPicture(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
  }

  /** 16-bit gray PNG (raw captures) through core's reader, stretched to 8 bits; anything else via imread. */
  private static GrayU8 readGray8(Path f) throws IOException {
    if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")
        && PngImages.read(f) instanceof PngImages.Gray16 g16) {
      try (Mat m = OpenCvImages.toMat8(g16.image())) {
        return OpenCvImages.toGrayU8(m);
      }
    }
    try (Mat m = imread(f.toString(), IMREAD_GRAYSCALE)) {
      if (m.empty()) {
        throw new IOException("cannot read " + f + " as an image");
      }
      return OpenCvImages.toGrayU8(m);
    }
  }

  /** The residual report (format {@value #RESIDUALS_FORMAT}, version {@value #RESIDUALS_VERSION}). */
  static String residualReport(String id, BoardSpec board, CameraCalibration cal) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", RESIDUALS_FORMAT);
    root.put("version", RESIDUALS_VERSION);
    root.put("camera", id);
    root.put("board", board.toSpecString());
    root.put("rmsPx", cal.rmsPx());
    root.put("distortionModel", cal.distortion().name());
    double[] sd = cal.intrinsicStdDev();
    ArrayNode sdn = root.putArray("intrinsicStdDev");
    for (double v : sd) {
      sdn.add(v);
    }
    ArrayNode views = root.putArray("views");
    for (ViewResult v : cal.views()) {
      ObjectNode n = views.addObject();
      n.put("source", v.source());
      n.put("rmsPx", v.rmsPx());
      n.put("maxErrorPx", v.maxErrorPx());
      n.put("corners", v.corners());
      n.put("outlier", v.outlier());
    }
    ArrayNode skipped = root.putArray("skipped");
    for (SkippedInput s : cal.skipped()) {
      ObjectNode n = skipped.addObject();
      n.put("source", s.source());
      n.put("reason", s.reason());
    }
    return mapper.writeValueAsString(root) + "\n";
  }
}
