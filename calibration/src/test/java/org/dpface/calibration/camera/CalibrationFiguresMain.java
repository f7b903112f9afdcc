package org.dpface.calibration.camera;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dpface.calibration.ChessboardRenderer;
import org.dpface.calibration.SharedData;
import org.dpface.calibration.SyntheticViews;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.opencv.OpenCvImages;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * Prints the single-camera figures on OpenCV's left stereo samples (not a test): intrinsics, RMS and
 * outliers for both detectors, free and fixed aspect ratio. Published (left_intrinsics.yml, flags =
 * FIX_ASPECT_RATIO): f = 535.916, cx = 342.283, cy = 235.571, RMS 0.393 px.
 * Run: {@code java -cp <test classpath> org.dpface.calibration.camera.CalibrationFiguresMain}.
 */
public final class CalibrationFiguresMain {
  private CalibrationFiguresMain() {}

  public static void main(String[] args) throws IOException {
    syntheticFigures();
    Path dir = SharedData.find("calibration/opencv-stereo-samples").orElseThrow();
    ChessboardSpec board = new ChessboardSpec(9, 6, 25);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().matches("left\\d+\\.jpg")).sorted().toList();
    }
    List<ChessboardDetector> detectors = List.of(
        new ChessboardDetector(board, ChessboardDetector.Method.SECTOR_BASED),
        new ChessboardDetector(board, ChessboardDetector.Method.CLASSIC),
        new ChessboardDetector(board, ChessboardDetector.Method.CLASSIC, 11));
    for (ChessboardDetector det : detectors) {
      String method = det.method() + "/window=" + det.subPixHalfWindow();
      List<CornerDetection> d = new ArrayList<>();
      for (Path f : files) {
        try (Mat m = imread(f.toString(), IMREAD_GRAYSCALE)) {
          d.add(det.detect(f.getFileName().toString(), OpenCvImages.toGrayU8(m)));
        }
      }
      for (boolean fix : new boolean[] {false, true}) {
        CameraCalibration c = new CameraCalibrator(CalibrationConfig.defaults().withFixAspectRatio(fix))
            .calibrate(board, d);
        CameraModel m = c.model();
        double[] sd = c.intrinsicStdDev();
        System.out.printf(
            "%s fixAspect=%b views=%d fx=%.3f fy=%.3f cx=%.3f cy=%.3f (sd %.2f %.2f %.2f %.2f) "
                + "dfx=%.3f%% dfy=%.3f%% dcx=%.3f%% dcy=%.3f%% rms=%.4f outliers=%s%n",
            method, fix, c.views().size(), m.fx(), m.fy(), m.cx(), m.cy(), sd[0], sd[1], sd[2], sd[3],
            pct(m.fx(), 535.91573396163199), pct(m.fy(), 535.91573396163199),
            pct(m.cx(), 342.28315473308373), pct(m.cy(), 235.57082909788173), c.rmsPx(),
            c.outliers().stream().map(ViewResult::source).toList());
        for (ViewResult v : c.views()) {
          System.out.printf("   %s %.3f%n", v.source(), v.rmsPx());
        }
      }
    }
  }

  /** The scene of {@link SyntheticCalibrationTest}: corner accuracy and recovered parameters. */
  static void syntheticFigures() {
    CameraModel truth = SyntheticCalibrationTest.TRUTH;
    ChessboardSpec board = SyntheticCalibrationTest.BOARD;
    ChessboardRenderer r = new ChessboardRenderer(truth, board, 4);
    List<RigidTransform> poses = SyntheticViews.poses(truth, board, 10, 20, SyntheticCalibrationTest.SEED);
    for (ChessboardDetector.Method method : ChessboardDetector.Method.values()) {
      ChessboardDetector det = new ChessboardDetector(board, method);
      List<CornerDetection> d = new ArrayList<>();
      double su = 0;
      double sv = 0;
      double s2 = 0;
      int n = 0;
      for (int i = 0; i < poses.size(); i++) {
        CornerDetection c = det.detect("view" + i, r.renderU8(poses.get(i), 2.0, SyntheticCalibrationTest.SEED + i));
        d.add(c);
        double[] t = r.trueCorners(poses.get(i));
        double[] a = SyntheticCalibrationTest.alignedToTruth(c.corners(), t);
        for (int k = 0; k < a.length; k += 2) {
          su += a[k] - t[k];
          sv += a[k + 1] - t[k + 1];
          s2 += (a[k] - t[k]) * (a[k] - t[k]) + (a[k + 1] - t[k + 1]) * (a[k + 1] - t[k + 1]);
          n++;
        }
      }
      CameraCalibration c = new CameraCalibrator(CalibrationConfig.defaults()).calibrate(board, d);
      CameraModel m = c.model();
      System.out.printf("synthetic %s: corner bias (%.4f, %.4f) px rms %.4f px; fx %.4f%% fy %.4f%% "
              + "cx %+.3f px cy %+.3f px; distortion max diff %.4f px; rms %.4f px%n",
          method, su / n, sv / n, Math.sqrt(s2 / n), pct(m.fx(), truth.fx()), pct(m.fy(), truth.fy()),
          m.cx() - truth.cx(), m.cy() - truth.cy(),
          SyntheticCalibrationTest.maxDistortionDifferencePx(truth, m), c.rmsPx());
    }
  }

  private static double pct(double v, double ref) {
    return 100 * (v - ref) / ref;
  }
}
