package org.dpface.calibration.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpface.calibration.camera.CalibrationConfig;
import org.dpface.calibration.camera.DistortionModel;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.projector.ProjectorCalibration;
import org.dpface.calibration.projector.ProjectorCalibrationConfig;
import org.dpface.calibration.projector.ProjectorCalibrator;
import org.dpface.calibration.rig.CalibrationErrors;
import org.dpface.calibration.rig.RigCalibration;
import org.dpface.calibration.rig.RigCalibrationConfig;
import org.dpface.calibration.rig.RigCalibrator;
import org.dpface.calibration.rig.RigConsistency;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;

/**
 * Measures how accurate the demo's calibration is and what limits it (not a test): renders the demo's
 * calibration take ({@link DemoCalibrationSession}), calibrates cameras and projectors, prints every
 * device's errors against the rig description and the reconstruction error the calibration causes
 * ({@link RigConsistency}: all cameras, cam0–3, camera pairs), for the true rig, the estimator as configured, and the estimator fed
 * the true corners (what detection costs).
 *
 * <p>Arguments: [BINNING=2] [POSES=20] [STRIDE=2] [CAMERAS_PER_POSE=1] [SEED=1] [COLS=5 ROWS=8 SQUARE=30];
 * the pose and noise seeds are the demo's (seed + 0x7ca1, seed + 0x7ca2).
 */
public final class CalibrationAccuracyMain {
  private CalibrationAccuracyMain() {}

  public static void main(String[] a) throws Exception {
    int bin = a.length > 0 ? Integer.parseInt(a[0]) : 2;
    int poses = a.length > 1 ? Integer.parseInt(a[1]) : 20;
    int stride = a.length > 2 ? Integer.parseInt(a[2]) : 2;
    int perPose = a.length > 3 ? Integer.parseInt(a[3]) : 1;
    long seed = a.length > 4 ? Long.parseLong(a[4]) : 1;
    ChessboardSpec spec = a.length > 7
        ? new ChessboardSpec(Integer.parseInt(a[5]), Integer.parseInt(a[6]), Double.parseDouble(a[7]))
        : new ChessboardSpec(5, 8, 30);
    DemoCalibrationSession s = new DemoCalibrationSession(bin, spec, poses, stride, perPose, seed + 0x7ca1L,
        seed + 0x7ca2L, 2);
    RigDescription rig = s.rig;
    double[] ce = s.cornerErrors();
    System.out.printf(Locale.ROOT, "%dx%d px, %s, %d poses, projector stride %d x %d cameras, seed %d: render %.1f s;"
        + " corner error vs truth RMS %.3f px, worst %.3f px%n", rig.cameras().get(0).resolution().width(),
        rig.cameras().get(0).resolution().height(), spec.toSpecString(), poses, stride, perPose, seed,
        s.renderSeconds, ce[0], ce[1]);

    List<RigConsistency.Device> trueCams = new ArrayList<>();
    for (CameraSpec c : rig.cameras()) {
      trueCams.add(new RigConsistency.Device(c.id(), c.nominalModel(), c.worldToCamera()));
    }
    List<RigConsistency.Device> trueProjs = new ArrayList<>();
    for (ProjectorSpec p : rig.projectors()) {
      trueProjs.add(new RigConsistency.Device(p.id(), p.nominalModel(), p.worldToProjector()));
    }
    printConsistency("true rig", rig, trueCams, trueProjs);

    List<List<CornerDetection>> floatCorners = CornerRefinement.refineFloat(s, 0);
    System.out.println("corner errors (RMS, worst, mean du, mean dv px): 8-bit stretch (detector) "
        + fmt(s.cornerErrors(s.detections)) + "; float image, same window " + fmt(s.cornerErrors(floatCorners)));
    for (int half : new int[] {3, 5, 7}) {
      System.out.println("  float image, half window " + half + ": "
          + fmt(s.cornerErrors(CornerRefinement.refineFloat(s, half))));
    }
    System.out.print("detector: ");
    CornerErrorStructure.print(s, s.detections);
    for (double sigma : new double[] {0.5, 0.75, 1.0, 1.5}) {
      List<List<CornerDetection>> b = CornerRefinement.refineFloat(s, 0, sigma);
      System.out.print("float, blur sigma " + sigma + ": " + fmt(s.cornerErrors(b)) + "; ");
      CornerErrorStructure.print(s, b);
    }
    System.out.print("white noise: ");
    CornerErrorStructure.print(s, s.noisyTrueDetections(ce[0] / Math.sqrt(2), 5));
    String variants = System.getProperty("variants", "R2T,R2,R1");
    for (String v : variants.split(",")) {
      boolean noise = v.startsWith("noise:");
      boolean flt = v.startsWith("float:") || noise;
      double blur = 0;
      if (v.startsWith("blur")) {
        blur = Double.parseDouble(v.substring(4, v.indexOf(':')));
      }
      String model = v.substring(v.indexOf(':') + 1);
      DistortionModel dm = switch (model) {
        case "R1" -> DistortionModel.RADIAL1;
        case "R2" -> DistortionModel.RADIAL2;
        case "R2T" -> DistortionModel.RADIAL2_TANGENTIAL;
        case "R3T" -> DistortionModel.RADIAL3_TANGENTIAL;
        default -> throw new IllegalArgumentException(model);
      };
      RigCalibrationConfig cfg = RigCalibrationConfig.defaults()
          .withCamera(CalibrationConfig.defaults().withDistortion(dm));
      ProjectorCalibrationConfig pcfg = ProjectorCalibrationConfig.defaults();
      pcfg = pcfg.withIntrinsics(pcfg.intrinsics().withDistortion(dm));
      List<List<CornerDetection>> dets = noise ? s.noisyTrueDetections(ce[0] / Math.sqrt(2), 5)
          : flt ? floatCorners : blur > 0 ? CornerRefinement.refineFloat(s, 0, blur) : s.detections;
      run(v, s, dets, cfg, pcfg);
    }
  }

