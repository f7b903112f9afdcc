package org.dpface.rigs.virtual.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TargetRendererTest {
  private static final BoardSpec BOARD = BoardSpec.chessboard(9, 6, 20);
  /** Exact projection agreement (px). */
  private static final double PROJECTION_TOL = 1e-8;
  /** Mean and worst distance (px) of the measured corner from the true corner on a rendered frame. */
  private static final double CORNER_MEAN_TOL = 0.06;
  private static final double CORNER_MAX_TOL = 0.15;
  private static final int REFINE_RADIUS = 6;
  private static final double REFINE_SIGMA = 3;

  private static RigDescription rig;
  private static List<RigidTransform> poses;
  private static List<BoardPoses.PoseCoverage> coverage;

  @BeforeAll
  static void setUp() throws IOException {
    rig = BundledRigs.load("virtual-8cam");
    BoardPoses.Config cfg = BoardPoses.Config.defaults(3);
    poses = BoardPoses.generate(rig, BOARD, cfg, 7);
    coverage = BoardPoses.coverage(rig, BOARD, poses, cfg);
  }

  @Test
  void trueCornersMatchAnIndependentProjection() {
    for (RigDescription r : new RigDescription[] {rig, Projections.withDistortion(rig, -0.3, 0.2, 0.001, -0.002, 0)}) {
      try (TargetRenderer renderer = new TargetRenderer(r, BOARD, TargetRenderConfig.defaults())) {
        int visible = 0;
        for (RigidTransform pose : poses) {
          for (int c = 0; c < r.cameras().size(); c++) {
            CameraSpec cam = r.cameras().get(c);
            BoardViewTruth t = renderer.truth(pose, c);
            assertEquals(cam.id(), t.cameraId());
            boolean front = facesPrint(pose, cam);
            for (int k = 0; k < BOARD.cornerCount(); k++) {
              double[] p = Projections.project(cam, pose, BOARD.cornerX(k), BOARD.cornerY(k));
              assertEquals(p[0], t.u(k), PROJECTION_TOL, cam.id() + " corner " + k);
              assertEquals(p[1], t.v(k), PROJECTION_TOL, cam.id() + " corner " + k);
              boolean in = p[2] > 0 && p[0] >= -0.5 && p[0] < 479.5 && p[1] >= -0.5 && p[1] < 639.5;
              assertEquals(in && front, t.isVisible(k), cam.id() + " corner " + k);
              visible += t.isVisible(k) ? 1 : 0;
            }
          }
        }
        assertTrue(visible > 3 * 2 * BOARD.cornerCount(), "visible corners " + visible);
      }
    }
  }

  @Test
  void renderedCornersSitAtTheTrueCorners() {
    RigidTransform pose = poses.get(0);
    try (TargetRenderer renderer = new TargetRenderer(rig, BOARD, TargetRenderConfig.defaults())) {
      List<String> ids = coverage.get(0).cameraIds();
      for (String id : ids.subList(0, 3)) {
        int c = rig.cameras().indexOf(rig.camera(id).orElseThrow());
        GrayU16 img = new GrayU16(1, 1);
        renderer.renderFlat(0, pose, c, img);
        assertCornersAtTruth(img, renderer.truth(pose, c), id + " defocused");
      }
    }
  }

  @Test
  void distortedCamerasRenderCornersAtTheirTrueDistortedPositions() {
    RigDescription distorted = Projections.withDistortion(rig, -0.3, 0.2, 0.001, -0.002, 0);
    RigidTransform pose = poses.get(1);
    String id = coverage.get(1).cameraIds().get(0);
    int c = rig.cameras().indexOf(rig.camera(id).orElseThrow());
    try (TargetRenderer plain = new TargetRenderer(rig, BOARD, TargetRenderConfig.defaults().withDefocus(false));
        TargetRenderer renderer = new TargetRenderer(distorted, BOARD, TargetRenderConfig.defaults().withDefocus(false))) {
      BoardViewTruth t = renderer.truth(pose, c);
      BoardViewTruth undistorted = plain.truth(pose, c);
      double moved = 0;
      for (int k = 0; k < t.cornerCount(); k++) {
        moved = Math.max(moved, Math.hypot(t.u(k) - undistorted.u(k), t.v(k) - undistorted.v(k)));
      }
      assertTrue(moved > 3, "distortion should move corners by pixels, moved " + moved);
      GrayU16 img = new GrayU16(1, 1);
      renderer.renderFlat(1, pose, c, img);
      assertCornersAtTruth(img, t, id + " distorted, sharp");
    }
  }

  /**
   * Measures every visible corner with {@link CornerRefiner} started at the rounded truth and checks
   * the distance to the truth; as a control, the same measurements are far from the truth shifted by
   * half a pixel, so a board rendered half a pixel off would fail.
   */
  private static void assertCornersAtTruth(GrayU16 img, BoardViewTruth t, String what) {
    double sum = 0;
    double max = 0;
    double shifted = 0;
    int n = 0;
    for (int k = 0; k < t.cornerCount(); k++) {
      if (!t.isVisible(k)) {
        continue;
      }
      double[] q = CornerRefiner.refine(img, Math.round(t.u(k)), Math.round(t.v(k)), REFINE_RADIUS, REFINE_SIGMA);
      assertNotNull(q, what + " corner " + k);
      double e = Math.hypot(q[0] - t.u(k), q[1] - t.v(k));
      sum += e;
      max = Math.max(max, e);
      shifted += Math.hypot(q[0] - (t.u(k) + 0.5), q[1] - t.v(k));
      n++;
    }
    assertEquals(BOARD.cornerCount(), n, what);
    assertTrue(sum / n < CORNER_MEAN_TOL, what + ": mean corner error " + sum / n + " px");
    assertTrue(max < CORNER_MAX_TOL, what + ": worst corner error " + max + " px");
    assertTrue(shifted / n > 0.4, what + ": control, mean error vs truth shifted 0.5 px = " + shifted / n);
  }

  @Test
  void structuredLightFramesCarryTheProjectedStripes() {
    RigidTransform pose = poses.get(0);
    int c = 0;
    int projector = 0;
    ProjectorSpec proj = rig.projectors().get(projector);
    CameraModel pm = proj.nominalModel();
    int period = 40;
    GrayU8 stripes = new GrayU8(pm.width(), pm.height());
    GrayU8 inverse = new GrayU8(pm.width(), pm.height());
    for (int y = 0; y < pm.height(); y++) {
      for (int x = 0; x < pm.width(); x++) {
        boolean on = (x / period) % 2 == 0;
        stripes.set(x, y, on ? 255 : 0);
        inverse.set(x, y, on ? 0 : 255);
      }
    }
    try (TargetRenderer renderer = new TargetRenderer(rig, BOARD, TargetRenderConfig.defaults())) {
      List<GrayU16> frames = renderer.renderPatterns(0, pose, c, projector, List.of(stripes, inverse));
      assertEquals(2, frames.size());
      // Expected stripe at each camera pixel: its ray meets the board plane, the point projects into the
      // projector; only pixels well inside the board and away from stripe edges are judged.
      CameraSpec cam = rig.cameras().get(c);
      CameraModel cm = cam.nominalModel();
      RigidTransform cameraToWorld = cam.cameraToWorld().toTransform();
      RigidTransform worldToBoard = pose.invert();
      double[] ray = new double[2];
      double[] px = new double[2];
      int judged = 0;
      int agree = 0;
      for (int v = 0; v < cm.height(); v++) {
        for (int u = 0; u < cm.width(); u++) {
          cm.unproject(u, v, ray, 0);
          double[] o = cameraToWorld.apply(new double[] {0, 0, 0});
          double[] d = cameraToWorld.apply(new double[] {ray[0], ray[1], 1});
          double[] ob = worldToBoard.apply(o);
          double[] db = worldToBoard.apply(d);
          double s = ob[2] / (ob[2] - db[2]);
          double bx = ob[0] + s * (db[0] - ob[0]);
          double by = ob[1] + s * (db[1] - ob[1]);
          if (bx < BOARD.minX() + 5 || bx > BOARD.maxX() - 5 || by < BOARD.minY() + 5 || by > BOARD.maxY() - 5) {
            continue;
          }
          double[] pp = proj.worldToProjector().apply(pose.apply(new double[] {bx, by, 0}));
          if (!pm.project(pp[0], pp[1], pp[2], px, 0) || !pm.isInside(px[0], px[1])) {
            continue;
          }
          double phase = px[0] / period - Math.floor(px[0] / period);
          double edge = Math.min(Math.min(phase, 1 - phase), Math.abs(phase - 0.5)) * period;
          if (edge < 6) {
            continue;
          }
          boolean on = ((int) Math.floor(px[0] / period)) % 2 == 0;
          int diff = frames.get(0).get(u, v) - frames.get(1).get(u, v);
          judged++;
          agree += (diff > 0) == on ? 1 : 0;
        }
      }
      assertTrue(judged > 5000, "judged pixels " + judged);
      assertTrue(agree > 0.98 * judged, "stripe agreement " + agree + " / " + judged);
      // The projector truth lies in the projector image where the board is lit.
      BoardViewTruth pt = renderer.projectorTruth(pose, projector);
      assertEquals("proj0", pt.cameraId());
      assertTrue(pt.allVisible(), "all corners inside projector " + pt);
    }
  }

  @Test
  void framesAreDeterministicForAnyThreadCountAndKeyedBySeedAndPose() {
    RigidTransform pose = poses.get(2);
    int c = rig.cameras().indexOf(rig.camera(coverage.get(2).cameraIds().get(0)).orElseThrow());
    GrayU16 a = new GrayU16(1, 1);
    GrayU16 b = new GrayU16(1, 1);
    GrayU16 seeded = new GrayU16(1, 1);
    GrayU16 otherPose = new GrayU16(1, 1);
    try (TargetRenderer r1 = new TargetRenderer(rig, BOARD, TargetRenderConfig.defaults());
        TargetRenderer r2 = new TargetRenderer(rig, BOARD, TargetRenderConfig.defaults().withThreads(2));
        TargetRenderer r3 = new TargetRenderer(rig, BOARD, TargetRenderConfig.defaults().withSeed(2))) {
      r1.renderFlat(2, pose, c, a);
      r2.renderFlat(2, pose, c, b);
      r3.renderFlat(2, pose, c, seeded);
      r1.renderFlat(3, pose, c, otherPose);
    }
    assertEquals(480, a.width());
    assertEquals(640, a.height());
    assertArrayEquals(a.data, b.data);
    assertFalse(Arrays.equals(a.data, seeded.data));
    assertFalse(Arrays.equals(a.data, otherPose.data));
    // Only noise differs between seeds: means agree closely.
    assertEquals(mean(a), mean(seeded), 0.5);
  }

  @Test
  void sessionRenderCarriesEveryViewWithItsTruth() {
    CalibrationCapture cap = TargetRenderer.render(rig, BOARD, poses.subList(0, 1),
        TargetRenderConfig.defaults().withDefocus(false));
    assertEquals("virtual-8cam", cap.rigId());
    assertEquals(BOARD, cap.board());
    assertEquals(1, cap.poses().size());
    CalibrationCapture.PoseCapture p = cap.poses().get(0);
    assertEquals(poses.get(0), p.boardToWorld());
    assertEquals(rig.cameras().size(), p.views().size());
    for (int c = 0; c < p.views().size(); c++) {
      CalibrationCapture.ViewCapture v = p.views().get(c);
      assertEquals(rig.cameras().get(c).id(), v.truth().cameraId());
      assertEquals(480, v.image().width());
      if (coverage.get(0).cameraIds().contains(v.truth().cameraId())) {
        assertTrue(v.truth().allVisible());
        // Light and dark squares both present: a wide spread of DN inside the corner hull.
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (int k = 0; k < v.truth().cornerCount(); k++) {
          int val = v.image().get((int) Math.round(v.truth().u(k) + 4), (int) Math.round(v.truth().v(k) + 4));
          lo = Math.min(lo, val);
          hi = Math.max(hi, val);
        }
        assertTrue(hi - lo > 3000, v.truth().cameraId() + " contrast " + lo + ".." + hi);
      }
    }
  }

  @Test
  void camerasBehindTheBoardSeeAPlainBackAndNoCorners() {
    // Turn pose 0 half way round its grid centre's vertical axis: the print now faces away from the rig.
    RigidTransform pose = poses.get(0);
    double[] g = BOARD.gridCentre();
    RigidTransform centre = RigidTransform.translation(-g[0], -g[1], 0);
    RigidTransform flip = RigidTransform.of(new double[] {-1, 0, 0, 0, 1, 0, 0, 0, -1}, new double[] {g[0], g[1], 0});
    RigidTransform back = centre.then(flip).then(pose);
    int c = rig.cameras().indexOf(rig.camera(coverage.get(0).cameraIds().get(0)).orElseThrow());
    try (TargetRenderer renderer = new TargetRenderer(rig, BOARD, TargetRenderConfig.defaults().withDefocus(false))) {
      BoardViewTruth t = renderer.truth(back, c);
      assertEquals(0, t.visibleCount());
      GrayU16 img = new GrayU16(1, 1);
      renderer.renderFlat(0, back, c, img);
      // Board pixels (inside the front truth's corner hull, same outline) are a plain grey: the spread
      // is noise, far below the dark/light contrast.
      BoardViewTruth front = renderer.truth(pose, c);
      int lo = Integer.MAX_VALUE;
      int hi = 0;
      for (int k = 0; k < front.cornerCount(); k++) {
        int val = img.get((int) Math.round(front.u(k) + 4), (int) Math.round(front.v(k) + 4));
        lo = Math.min(lo, val);
        hi = Math.max(hi, val);
      }
      assertTrue(hi - lo < 600, "back of the board should be plain, spread " + lo + ".." + hi);
      assertTrue(lo > 2000, "back of the board should be lit, min " + lo);
    }
  }

  private static double mean(GrayU16 img) {
    double s = 0;
    for (short x : img.data) {
      s += x & 0xffff;
    }
    return s / img.data.length;
  }

  /** True when the camera centre lies on the printed (board −z) side. */
  private static boolean facesPrint(RigidTransform pose, CameraSpec cam) {
    double[] r = pose.rotation();
    double[] t = pose.translation();
    double[] c = cam.cameraToWorld().translationMm().toArray();
    double z = r[2] * (c[0] - t[0]) + r[5] * (c[1] - t[1]) + r[8] * (c[2] - t[2]);
    return z < 0;
  }
}
