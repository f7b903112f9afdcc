package org.dpface.calibration.rig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpface.calibration.camera.CalibrationConfig;
import org.dpface.calibration.camera.DistortionModel;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.RigBinning;
import org.dpface.rigs.virtual.targets.BoardPoses;
import org.dpface.rigs.virtual.targets.BoardSpec;
import org.dpface.rigs.virtual.targets.CalibrationCapture;
import org.dpface.rigs.virtual.targets.TargetRenderConfig;
import org.dpface.rigs.virtual.targets.TargetRenderer;

/**
 * Prints the virtual-rig rig-calibration figures for the README (not a test).
 * Arguments: BINNING POSES COLS ROWS SQUARE_MM [POSE_SEED] [NOISE_SEED].
 */
public final class RigCalibrationFiguresMain {
  private RigCalibrationFiguresMain() {}

  public static void main(String[] a) throws Exception {
    int bin = Integer.parseInt(a[0]);
    int n = Integer.parseInt(a[1]);
    ChessboardSpec cb = new ChessboardSpec(Integer.parseInt(a[2]), Integer.parseInt(a[3]), Double.parseDouble(a[4]));
    long poseSeed = a.length > 5 ? Long.parseLong(a[5]) : 7;
    long noiseSeed = a.length > 6 ? Long.parseLong(a[6]) : 11;
    RigDescription rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), bin);
    BoardSpec board = BoardSpec.chessboard(cb.columns(), cb.rows(), cb.squareMm());
    long t0 = System.nanoTime();
    List<RigidTransform> poses = BoardPoses.generate(rig, board, BoardPoses.Config.defaults(n), poseSeed);
    CalibrationCapture cap = TargetRenderer.render(rig, board, poses,
        TargetRenderConfig.defaults().withSeed(noiseSeed).withThreads(2));
    long t1 = System.nanoTime();
    List<String> ids = rig.cameras().stream().map(CameraSpec::id).toList();
    List<List<GrayU16>> imgs = new ArrayList<>();
    for (CalibrationCapture.PoseCapture pc : cap.poses()) {
      imgs.add(pc.views().stream().map(CalibrationCapture.ViewCapture::image).toList());
    }
    List<List<CornerDetection>> dets = RigDetections.detect(new ChessboardDetector(cb), ids, imgs);
    long t2 = System.nanoTime();
    double maxErr = 0;
    int found = 0;
    for (int p = 0; p < dets.size(); p++) {
      for (int c = 0; c < ids.size(); c++) {
        CornerDetection d = dets.get(p).get(c);
        if (d.isFound()) {
          found++;
          double[] tr = cap.poses().get(p).views().get(c).truth().cornersUv();
          double[] cc = d.corners();
          for (int i = 0; i < cc.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(cc[i] - tr[i]));
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "%dx%d px, %d poses, %s: %d views found, max corner error %.3f px; render %.1f s, detect %.1f s%n",
        rig.cameras().get(0).resolution().width(), rig.cameras().get(0).resolution().height(), n, cb.toSpecString(),
        found, maxErr, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    for (boolean refine : new boolean[] {false, true}) {
      long t3 = System.nanoTime();
      RigCalibration cal = new RigCalibrator(RigCalibrationConfig.defaults().withRefineIntrinsics(refine)
          .withCamera(CalibrationConfig.defaults().withDistortion(DistortionModel.RADIAL2_TANGENTIAL)))
          .calibrate(cb, ids, dets);
      System.out.printf(Locale.ROOT, "%nintrinsics %s: rms %.3f -> %.3f px, %d iterations, %.1f s%n",
          refine ? "refined jointly" : "fixed (single camera)", cal.initialRmsPx(), cal.rmsPx(), cal.iterations(),
          (System.nanoTime() - t3) / 1e9);
      System.out.println("| camera | views | focal % | pp px | distortion px | rotation deg | centre mm | RMS px |");
      for (int c = 0; c < ids.size(); c++) {
        RigCalibration.Camera cam = cal.cameras().get(c);
        CameraSpec truth = rig.cameras().get(c);
        CalibrationErrors e = CalibrationErrors.of(cam.model(), cam.worldToCamera(), truth.nominalModel(),
            truth.worldToCamera());
        System.out.printf(Locale.ROOT, "| %s | %d | %+.3f | %.2f | %.3f | %.3f | %.2f | %.3f |%n", cam.id(),
            cam.views().size(), 100 * e.focalError(), e.principalPointPx(), e.distortionPx(), e.rotationDeg(),
            e.centreMm(), cam.rmsPx());
      }
    }
  }
}
