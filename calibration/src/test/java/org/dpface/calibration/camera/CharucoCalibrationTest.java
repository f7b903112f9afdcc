package org.dpface.calibration.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dpface.calibration.target.CharucoRenderer;
import org.dpface.calibration.SyntheticViews;
import org.dpface.calibration.detect.BoardDetector;
import org.dpface.calibration.detect.CharucoCornerDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.target.BoardSpecs;
import org.dpface.calibration.target.CharucoSpec;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU8;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ChArUco end to end on rendered images: OpenCV prints a {@code charuco:7x5:30:22:DICT_5X5_100} board,
 * {@link CharucoRenderer} warps it under seeded poses through a known pinhole camera (4x4 supersampled,
 * Gaussian blur σ = 0.6 px, 2 DN noise), every other view with a large occluder over part of the board.
 * The detector's corners are compared with the true projections and the calibration with the camera.
 */
class CharucoCalibrationTest {
  static final CameraModel TRUTH = CameraModel.pinhole(640, 480, 760.0, 318.6, 243.2);
  static final CharucoSpec BOARD = (CharucoSpec) BoardSpecs.parse("charuco:7x5:30:22:DICT_5X5_100");
  static final int VIEWS = 10;
  static final long SEED = 0xC4A2_0C00L;
  static final double BLUR_PX = 0.6;
  static final double NOISE_DN = 2.0;

  /** Detected corners vs truth: RMS and worst, px (a wrong id would be ≥ one square, ~40 px). */
  static final double CORNER_RMS_TOL_PX = 0.1;
  static final double CORNER_MAX_TOL_PX = 0.5;
  /** Issue 7: focal within 0.5 % of the known camera. */
  static final double FOCAL_REL_TOL = 0.005;
  /** Principal point, px. */
  static final double PRINCIPAL_TOL_PX = 2.0;

  private static CharucoRenderer renderer;
  private static List<RigidTransform> poses;
  private static List<CornerDetection> detections;
  private static CharucoCornerDetector detector;

  @BeforeAll
  static void renderAndDetect() {
    renderer = new CharucoRenderer(TRUTH, BOARD);
    detector = new CharucoCornerDetector(BOARD);
    // keep the inner corners 25 px inside the frame: the board's outer squares may leave it
    ChessboardSpec inner = new ChessboardSpec(BOARD.cornerColumns(), BOARD.cornerRows(), BOARD.squareMm());
    poses = SyntheticViews.poses(TRUTH, inner, VIEWS, 25, SEED);
    detections = new ArrayList<>();
    for (int v = 0; v < VIEWS; v++) {
      int[] occluder = v % 2 == 1 ? occluderOver(renderer.trueCorners(poses.get(v)), v) : null;
      GrayU8 img = renderer.render(poses.get(v), BLUR_PX, NOISE_DN, SEED + v, occluder);
      detections.add(detector.detect("view" + v, img));
    }
  }

  @AfterAll
  static void close() {
    if (renderer != null) {
      renderer.close();
    }
    if (detector != null) {
      detector.close();
    }
  }

  /**
   * An image rectangle covering the left (odd v / 2) or bottom part of the board's corners: from the
   * board's corner bounding box, the first 40 % of its width or last 40 % of its height.
   */
  private static int[] occluderOver(double[] corners, int v) {
    double minU = Double.MAX_VALUE;
    double maxU = -Double.MAX_VALUE;
    double minV = Double.MAX_VALUE;
    double maxV = -Double.MAX_VALUE;
    for (int i = 0; i < corners.length; i += 2) {
      minU = Math.min(minU, corners[i]);
      maxU = Math.max(maxU, corners[i]);
      minV = Math.min(minV, corners[i + 1]);
      maxV = Math.max(maxV, corners[i + 1]);
    }
    if ((v / 2) % 2 == 0) {
      return new int[] {0, 0, (int) (minU + 0.4 * (maxU - minU)), TRUTH.height()};
    }
    return new int[] {0, (int) (maxV - 0.4 * (maxV - minV)), TRUTH.width(), TRUTH.height()};
  }

