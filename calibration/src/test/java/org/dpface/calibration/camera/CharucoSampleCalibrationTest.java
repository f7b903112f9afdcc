package org.dpface.calibration.camera;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dpface.calibration.SharedData;
import org.dpface.calibration.detect.BoardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.io.OpenCvYaml;
import org.dpface.calibration.opencv.OpenCvImages;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.calibration.target.BoardSpecs;
import org.dpface.calibration.target.CharucoSpec;
import org.dpface.core.camera.CameraModel;
import org.junit.jupiter.api.Test;

/**
 * Real ChArUco pictures, when the shared data holds them: {@code calibration/charuco/} with the pictures
 * (PNG/JPEG), {@code board.txt} (the board spec, e.g. {@code charuco:7x5:30:22:DICT_5X5_100}) and
 * optionally {@code reference.yml} (an OpenCV camera file with a published K: fx and fy must then agree
 * within 0.5 %). Skips with the reason when the folder is absent (it is today: the shared data holds only
 * OpenCV's stereo chessboard samples).
 */
class CharucoSampleCalibrationTest {
  static final double FOCAL_REL_TOL = 0.005;
  static final double RMS_MAX_PX = 1.0;

  @Test
  void calibratesTheSharedChArUcoSample() throws Exception {
    Optional<Path> d = SharedData.find("calibration/charuco");
    assumeTrue(d.isPresent(), "no real ChArUco sample in the shared data (calibration/charuco/ with board.txt); "
        + "skipping the real-image ChArUco test");
    Path dir = d.get();
    BoardSpec board = BoardSpecs.parse(Files.readString(dir.resolve("board.txt")).strip());
    assertTrue(board instanceof CharucoSpec, "board.txt: " + board.toSpecString());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)")).sorted()
          .toList();
    }
    BoardDetector detector = BoardDetector.forBoard(board);
    List<CornerDetection> detections = new ArrayList<>();
    for (Path f : files) {
      try (Mat m = imread(f.toString(), IMREAD_GRAYSCALE)) {
        assertFalse(m.empty(), "cannot read " + f);
        detections.add(detector.detect(f.getFileName().toString(), OpenCvImages.toGrayU8(m)));
      }
    }
    CameraCalibration cal = new CameraCalibrator(CalibrationConfig.defaults()).calibrate(board, detections);
    CameraModel m = cal.model();
    System.out.printf(Locale.ROOT, "charuco sample: %d of %d views, fx %.3f fy %.3f cx %.3f cy %.3f, RMS %.3f px%n",
        cal.views().size(), files.size(), m.fx(), m.fy(), m.cx(), m.cy(), cal.rmsPx());
    assertTrue(cal.rmsPx() < RMS_MAX_PX, "RMS " + cal.rmsPx());
    if (Files.isRegularFile(dir.resolve("reference.yml"))) {
      CameraModel ref = OpenCvYaml.read(dir.resolve("reference.yml"));
      assertEquals(ref.fx(), m.fx(), FOCAL_REL_TOL * ref.fx(), "fx");
      assertEquals(ref.fy(), m.fy(), FOCAL_REL_TOL * ref.fy(), "fy");
    }
  }
}
