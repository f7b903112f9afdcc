package org.dpface.calibration.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dpface.calibration.ChessboardRenderer;
import org.dpface.calibration.SyntheticViews;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders a 9x6 chessboard (25 mm squares) at seeded poses through a known distorted camera (4x4
 * supersampled, 2 DN noise), detects it and calibrates: the recovered intrinsics, distortion and poses
 * are compared with the truth.
 *
 * <p>Measured (this seed; {@code CalibrationFiguresMain}): default detector (classic + adaptive
 * cornerSubPix): corner bias (0.003, -0.002) px, corner RMS 0.058 px; fx +0.011 %, fy +0.016 %, cx +0.08
 * px, cy +0.07 px, distortion within 0.095 px, RMS 0.057 px. Sector-based: corner RMS 0.098 px, fx +0.15
 * %, fy +0.16 %, cx +0.31 px, cy -0.36 px, distortion within 0.14 px, RMS 0.088 px.
 */
class SyntheticCalibrationTest {
  static final CameraModel TRUTH =
      new CameraModel(640, 480, 600.0, 603.0, 322.4, 236.8, -0.25, 0.09, 0.0012, -0.0008, -0.01);
  static final ChessboardSpec BOARD = new ChessboardSpec(9, 6, 25);
  static final int VIEWS = 10;
  static final long SEED = 0xCA1B_0007L;
  static final double NOISE_DN = 2.0;

  /** Detected corners vs true projections: mean offset (bias) per axis, px (a convention slip is 0.5). */
  static final double CORNER_BIAS_TOL_PX = 0.02;
  /** Detected corners vs true projections: RMS, px; default detector and sector-based. */
  static final double CORNER_RMS_TOL_PX = 0.08;
  static final double SB_CORNER_RMS_TOL_PX = 0.15;
  /** Corner RMS of one view, px (one view's noise varies more than the 10-view average). */
  static final double SINGLE_VIEW_RMS_TOL_PX = 0.15;
  /** Relative focal length error; default detector and sector-based. */
  static final double FOCAL_REL_TOL = 0.001;
  static final double SB_FOCAL_REL_TOL = 0.004;
  /** Principal point error, px; default detector and sector-based. */
  static final double PRINCIPAL_TOL_PX = 0.4;
  static final double SB_PRINCIPAL_TOL_PX = 1.0;
  /** Largest difference between true and estimated distortion displacement over the image, px. */
  static final double DISTORTION_TOL_PX = 0.2;
  static final double SB_DISTORTION_TOL_PX = 0.4;
  /** Board pose errors: rotation (rad) and translation (mm). */
  static final double POSE_ROT_TOL_RAD = Math.toRadians(0.2);
  static final double POSE_T_TOL_MM = 2.0;

  private static List<RigidTransform> poses;
  private static List<GrayU8> images;
  private static List<CornerDetection> detections;
  private static ChessboardRenderer renderer;

  @BeforeAll
  static void render() {
    renderer = new ChessboardRenderer(TRUTH, BOARD, 4);
    poses = SyntheticViews.poses(TRUTH, BOARD, VIEWS, 20, SEED);
    images = new ArrayList<>();
    for (int i = 0; i < VIEWS; i++) {
      images.add(renderer.renderU8(poses.get(i), NOISE_DN, SEED + i));
    }
    detections = detectAll(new ChessboardDetector(BOARD));
  }

  private static List<CornerDetection> detectAll(ChessboardDetector detector) {
    List<CornerDetection> out = new ArrayList<>();
    for (int i = 0; i < VIEWS; i++) {
      out.add(detector.detect("view" + i, images.get(i)));
    }
    return out;
  }

  @Test
  void cornersAreUnbiasedInThePixelCentreConvention() {
    double[] stats = cornerStats(detections);
    assertEquals(0, stats[0], CORNER_BIAS_TOL_PX, "mean u offset");
    assertEquals(0, stats[1], CORNER_BIAS_TOL_PX, "mean v offset");
    assertTrue(stats[2] < CORNER_RMS_TOL_PX, "corner rms " + stats[2]);
  }

  @Test
  void sixteenBitImagesGiveTheSameCorners() {
    // Same scene rendered at 16 bits (noise scaled to the same relative level), one view: its corner
    // error stays at the level of the 8-bit path (measured 0.096 px for this view).
    GrayU16 img = renderer.renderU16(poses.get(0), NOISE_DN * 257, SEED);
    CornerDetection d16 = new ChessboardDetector(BOARD).detect("view0-16bit", img);
    assertTrue(d16.isFound(), d16.failure());
    double[] truth = renderer.trueCorners(poses.get(0));
    double[] c = alignedToTruth(d16.corners(), truth);
    double s2 = 0;
    for (int k = 0; k < c.length; k += 2) {
      s2 += (c[k] - truth[k]) * (c[k] - truth[k]) + (c[k + 1] - truth[k + 1]) * (c[k + 1] - truth[k + 1]);
    }
    assertTrue(Math.sqrt(s2 / (c.length / 2)) < SINGLE_VIEW_RMS_TOL_PX, "16-bit corner rms " + Math.sqrt(s2 / (c.length / 2)));
  }