  @Test
  void detectsEveryViewWithSubPixelCornersNamedByTheRightIds() {
    double sum2 = 0;
    int n = 0;
    double worst = 0;
    double mdx = 0;
    double mdy = 0;
    for (int v = 0; v < VIEWS; v++) {
      CornerDetection d = detections.get(v);
      assertTrue(d.isFound(), "view " + v + ": " + d.failure());
      assertTrue(d.isPartial());
      double[] truth = renderer.trueCorners(poses.get(v));
      double[] c = d.corners();
      int[] ids = d.ids();
      for (int i = 0; i < ids.length; i++) {
        double e = Math.hypot(c[2 * i] - truth[2 * ids[i]], c[2 * i + 1] - truth[2 * ids[i] + 1]);
        sum2 += e * e;
        mdx += c[2 * i] - truth[2 * ids[i]];
        mdy += c[2 * i + 1] - truth[2 * ids[i] + 1];
        worst = Math.max(worst, e);
        n++;
      }
      if (v % 2 == 0) {
        assertTrue(d.cornerCount() >= BOARD.pointCount() - 2,
            "unoccluded view " + v + " found " + d.cornerCount() + " of " + BOARD.pointCount());
      } else {
        assertTrue(d.cornerCount() < BOARD.pointCount() * 0.8,
            "occluded view " + v + " still found " + d.cornerCount() + " of " + BOARD.pointCount());
      }
    }
    double rms = Math.sqrt(sum2 / n);
    System.out.printf("charuco corners vs truth: %d corners, bias (%.4f, %.4f) px, RMS %.4f px, max %.4f px%n", n,
        mdx / n, mdy / n, rms, worst);
    assertTrue(rms < CORNER_RMS_TOL_PX, "corner RMS " + rms);
    assertTrue(worst < CORNER_MAX_TOL_PX, "worst corner " + worst);
  }

  @Test
  void calibratesTheKnownCameraFromPartialViews() {
    CameraCalibration cal = new CameraCalibrator(CalibrationConfig.defaults()).calibrate(BOARD, detections);
    CameraModel m = cal.model();
    System.out.printf("charuco calibration: fx %+.3f %% fy %+.3f %% cx %+.2f px cy %+.2f px RMS %.3f px%n",
        100 * (m.fx() / TRUTH.fx() - 1), 100 * (m.fy() / TRUTH.fy() - 1), m.cx() - TRUTH.cx(),
        m.cy() - TRUTH.cy(), cal.rmsPx());
    assertEquals(VIEWS, cal.views().size());
    assertEquals(TRUTH.fx(), m.fx(), FOCAL_REL_TOL * TRUTH.fx());
    assertEquals(TRUTH.fy(), m.fy(), FOCAL_REL_TOL * TRUTH.fy());
    assertEquals(TRUTH.cx(), m.cx(), PRINCIPAL_TOL_PX);
    assertEquals(TRUTH.cy(), m.cy(), PRINCIPAL_TOL_PX);
    assertTrue(cal.rmsPx() < CORNER_RMS_TOL_PX, "RMS " + cal.rmsPx());
    for (int v = 0; v < VIEWS; v++) {
      ViewResult r = cal.views().get(v);
      assertEquals(detections.get(v).cornerCount(), r.corners());
      assertFalse(r.outlier(), r.source());
      RigidTransform truth = poses.get(v);
      assertTrue(r.boardToCamera().rotationAngleTo(truth) < Math.toRadians(0.3), "view " + v + " rotation");
      assertTrue(r.boardToCamera().translationDistanceTo(truth) < 3.0, "view " + v + " translation");
    }
  }

  @Test
  void calibratesFromOccludedViewsAlone() {
    List<CornerDetection> occluded = new ArrayList<>();
    for (int v = 1; v < VIEWS; v += 2) {
      occluded.add(detections.get(v));
    }
    CameraModel m = new CameraCalibrator(CalibrationConfig.defaults().withDistortion(DistortionModel.RADIAL2_TANGENTIAL))
        .calibrate(BOARD, occluded).model();
    System.out.printf("charuco, occluded views alone: fx %+.3f %% fy %+.3f %% cx %+.2f px cy %+.2f px%n",
        100 * (m.fx() / TRUTH.fx() - 1), 100 * (m.fy() / TRUTH.fy() - 1), m.cx() - TRUTH.cx(), m.cy() - TRUTH.cy());
    assertEquals(TRUTH.fx(), m.fx(), 2 * FOCAL_REL_TOL * TRUTH.fx());
    assertEquals(TRUTH.fy(), m.fy(), 2 * FOCAL_REL_TOL * TRUTH.fy());
  }

  @Test
  void emptyImageIsAFailedDetectionWithAReason() {
    GrayU8 blank = new GrayU8(320, 240);
    CornerDetection d = detector.detect("blank.png", blank);
    assertFalse(d.isFound());
    assertTrue(d.failure().contains("ChArUco"), d.failure());
    assertTrue(BoardDetector.forBoard(BOARD) instanceof CharucoCornerDetector);
  }

  @Test
  void rejectsPartialViewsWithIdsOutsideTheBoard() {
    List<CornerDetection> bad = new ArrayList<>(detections);
    CornerDetection d = detections.get(0);
    int[] ids = d.ids();
    ids[0] = BOARD.pointCount() + 3;
    bad.set(0, CornerDetection.foundPartial(d.source(), d.width(), d.height(), ids, d.corners()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CameraCalibrator(CalibrationConfig.defaults()).calibrate(BOARD, bad));
    assertTrue(e.getMessage().contains("corner id " + (BOARD.pointCount() + 3)), e.getMessage());
  }
}
