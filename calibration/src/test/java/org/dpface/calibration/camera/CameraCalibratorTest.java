package org.dpface.calibration.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dpface.calibration.SyntheticViews;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.junit.jupiter.api.Test;

/** The calibrator on projected (not rendered) corners: exact recovery, noise, outliers, bad input. */
class CameraCalibratorTest {
  static final CameraModel TRUTH =
      new CameraModel(800, 600, 700.0, 702.0, 401.3, 297.9, -0.2, 0.05, 0.001, -0.0005, 0.01);
  static final ChessboardSpec BOARD = new ChessboardSpec(8, 6, 30);
  static final long SEED = 4242;
  /** Noise-free corners (float32 inside OpenCV): relative focal error and principal point error, px. */
  static final double EXACT_REL_TOL = 1e-5;
  static final double EXACT_PX_TOL = 0.01;
  /** RMS of noise-free corners, px (float32 rounding only). */
  static final double EXACT_RMS_PX = 1e-3;

  private static List<CornerDetection> project(List<RigidTransform> poses, double[] noisePx, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] obj = BOARD.objectPoints();
    double[] p = new double[3];
    List<CornerDetection> out = new ArrayList<>();
    for (int v = 0; v < poses.size(); v++) {
      double[] c = new double[2 * BOARD.pointCount()];
      for (int i = 0; i < BOARD.pointCount(); i++) {
        poses.get(v).transformPoint(obj[3 * i], obj[3 * i + 1], obj[3 * i + 2], p, 0);
        TRUTH.project(p[0], p[1], p[2], c, 2 * i);
        c[2 * i] += noisePx[v] * gauss(r);
        c[2 * i + 1] += noisePx[v] * gauss(r);
      }
      out.add(CornerDetection.found("v" + v, TRUTH.width(), TRUTH.height(), c));
    }
    return out;
  }

  private static double gauss(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  void noiseFreeCornersGiveTheTruthBack() {
    List<RigidTransform> poses = SyntheticViews.poses(TRUTH, BOARD, 8, 10, SEED);
    CameraCalibration cal =
        new CameraCalibrator(CalibrationConfig.defaults()).calibrate(BOARD, project(poses, new double[8], SEED));
    CameraModel m = cal.model();
    assertEquals(TRUTH.fx(), m.fx(), EXACT_REL_TOL * TRUTH.fx());
    assertEquals(TRUTH.fy(), m.fy(), EXACT_REL_TOL * TRUTH.fy());
    assertEquals(TRUTH.cx(), m.cx(), EXACT_PX_TOL);
    assertEquals(TRUTH.cy(), m.cy(), EXACT_PX_TOL);
    assertTrue(cal.rmsPx() < EXACT_RMS_PX, "rms " + cal.rmsPx());
    for (int v = 0; v < poses.size(); v++) {
      assertTrue(cal.views().get(v).boardToCamera().translationDistanceTo(poses.get(v)) < 0.01, "pose " + v);
    }
  }

  @Test
  void aNoisyViewIsFlaggedAndResidualsAreReportedPerView() {
    List<RigidTransform> poses = SyntheticViews.poses(TRUTH, BOARD, 8, 10, SEED);
    double[] noise = {0.1, 0.1, 0.1, 0.1, 1.5, 0.1, 0.1, 0.1};
    CameraCalibration cal =
        new CameraCalibrator(CalibrationConfig.defaults()).calibrate(BOARD, project(poses, noise, SEED));
    assertEquals(List.of("v4"), cal.outliers().stream().map(ViewResult::source).toList());
    for (ViewResult v : cal.views()) {
      assertTrue(v.maxErrorPx() >= v.rmsPx(), "max >= rms");
      assertEquals(BOARD.pointCount(), v.corners());
    }
    double sum = 0;
    for (ViewResult v : cal.views()) {
      sum += v.rmsPx() * v.rmsPx();
    }
    assertEquals(Math.sqrt(sum / cal.views().size()), cal.rmsPx(), 1e-12, "overall RMS pools all corners");
  }

  @Test
  void failedDetectionsAreSkippedWithReasonsAndBadInputIsRejected() {
    List<RigidTransform> poses = SyntheticViews.poses(TRUTH, BOARD, 3, 10, SEED);
    List<CornerDetection> d = new ArrayList<>(project(poses, new double[3], SEED));
    d.add(CornerDetection.failed("blurry.png", 800, 600, "no 8x6 chessboard found"));
    CameraCalibration cal = new CameraCalibrator(CalibrationConfig.defaults()).calibrate(BOARD, d);
    assertEquals(List.of(new SkippedInput("blurry.png", "no 8x6 chessboard found")), cal.skipped());

    IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
        () -> new CameraCalibrator(CalibrationConfig.defaults()).calibrate(BOARD, d.subList(1, 4)));
    assertTrue(few.getMessage().contains("need at least 3"), few.getMessage());
    List<CornerDetection> mixed = new ArrayList<>(d.subList(0, 3));
    mixed.add(CornerDetection.found("small.png", 400, 300, d.get(0).corners()));
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> new CameraCalibrator(CalibrationConfig.defaults()).calibrate(BOARD, mixed));
    assertTrue(size.getMessage().contains("small.png"), size.getMessage());
  }

  @Test
  void fourTermModelKeepsK3AtZero() {
    List<RigidTransform> poses = SyntheticViews.poses(TRUTH, BOARD, 6, 10, SEED);
    CameraCalibration cal = new CameraCalibrator(
            CalibrationConfig.defaults().withDistortion(DistortionModel.RADIAL2_TANGENTIAL))
        .calibrate(BOARD, project(poses, new double[6], SEED));
    assertEquals(0.0, cal.model().distortion()[4]);
    assertEquals(DistortionModel.RADIAL2_TANGENTIAL, cal.distortion());
  }
}
