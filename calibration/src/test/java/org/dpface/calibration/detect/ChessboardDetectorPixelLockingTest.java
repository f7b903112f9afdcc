package org.dpface.calibration.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.RigBinning;
import org.dpface.rigs.virtual.targets.BoardPoses;
import org.dpface.rigs.virtual.targets.BoardSpec;
import org.dpface.rigs.virtual.targets.TargetRenderConfig;
import org.dpface.rigs.virtual.targets.TargetRenderer;
import org.junit.jupiter.api.Test;

/**
 * On the demo's sharp 240x320 views, cornerSubPix on the raw image is pixel-locked (corners pulled toward
 * pixel boundaries as a function of their sub-pixel phase); the default smoothing halves the corner error
 * against the virtual rig's truth.
 */
class ChessboardDetectorPixelLockingTest {
  @Test
  void smoothingRemovesPixelLocking() throws IOException {
    RigDescription rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), 2);
    ChessboardSpec spec = new ChessboardSpec(5, 8, 30);
    BoardSpec board = BoardSpec.chessboard(5, 8, 30);
    List<RigidTransform> poses = BoardPoses.generate(rig, board, BoardPoses.Config.defaults(3), 0x7ca2L);
    ChessboardDetector smooth = new ChessboardDetector(spec);
    ChessboardDetector raw = new ChessboardDetector(spec, ChessboardDetector.Method.CLASSIC,
        ChessboardDetector.ADAPTIVE_WINDOW, 0);
    double[] sum = new double[2];
    double[] lockSum = new double[2];
    int[] lockN = new int[2];
    int n = 0;
    try (TargetRenderer r = new TargetRenderer(rig, board, TargetRenderConfig.defaults().withSeed(0x7ca3L))) {
      for (int p = 0; p < poses.size(); p++) {
        for (int c = 0; c < rig.cameras().size(); c++) {
          GrayU16 img = new GrayU16(1, 1);
          r.renderFlat(p, poses.get(p), c, img);
          CornerDetection a = smooth.detect("s", img);
          CornerDetection b = raw.detect("r", img);
          if (!a.isFound() || !b.isFound()) {
            continue;
          }
          double[] t = r.truth(poses.get(p), c).cornersUv();
          double[][] got = {a.corners(), b.corners()};
          // detection order may be reversed; match each corner to the nearest true corner
          for (int k = 0; k < 2; k++) {
            for (int i = 0; i < got[k].length; i += 2) {
              int best = nearest(t, got[k][i], got[k][i + 1]);
              double du = got[k][i] - t[best];
              double dv = got[k][i + 1] - t[best + 1];
              sum[k] += du * du + dv * dv;
              // pixel locking: mean du where the true corner lies a quarter pixel right of a centre
              double phase = t[best] - Math.floor(t[best]);
              if (phase > 0.1 && phase < 0.4) {
                lockSum[k] += du;
                lockN[k]++;
              }
            }
          }
          n += t.length / 2;
        }
      }
    }
    assertTrue(n > 500, "corners " + n);
    double rmsSmooth = Math.sqrt(sum[0] / n);
    double rmsRaw = Math.sqrt(sum[1] / n);
    double lockSmooth = lockSum[0] / lockN[0];
    double lockRaw = lockSum[1] / lockN[1];
    assertTrue(rmsSmooth < 0.03, "smoothed corner RMS " + rmsSmooth);
    assertTrue(rmsSmooth < 0.7 * rmsRaw, "smoothed " + rmsSmooth + " vs raw " + rmsRaw);
    assertTrue(lockRaw > 0.015, "raw pixel-locking bias " + lockRaw);
    assertTrue(Math.abs(lockSmooth) < 0.5 * lockRaw, "smoothed pixel-locking bias " + lockSmooth + " vs " + lockRaw);
  }

  private static int nearest(double[] t, double u, double v) {
    int best = 0;
    double bd = Double.POSITIVE_INFINITY;
    for (int i = 0; i < t.length; i += 2) {
      double d = Math.hypot(t[i] - u, t[i + 1] - v);
      if (d < bd) {
        bd = d;
        best = i;
      }
    }
    return best;
  }
}
