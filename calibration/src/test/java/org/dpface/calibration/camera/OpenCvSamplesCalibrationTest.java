package org.dpface.calibration.camera;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dpface.calibration.SharedData;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.opencv.OpenCvImages;
import org.dpface.calibration.target.BoardSpecs;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.camera.CameraModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calibrates the left camera of OpenCV's stereo sample set (left01..left14.jpg, 640x480, 9x6 inner
 * corners) and compares with OpenCV's published result in {@code left_intrinsics.yml}. Skips with a
 * reason when the data folder is absent.
 */
class OpenCvSamplesCalibrationTest {
  /** Issue 7: fx, fy, cx, cy within 0.5 % of the published values. */
  static final double INTRINSIC_REL_TOL = 0.005;
  /** Looser bound for dpface's defaults, which do not share the published run's corner bias. */
  static final double DEFAULTS_REL_TOL = 0.01;
  /** RMS of the published run, px (avg_reprojection_error). */
  static final double PUBLISHED_RMS_PX = 0.3926;
  /** Allowed excess over the published RMS when reproducing its protocol, px. */
  static final double RMS_SLACK_PX = 0.05;

  private static Path dir;

  @BeforeAll
  static void locate() {
    Optional<Path> d = SharedData.find("calibration/opencv-stereo-samples");
    assumeTrue(d.isPresent(), "shared data calibration/opencv-stereo-samples absent "
        + "(set -Ddpface.shared.data=DIR); skipping the real-image calibration test");
    dir = d.get();
  }

  private static List<CornerDetection> detectLeft(ChessboardDetector detector) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().matches("left\\d+\\.jpg")).sorted().toList();
    }
    assertEquals(13, files.size(), "left images in " + dir);
    List<CornerDetection> out = new ArrayList<>();
    for (Path f : files) {
      try (Mat m = imread(f.toString(), IMREAD_GRAYSCALE)) {
        assertFalse(m.empty(), "cannot read " + f);
        out.add(detector.detect(f.getFileName().toString(), OpenCvImages.toGrayU8(m)));
      }
    }
    return out;
  }

  /**
   * The published K from left_intrinsics.yml. The shared copy is pretty-printed with trailing commas
   * inside the data lists, which cv::FileStorage rejects ("Incorrect indentation"), so the test reads the
   * nine camera_matrix numbers with a plain pattern instead.
   */
  private static CameraModel published() throws IOException {
    String text = Files.readString(dir.resolve("left_intrinsics.yml"));
    Matcher block = Pattern.compile("camera_matrix:[^\\[]*\\[([^\\]]*)\\]").matcher(text);
    assertTrue(block.find(), "camera_matrix in left_intrinsics.yml");
    String[] parts = block.group(1).split(",");
    List<Double> k = new ArrayList<>();
    for (String p : parts) {
      if (!p.isBlank()) {
        k.add(Double.parseDouble(p.trim()));
      }
    }
    assertEquals(9, k.size(), "camera_matrix values");
    return new CameraModel(640, 480, k.get(0), k.get(4), k.get(2), k.get(5));
  }

  private static void assertMatchesPublished(
      CameraCalibration cal, CameraModel pub, double relTol, double maxRms, String what) {
    CameraModel m = cal.model();
    assertEquals(pub.fx(), m.fx(), relTol * pub.fx(), what + " fx");
    assertEquals(pub.fy(), m.fy(), relTol * pub.fy(), what + " fy");
    assertEquals(pub.cx(), m.cx(), relTol * pub.cx(), what + " cx");
    assertEquals(pub.cy(), m.cy(), relTol * pub.cy(), what + " cy");
    assertTrue(cal.rmsPx() < maxRms, what + " rms " + cal.rmsPx() + " >= " + maxRms);
  }

  /**
   * OpenCV's calibration sample protocol, which produced the published file (flags = 2:
   * CALIB_FIX_ASPECT_RATIO; findChessboardCorners + cornerSubPix with an 11 px half window): dpface
   * reproduces the published intrinsics within 0.5 % (measured: within 0.04 %), and the same outlier
   * (left02.jpg: 1.18 px published against a median of 0.19 px).
   */
  @Test
  void openCvSampleProtocolMatchesPublishedIntrinsics() throws IOException {
    ChessboardSpec board = (ChessboardSpec) BoardSpecs.parse("chessboard:9x6:25");
    List<CornerDetection> det =
        detectLeft(new ChessboardDetector(board, ChessboardDetector.Method.CLASSIC, 11));
    CameraCalibration cal =
        new CameraCalibrator(CalibrationConfig.defaults().withFixAspectRatio(true)).calibrate(board, det);
    assertEquals(13, cal.views().size(), "classic detector finds all 13 boards: " + cal.skipped());
    assertMatchesPublished(cal, published(), INTRINSIC_REL_TOL, PUBLISHED_RMS_PX + RMS_SLACK_PX, "sample protocol");
    assertEquals(cal.model().fx(), cal.model().fy(), 1e-9, "fixed aspect ratio");
    assertEquals(List.of("left02.jpg"), cal.outliers().stream().map(ViewResult::source).toList());
  }

  /**
   * dpface's defaults (classic detection with the adaptive cornerSubPix window, free aspect ratio) fit
   * these images better than the published run (measured RMS 0.245 px against 0.393 px, no outlier
   * view) and land 0.36 % below the published focal length and 1.1 px (0.47 %) below its cy. The
   * published result carries the bias of left02's mislocalised corners: with a fixed 11 px window but
   * left02 left out, f drops from 536.1 to 534.1; with a fixed 5 or 8 px window f is 532.7 to 532.9 at
   * RMS 0.18 to 0.20 px. So the defaults are held to 1 % (not the 0.5 % of the published protocol) and
   * to a lower RMS than published.
   */
  @Test
  void defaultsFitBetterThanPublishedAndStayClose() throws IOException {
    ChessboardSpec board = (ChessboardSpec) BoardSpecs.parse("chessboard:9x6:25");
    List<CornerDetection> det = detectLeft(new ChessboardDetector(board));
    CameraCalibration cal = new CameraCalibrator(CalibrationConfig.defaults()).calibrate(board, det);
    assertEquals(13, cal.views().size(), "default detector finds all 13 boards: " + cal.skipped());
    assertMatchesPublished(cal, published(), DEFAULTS_REL_TOL, PUBLISHED_RMS_PX, "defaults");
    assertTrue(cal.outliers().isEmpty(), "no outlier views: " + cal.outliers());
  }
}