  static String fmt(double[] e) {
    return String.format(Locale.ROOT, "%.4f / %.3f / %+.4f / %+.4f", e[0], e[1], e[2], e[3]);
  }

  static void run(String label, DemoCalibrationSession s, List<List<CornerDetection>> dets, RigCalibrationConfig cfg,
      ProjectorCalibrationConfig pcfg) {
    RigDescription rig = s.rig;
    long t0 = System.nanoTime();
    RigCalibration cal = new RigCalibrator(cfg).calibrate(s.spec, s.cameraIds, dets);
    List<ProjectorCalibration> projs = new ArrayList<>();
    ProjectorCalibrator pc = new ProjectorCalibrator(pcfg);
    for (int j = 0; j < rig.projectors().size(); j++) {
      ProjectorSpec t = rig.projectors().get(j);
      projs.add(pc.calibrate(t.id(), t.resolution().width(), t.resolution().height(), s.projectorViews.get(j), cal));
    }
    System.out.printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - t0) / 1e9);
    report(label, s, cal, projs);
  }

  static void report(String label, DemoCalibrationSession s, RigCalibration cal, List<ProjectorCalibration> projs) {
    RigDescription rig = s.rig;
    System.out.printf(Locale.ROOT, "%n== %s: rig RMS %.3f px%n", label, cal.rmsPx());
    System.out.println("| device | focal % | pp px | distortion px | rotation deg | centre mm | RMS px |");
    List<RigConsistency.Device> cams = new ArrayList<>();
    for (int c = 0; c < s.cameraIds.size(); c++) {
      RigCalibration.Camera cam = cal.cameras().get(c);
      CameraSpec truth = rig.cameras().get(c);
      row(cam.id(), CalibrationErrors.of(cam.model(), cam.worldToCamera(), truth.nominalModel(),
          truth.worldToCamera()), cam.rmsPx());
      cams.add(new RigConsistency.Device(cam.id(), cam.model(), cam.worldToCamera()));
    }
    List<RigConsistency.Device> pd = new ArrayList<>();
    for (int j = 0; j < projs.size(); j++) {
      ProjectorCalibration p = projs.get(j);
      ProjectorSpec truth = rig.projectors().get(j);
      row(p.id(), CalibrationErrors.of(p.model(), p.worldToProjector(), truth.nominalModel(),
          truth.worldToProjector()), p.rmsPx());
      pd.add(new RigConsistency.Device(p.id(), p.model(), p.worldToProjector()));
    }
    printConsistency(label, rig, cams, pd);
  }

  static void row(String id, CalibrationErrors e, double rms) {
    System.out.printf(Locale.ROOT, "| %s | %+.3f | %.2f | %.3f | %.3f | %.2f | %.3f |%n", id, 100 * e.focalError(),
        e.principalPointPx(), e.distortionPx(), e.rotationDeg(), e.centreMm(), rms);
  }

  /** Camera–projector consistency over all cameras and over cam0–3 (aligned over those), then camera pairs. */
  static void printConsistency(String label, RigDescription rig, List<RigConsistency.Device> cams,
      List<RigConsistency.Device> projs) {
    RigConsistency.Result r = RigConsistency.measure(cams, projs, rig);
    System.out.printf(Locale.ROOT, "consistency, %s, all cameras: %s; worst camera-frame depth bias %.3f mm%n", label,
        r, r.worstDepthBiasMm());
    System.out.println("consistency, " + label + ", cam0-3:      "
        + RigConsistency.measure(cams.subList(0, Math.min(4, cams.size())), projs, rig));
    System.out.println("consistency, camera pairs, " + label + ": " + RigConsistency.measure(cams, cams, rig));
  }
}
