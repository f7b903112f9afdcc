package org.dpface.rigs.virtual.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.junit.jupiter.api.Test;

class BoardPosesTest {
  private static final BoardSpec BOARD = BoardSpec.chessboard(9, 6, 20);
  private static final BoardPoses.Config CONFIG = BoardPoses.Config.defaults(12);

  @Test
  void sameSeedSamePosesOtherSeedOtherPoses() throws IOException {
    RigDescription rig = BundledRigs.load("virtual-8cam");
    List<RigidTransform> a = BoardPoses.generate(rig, BOARD, CONFIG, 5);
    List<RigidTransform> b = BoardPoses.generate(rig, BOARD, CONFIG, 5);
    List<RigidTransform> c = BoardPoses.generate(rig, BOARD, CONFIG, 6);
    assertEquals(12, a.size());
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void everyPoseIsSeenFullyByAtLeastTwoCamerasCheckedIndependently() throws IOException {
    RigDescription rig = BundledRigs.load("virtual-8cam");
    List<RigidTransform> poses = BoardPoses.generate(rig, BOARD, CONFIG, 21);
    List<BoardPoses.PoseCoverage> cov = BoardPoses.coverage(rig, BOARD, poses, CONFIG);
    double[] base = BoardPoses.baseRotation(rig);
    double maxNormalTilt = Math.acos(Math.cos(Math.toRadians(35)) * Math.cos(Math.toRadians(35)));
    for (int p = 0; p < poses.size(); p++) {
      RigidTransform pose = poses.get(p);
      int seeing = 0;
      for (CameraSpec cam : rig.cameras()) {
        boolean all = facesWithin(pose, cam, 65);
        for (int k = 0; k < BOARD.cornerCount() && all; k++) {
          double[] uv = Projections.project(cam, pose, BOARD.cornerX(k), BOARD.cornerY(k));
          all = uv[2] > 0 && uv[0] >= 9.5 && uv[0] <= 469.5 && uv[1] >= 9.5 && uv[1] <= 629.5;
        }
        assertEquals(all, cov.get(p).cameraIds().contains(cam.id()), "pose " + p + " " + cam.id());
        seeing += all ? 1 : 0;
      }
      assertTrue(seeing >= 2, "pose " + p + " seen fully by " + seeing);
      // Board normal within the tilt box of the base normal; the grid centre near the subject centre.
      double[] r = pose.rotation();
      double cos = r[2] * base[2] + r[5] * base[5] + r[8] * base[8];
      assertTrue(Math.acos(cos) <= maxNormalTilt + 1e-9, "pose " + p + " tilt");
      double[] g = pose.apply(BOARD.gridCentre());
      double dist = Math.sqrt(g[0] * g[0] + g[1] * g[1] + (g[2] - 970) * (g[2] - 970));
      assertTrue(dist <= Math.sqrt(2 * 40 * 40 + 60 * 60) + 1e-9, "pose " + p + " offset " + dist);
    }
  }

  @Test
  void tooLargeABoardFailsWithAReason() throws IOException {
    RigDescription rig = BundledRigs.load("virtual-8cam");
    BoardPoses.Config few = new BoardPoses.Config(2, 35, 20, 40, 60, 2, 10, 65, 50);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> BoardPoses.generate(rig, BoardSpec.chessboard(20, 20, 30), few, 1));
    assertTrue(e.getMessage().contains("0 of 2"), e.getMessage());
  }

  /** Angle between the printed-face normal (board −z) and the direction to the camera ≤ limit. */
  private static boolean facesWithin(RigidTransform pose, CameraSpec cam, double limitDeg) {
    double[] r = pose.rotation();
    double[] n = {-r[2], -r[5], -r[8]};
    double[] g = pose.apply(BOARD.gridCentre());
    double[] c = cam.cameraToWorld().translationMm().toArray();
    double[] d = {c[0] - g[0], c[1] - g[1], c[2] - g[2]};
    double cos = (n[0] * d[0] + n[1] * d[1] + n[2] * d[2]) / Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    return cos >= Math.cos(Math.toRadians(limitDeg));
  }
}
