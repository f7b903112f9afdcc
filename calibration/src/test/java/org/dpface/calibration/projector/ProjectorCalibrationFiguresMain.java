package org.dpface.calibration.projector;

import java.util.Locale;
import org.dpface.calibration.rig.CalibrationErrors;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.rigs.ProjectorSpec;

/**
 * Prints the virtual-rig projector-calibration figures for the README (not a test).
 * Arguments: BINNING POSES STRIDE CAMERAS_PER_POSE [WINDOW_RADIUS] [POSE_SEED] [NOISE_SEED]; board 6x9 × 25 mm.
 */
public final class ProjectorCalibrationFiguresMain {
  private ProjectorCalibrationFiguresMain() {}

  public static void main(String[] a) throws Exception {
    int bin = Integer.parseInt(a[0]);
    int poses = Integer.parseInt(a[1]);
    int stride = Integer.parseInt(a[2]);
    int perPose = Integer.parseInt(a[3]);
    ProjectorCalibrationConfig cfg = ProjectorCalibrationConfig.defaults();
    if (a.length > 4) {
      cfg = cfg.withWindowRadiusPx(Integer.parseInt(a[4]));
    }
    long poseSeed = a.length > 5 ? Long.parseLong(a[5]) : 7;
    long noiseSeed = a.length > 6 ? Long.parseLong(a[6]) : 11;
    VirtualProjectorSession s = new VirtualProjectorSession(bin, new ChessboardSpec(6, 9, 25), poses, stride, perPose,
        poseSeed, noiseSeed, 2, cfg);
    System.out.printf(Locale.ROOT, "render %.1f s, calibrate %.1f s; camera rig RMS %.3f px%n", s.renderSeconds,
        s.calibrateSeconds, s.cameras.rmsPx());
    System.out.println("| projector | views | poses | corner max / RMS px | focal % | pp px | distortion px "
        + "| rotation deg | centre mm | Zhang RMS px | RMS px |");
    for (int j = 0; j < s.projectors.size(); j++) {
      ProjectorCalibration p = s.projectors.get(j);
      ProjectorSpec t = s.rig.projectors().get(j);
      CalibrationErrors e = CalibrationErrors.of(p.model(), p.worldToProjector(), t.nominalModel(), t.worldToProjector());
      double[] ce = s.cornerErrors(j);
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f / %.3f | %+.3f | %.2f | %.2f | %.3f | %.2f | %.3f | %.3f |%n",
          p.id(), s.views.get(j).size(), p.views().size(), ce[0], ce[1], 100 * e.focalError(), e.principalPointPx(),
          e.distortionPx(), e.rotationDeg(), e.centreMm(), p.single().rmsPx(), p.rmsPx());
    }
  }
}