  @Test
  void sectorBasedDetectorAlsoRecoversTheCamera() {
    List<CornerDetection> sb = detectAll(new ChessboardDetector(BOARD, ChessboardDetector.Method.SECTOR_BASED));
    double[] stats = cornerStats(sb);
    assertEquals(0, stats[0], CORNER_BIAS_TOL_PX, "SB mean u offset");
    assertEquals(0, stats[1], CORNER_BIAS_TOL_PX, "SB mean v offset");
    assertTrue(stats[2] < SB_CORNER_RMS_TOL_PX, "SB corner rms " + stats[2]);
    CameraModel m = new CameraCalibrator(CalibrationConfig.defaults()).calibrate(BOARD, sb).model();
    assertEquals(TRUTH.fx(), m.fx(), SB_FOCAL_REL_TOL * TRUTH.fx(), "SB fx");
    assertEquals(TRUTH.fy(), m.fy(), SB_FOCAL_REL_TOL * TRUTH.fy(), "SB fy");
    assertEquals(TRUTH.cx(), m.cx(), SB_PRINCIPAL_TOL_PX, "SB cx");
    assertEquals(TRUTH.cy(), m.cy(), SB_PRINCIPAL_TOL_PX, "SB cy");
    assertTrue(maxDistortionDifferencePx(TRUTH, m) < SB_DISTORTION_TOL_PX, "SB distortion");
  }

  /** {mean du, mean dv, rms} of detected corners against the true projections, px. */
  private static double[] cornerStats(List<CornerDetection> dets) {
    double su = 0;
    double sv = 0;
    double s2 = 0;
    int n = 0;
    for (int i = 0; i < VIEWS; i++) {
      CornerDetection d = dets.get(i);
      assertTrue(d.isFound(), d.source() + ": " + d.failure());
      double[] truth = renderer.trueCorners(poses.get(i));
      double[] c = alignedToTruth(d.corners(), truth);
      for (int k = 0; k < c.length; k += 2) {
        double du = c[k] - truth[k];
        double dv = c[k + 1] - truth[k + 1];
        su += du;
        sv += dv;
        s2 += du * du + dv * dv;
        n++;
      }
    }
    return new double[] {su / n, sv / n, Math.sqrt(s2 / n)};
  }

  @Test
  void recoversIntrinsicsDistortionAndPoses() {
    CameraCalibration cal = new CameraCalibrator(CalibrationConfig.defaults()).calibrate(BOARD, detections);
    CameraModel m = cal.model();
    assertEquals(VIEWS, cal.views().size());
    assertEquals(TRUTH.fx(), m.fx(), FOCAL_REL_TOL * TRUTH.fx(), "fx");
    assertEquals(TRUTH.fy(), m.fy(), FOCAL_REL_TOL * TRUTH.fy(), "fy");
    assertEquals(TRUTH.cx(), m.cx(), PRINCIPAL_TOL_PX, "cx");
    assertEquals(TRUTH.cy(), m.cy(), PRINCIPAL_TOL_PX, "cy");
    assertTrue(maxDistortionDifferencePx(TRUTH, m) < DISTORTION_TOL_PX,
        "distortion differs by " + maxDistortionDifferencePx(TRUTH, m) + " px");
    assertTrue(cal.rmsPx() < CORNER_RMS_TOL_PX, "rms " + cal.rmsPx());
    assertTrue(cal.outliers().isEmpty(), "no outliers on clean renders: " + cal.outliers());
    for (int i = 0; i < VIEWS; i++) {
      RigidTransform est = cal.views().get(i).boardToCamera();
      RigidTransform truth = poses.get(i);
      double[] c = detections.get(i).corners();
      double[] t = renderer.trueCorners(truth);
      if (Math.hypot(c[0] - t[0], c[1] - t[1]) > 5) {
        // OpenCV reported the corners from the far end: the board frame is turned 180° about its centre.
        double w = (BOARD.columns() - 1) * BOARD.squareMm();
        double h = (BOARD.rows() - 1) * BOARD.squareMm();
        truth = RigidTransform.fromRodrigues(new double[] {0, 0, Math.PI}, new double[] {w, h, 0}).then(truth);
      }
      assertTrue(est.rotationAngleTo(truth) < POSE_ROT_TOL_RAD, "view " + i + " rotation " + est.rotationAngleTo(truth));
      assertTrue(est.translationDistanceTo(truth) < POSE_T_TOL_MM,
          "view " + i + " translation " + est.translationDistanceTo(truth));
    }
  }

  /** Detected corners in truth order: reversed when OpenCV started from the opposite corner. */
  static double[] alignedToTruth(double[] c, double[] truth) {
    if (Math.hypot(c[0] - truth[0], c[1] - truth[1]) <= 5) {
      return c;
    }
    int n = c.length / 2;
    double[] r = new double[c.length];
    for (int i = 0; i < n; i++) {
      r[2 * i] = c[2 * (n - 1 - i)];
      r[2 * i + 1] = c[2 * (n - 1 - i) + 1];
    }
    return r;
  }

  /** Max over a 33x25 pixel grid of |pixel(truth distortion) − pixel(estimated distortion)|, same K. */
  static double maxDistortionDifferencePx(CameraModel truth, CameraModel est) {
    double[] a = new double[2];
    double[] b = new double[2];
    double max = 0;
    for (int j = 0; j <= 24; j++) {
      for (int i = 0; i <= 32; i++) {
        double u = i * (truth.width() - 1) / 32.0;
        double v = j * (truth.height() - 1) / 24.0;
        double xn = (u - truth.cx()) / truth.fx();
        double yn = (v - truth.cy()) / truth.fy();
        truth.distortNormalized(xn, yn, a, 0);
        est.distortNormalized(xn, yn, b, 0);
        max = Math.max(max, Math.hypot((a[0] - b[0]) * truth.fx(), (a[1] - b[1]) * truth.fy()));
      }
    }
    return max;
  }
}
