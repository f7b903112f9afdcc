package org.dpface.cli.calibrate;

import static org.bytedeco.opencv.global.opencv_calib3d.drawChessboardCorners;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.dpface.calibration.camera.CalibrationConfig;
import org.dpface.calibration.camera.CameraCalibration;
import org.dpface.calibration.camera.CameraCalibrator;
import org.dpface.calibration.camera.DistortionModel;
import org.dpface.calibration.camera.SkippedInput;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.OpenCvYaml;
import org.dpface.calibration.opencv.OpenCvImages;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.calibration.target.BoardSpecs;
import org.dpface.calibration.target.ChessboardSpec;
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
 * {@code dpface calibrate camera}: one camera's intrinsics from a folder of chessboard pictures (PNG, 8 or
 * 16 bit, or JPEG; sorted by name). Detection: {@link ChessboardDetector} (16-bit frames min-max stretched
 * to 8 bits); calibration: {@link CameraCalibrator} (Zhang 2000 via OpenCV). Writes into {@code --out}:
 * {@value #CALIBRATION_FILE} (the camera defines the rig frame), {@code <id>.yml} (OpenCV FileStorage),
 * {@value #RESIDUALS_FILE} (per-view residuals, skipped inputs) and {@value #CORNERS_PICTURE} (the
 * first detected view with its corners drawn by OpenCV).
 */
@Command(
    name = "camera",
    mixinStandardHelpOptions = true,
    description = {
      "Calibrates one camera from a folder of chessboard pictures (PNG/JPG).",
      "Writes calibration.json, <id>.yml (OpenCV), residuals.json and corners.png into --out."
    })
public final class CalibrateCameraCommand implements Callable<Integer> {
  static final String CALIBRATION_FILE = "calibration.json";
  static final String RESIDUALS_FILE = "residuals.json";
  static final String CORNERS_PICTURE = "corners.png";
  static final String RESIDUALS_FORMAT = "dpface-calibration-residuals";
  static final int RESIDUALS_VERSION = 1;

  @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of board pictures.")
  Path images;

  @Option(names = "--board", required = true, paramLabel = "SPEC",
      description = "Board: chessboard:COLSxROWS:SQUARE_MM (inner corners, mm), e.g. chessboard:9x6:25.")
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
    if (!(parsed instanceof ChessboardSpec chess)) {
      throw new IllegalArgumentException("only chessboard boards are supported, got " + board);
    }
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
    ChessboardDetector detector = new ChessboardDetector(chess);
    List<CornerDetection> detections = new ArrayList<>();
    GrayU8 firstFound = null;
    CornerDetection firstDetection = null;
    for (Path f : files) {
      GrayU8 gray = readGray8(f);
      CornerDetection d = detector.detect(f.getFileName().toString(), gray);
      detections.add(d);
      if (firstFound == null && d.isFound()) {
        firstFound = gray;
        firstDetection = d;
      }
    }
    CalibrationConfig config = CalibrationConfig.defaults().withDistortion(distortion).withFixAspectRatio(fixAspect);
    CameraCalibration cal = new CameraCalibrator(config).calibrate(chess, detections);

    Files.createDirectories(out);
    Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CalibrationJson.write(out.resolve(CALIBRATION_FILE), CalibrationFile.singleCamera(rigId, date, id, chess, cal));
    OpenCvYaml.write(out.resolve(id + ".yml"), cal.model(), cal.rmsPx());
    AtomicFiles.writeString(out.resolve(RESIDUALS_FILE), residualReport(id, chess, cal));
    writeCornersPicture(out.resolve(CORNERS_PICTURE), chess, firstFound, firstDetection);

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
    pw.printf("wrote %s, %s.yml, %s, %s in %s%n", CALIBRATION_FILE, id, RESIDUALS_FILE, CORNERS_PICTURE, out);
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
  static String residualReport(String id, ChessboardSpec board, CameraCalibration cal) throws IOException {
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

  /** OpenCV's drawChessboardCorners on the first detected view. */
  private static void writeCornersPicture(Path png, ChessboardSpec board, GrayU8 gray, CornerDetection d)
      throws IOException {
    if (gray == null) {
      return;
    }
    double[] c = d.corners();
    try (Mat g = OpenCvImages.toMat(gray);
        Mat bgr = new Mat();
        Mat corners = new Mat(c.length / 2, 1, CV_32FC2);
        Size size = new Size(board.columns(), board.rows());
        BytePointer bytes = new BytePointer()) {
      cvtColor(g, bgr, COLOR_GRAY2BGR);
      FloatBuffer fb = corners.createBuffer();
      for (double v : c) {
        fb.put((float) v);
      }
      drawChessboardCorners(bgr, size, corners, true);
      if (!imencode(".png", bgr, bytes)) {
        throw new IOException("OpenCV cannot encode " + png);
      }
      byte[] data = new byte[(int) bytes.limit()];
      bytes.get(data);
      AtomicFiles.write(png, data);
    }
  }
}
