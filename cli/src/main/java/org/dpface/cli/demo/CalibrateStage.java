package org.dpface.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.dp.DpCalibration;
import org.dpface.calibration.projector.ProjectorCalibration;
import org.dpface.calibration.rig.CalibrationErrors;
import org.dpface.calibration.rig.RigCalibration;
import org.dpface.calibration.rig.RigConsistency;
import org.dpface.calibration.takes.DpFromTakes;
import org.dpface.calibration.takes.TakeCalibration;
import org.dpface.calibration.takes.TakeInputs;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.cli.calibrate.VirtualCalibrationTakes;
import org.dpface.cli.capture.LabRigs;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.dpface.rigs.virtual.optics.ThinLensDp;
import org.dpface.rigs.virtual.targets.BoardSpec;
import org.dpface.rigs.virtual.targets.BoardTarget;
import org.dpface.rigs.virtual.targets.ChessboardPattern;
import org.dpface.rigs.virtual.targets.TargetRenderConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures a calibration session into the demo lab through the capture controller on the virtual rig
 * ({@link VirtualCalibrationTakes}: simulated trigger board, virtual cameras and projectors; {@code
 * lab/calibration/cal-*}): {@value #BOARD_POSES} board takes of a chessboard at seeded poses, each on every
 * camera; at every {@value #PROJECTOR_POSE_STRIDE}th pose a second take runs each projector's SL sequence on the
 * {@value #SL_CAMERAS} camera(s) with the largest board detected in the first take (the operator's preview, by
 * detection); per DP camera, two fine-checker plane takes at {@code DP_PLANE_DEPTHS_MM} tilted ±{@value
 * #DP_PLANE_TILT_DEG}°. Then calibrates from the stored takes with the library {@code dpface calibrate all} uses
 * ({@link TakeCalibration}: cameras, then projectors, then DP (a, b) with each plane's depth measured by
 * structured light through the just-calibrated cameras and projectors) into {@code calibration/}, and scores the
 * result against the rig description and the thin-lens DP truth: per device, and as the reconstruction uses it
 * ({@link TakeCalibration#consistency}: points of a head-sized sphere triangulated through the calibrated
 * camera–projector pairs vs truth, also written to {@code report.json}). The poses are kept as truth ({@code
 * truth/calibration/<session>/truth.json}) for scoring only. Board: portrait 6x9 inner corners of 25 mm (5x8 of
 * 30 mm with {@code --quick}, so corners stay ≥ ~10 px apart at 120x160 px); cols + rows odd, so the corner order
 * is fixed by colour. A rerun of the stage captures a new session (the earlier ones stay in the lab, unused).
 */
final class CalibrateStage implements Stage {
  static final String CALIBRATION_DIR = "calibration";
  static final String CALIBRATION_FILE = CALIBRATION_DIR + "/" + TakeCalibration.CALIBRATION_FILE;
  static final String RESIDUALS_PICTURE = CALIBRATION_DIR + "/" + TakeCalibration.PICTURES + "/residuals.png";
  private static final long POSE_SEED_OFFSET = 0x7ca1L;
  private static final long NOISE_SEED_OFFSET = 0x7ca2L;
  /** Board poses, each a flat take on every camera. */
  static final int BOARD_POSES = 40;
  /** Every this-many-th board pose gets a second take running each projector's SL sequence (10 of 40). */
  static final int PROJECTOR_POSE_STRIDE = 4;
  /** Cameras an SL board take exposes (the largest boards detected in the pose's flat take). */
  static final int SL_CAMERAS = 1;
  /** DP calibration planes per DP camera: centre depths (mm) on both sides of the 970 mm focus, tilt. */
  static final double[] DP_PLANE_DEPTHS_MM = {840, 1100};
  static final double DP_PLANE_TILT_DEG = 15;
  private static final Logger LOG = LoggerFactory.getLogger(CalibrateStage.class);

  @Override
  public String id() {
    return "calibrate";
  }

  @Override
  public String title() {
    return "Capture calibration takes through the capture controller, calibrate cameras, projectors and DP from "
        + "them, score against the truth";
  }

  /** Not the number of subjects: a demo rerun with other --subjects reuses this stage. */
  @Override
  public String inputs(DemoConfig config) {
    return config.rigFingerprint();
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    DemoConfig config = ctx.config();
    boolean quick = config.quick();
    RigDescription rig = DemoRig.forConfig(config);
    ChessboardSpec spec = quick ? new ChessboardSpec(5, 8, 30) : new ChessboardSpec(6, 9, 25);
    int poseCount = BOARD_POSES;
    List<RigidTransform> poses = VirtualCalibrationTakes.boardPoses(rig, spec, poseCount,
        config.seed() + POSE_SEED_OFFSET);
    VirtualCalibrationTakes.Plan plan = VirtualCalibrationTakes.withPlanes(rig, spec, poses, PROJECTOR_POSE_STRIDE,
        SL_CAMERAS, DP_PLANE_DEPTHS_MM, DP_PLANE_TILT_DEG);
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    TargetRenderConfig renderConfig = TargetRenderConfig.defaults().withSeed(config.seed() + NOISE_SEED_OFFSET)
        .withThreads(threads);
    Path lab = ctx.lab().resolve(CaptureStage.LAB);
    Files.createDirectories(lab);
    RigFiles.write(rig, lab.resolve(LabRigs.RIG_FILE));
    long t0 = System.nanoTime();
    VirtualCalibrationTakes.Result captured = VirtualCalibrationTakes.capture(rig, lab, plan, renderConfig,
        ctx.lab().resolve(CaptureStage.TRUTH).resolve(CALIBRATION_DIR), LOG::info);
    double captureSeconds = (System.nanoTime() - t0) / 1e9;
    TakeInputs inputs = TakeInputs.load(captured.sessionDir(), rig);
    Path outDir = ctx.file(CALIBRATION_FILE).getParent();
    long t1 = System.nanoTime();
    TakeCalibration calibration = new TakeCalibration(inputs, outDir,
        new TakeCalibration.Options(threads, null, LOG::info));
    TakeCalibration.AllResult all = calibration.all();
    double calibrateSeconds = (System.nanoTime() - t1) / 1e9;
    RigCalibration cal = all.cameras().rig();
    List<List<CornerDetection>> detections = all.cameras().detections();
    List<String> ids = rig.cameras().stream().map(CameraSpec::id).toList();
    int np = rig.projectors().size();
    Map<String, Object> m = new LinkedHashMap<>();
    List<ProjectorCalibration> projectors = all.projectors() == null ? List.of() : all.projectors().projectors();
    if (all.projectors() != null) {
      all.projectors().failures().forEach((k, v) -> m.put(k, "not calibrated: " + v));
    }
    Map<String, DpCalibration> dp = all.dp() == null ? Map.of() : all.dp().calibrations();
    if (all.dp() != null) {
      all.dp().failures().forEach((k, v) -> m.put(k + " DP", "not calibrated: " + v));
    }
    List<CalibrationErrors> projectorErrors = new ArrayList<>();
    double worstCornerPx = 0;
    for (ProjectorCalibration p : projectors) {
      int j = rig.projectors().indexOf(rig.projectors().stream().filter(x -> x.id().equals(p.id())).findFirst()
          .orElseThrow());
      ProjectorSpec truth = rig.projectors().get(j);
      projectorErrors.add(CalibrationErrors.of(p.model(), p.worldToProjector(), truth.nominalModel(),
          truth.worldToProjector()));
      for (ProjectorCalibration.PoseCorners k : p.corners()) {
        double[] got = k.pixels();
        // pose index = index among the stored board takes; its label board-NN names the plan's pose (truth)
        String label = inputs.boards().get(k.pose()).target().label();
        int planPose = Integer.parseInt(label.substring(label.lastIndexOf('-') + 1));
        double[] t = projectorCornersTruth(rig, spec, poses.get(planPose), j);
        for (int i = 0; i < got.length; i += 2) {
          worstCornerPx = Math.max(worstCornerPx, Math.hypot(got[i] - t[i], got[i + 1] - t[i + 1]));
        }
      }
    }
    m.put("calibration session", lab.relativize(captured.sessionDir()).toString());
    m.put("calibration takes captured", captured.takes() + " (" + captured.failed() + " failed), "
        + captured.frames() + " DP frames, " + fmt(captureSeconds, 1) + " s");
    m.put("calibration from the takes (s)", round(calibrateSeconds, 1));
    m.put("board", spec.toSpecString());
    m.put("camera resolution", rig.cameras().get(0).resolution().width() + "x" + rig.cameras().get(0).resolution().height());
    m.put("board poses", poseCount);
    int found = 0;
    for (List<CornerDetection> row : detections) {
      found += (int) row.stream().filter(CornerDetection::isFound).count();
    }
    m.put("views with the board found", found + " of " + poseCount * ids.size());
    m.put("RMS before / after joint refinement (px)", fmt(cal.initialRmsPx(), 3) + " / " + fmt(cal.rmsPx(), 3));
    double worstF = 0;
    double worstPp = 0;
    double worstD = 0;
    double worstR = 0;
    double worstT = 0;
    int outliers = 0;
    int dropped = 0;
    for (int c = 0; c < ids.size(); c++) {
      RigCalibration.Camera cam = cal.cameras().get(c);
      CameraSpec truth = rig.cameras().get(c);
      CalibrationErrors e = CalibrationErrors.of(cam.model(), cam.worldToCamera(), truth.nominalModel(),
          truth.worldToCamera());
      worstF = Math.max(worstF, Math.abs(e.focalError()));
      worstPp = Math.max(worstPp, e.principalPointPx());
      worstD = Math.max(worstD, e.distortionPx());
      worstR = Math.max(worstR, e.rotationDeg());
      worstT = Math.max(worstT, e.centreMm());
      outliers += cam.outliers().size();
      dropped += cam.droppedCorners();
      m.put(cam.id(), errorLine("views", cam.views().size(), e, cam.rmsPx())
          + (cam.droppedCorners() > 0 ? ", " + cam.droppedCorners() + " corners dropped" : ""));
    }
    m.put("worst focal error (%)", round(100 * worstF, 3));
    m.put("worst principal point error (px)", round(worstPp, 2));
    m.put("worst distortion error (px)", round(worstD, 2));
    m.put("worst rotation error (deg)", round(worstR, 3));
    m.put("worst camera centre error (mm)", round(worstT, 2));
    m.put("rig RMS (px)", round(cal.rmsPx(), 3));
    m.put("outlier views", outliers);
    m.put("misdetected corners dropped (whole views count all their corners)", dropped);

    double pF = 0;
    double pPp = 0;
    double pR = 0;
    double pT = 0;
    double pRms = 0;
    for (int j = 0; j < projectors.size(); j++) {
      ProjectorCalibration p = projectors.get(j);
      CalibrationErrors e = projectorErrors.get(j);
      pF = Math.max(pF, Math.abs(e.focalError()));
      pPp = Math.max(pPp, e.principalPointPx());
      pR = Math.max(pR, e.rotationDeg());
      pT = Math.max(pT, e.centreMm());
      pRms = Math.max(pRms, p.rmsPx());
      m.put(p.id(), errorLine("poses", p.views().size(), e, p.rmsPx()));
    }
    m.put("projectors calibrated", projectors.size() + " of " + np);
    m.put("projector pattern frames decoded", all.projectors() == null ? 0 : all.projectors().frames());
    if (!projectors.isEmpty()) {
      m.put("projector corners vs truth, worst (px)", round(worstCornerPx, 3));
      m.put("worst projector focal error (%)", round(100 * pF, 3));
      m.put("worst projector principal point error (px)", round(pPp, 2));
      m.put("worst projector rotation error (deg)", round(pR, 3));
      m.put("worst projector centre error (mm)", round(pT, 2));
      m.put("worst projector RMS (px)", round(pRms, 3));
    }

    double dpWorstA = 0;
    double dpWorstD = 0;
    double dpWorstRms = 0;
    for (CameraSpec c : rig.cameras()) {
      DpCalibration d = dp.get(c.id());
      if (d == null) {
        continue;
      }
      ThinLensDp truth = ThinLensDp.of(c);
      double aErr = d.a() / truth.coefficientA() - 1;
      double dErr = d.maxDisparityDifferencePx(truth.coefficientA(), truth.coefficientB());
      dpWorstA = Math.max(dpWorstA, Math.abs(aErr));
      dpWorstD = Math.max(dpWorstD, dErr);
      dpWorstRms = Math.max(dpWorstRms, d.residualRmsPx());
      m.put(c.id() + " DP", String.format(Locale.ROOT,
          "a %.1f (truth %.1f, %+.2f %%), b %.3f (truth %.3f) px, max |d - d_truth| %.3f px, RMS %.3f px, %d of %d windows",
          d.a(), truth.coefficientA(), 100 * aErr, d.b(), truth.coefficientB(), dErr, d.residualRmsPx(), d.inliers(),
          d.windowsTried()));
    }
    m.put("DP cameras calibrated", dp.size() + " of " + ids.size());
    if (all.dp() != null) {
      double worstPlane = 0;
      for (DpFromTakes.Plane p : all.dp().planes()) {
        worstPlane = Math.max(worstPlane, p.fit().rmsMm());
      }
      m.put("DP planes measured by SL", all.dp().planes().size() + ", worst plane-fit RMS " + fmt(worstPlane, 3)
          + " mm");
    }
    if (!dp.isEmpty()) {
      m.put("worst DP a error (%)", round(100 * dpWorstA, 3));
      m.put("worst DP disparity error over the plane depths (px)", round(dpWorstD, 4));
      m.put("worst DP residual RMS (px)", round(dpWorstRms, 4));
    }

    TakeCalibration.Consistency cons = calibration.consistency(rig, "the virtual rig's truth (demo scoring only)");
    if (cons.projectorPairs() != null) {
      RigConsistency.Result pr = cons.projectorPairs();
      m.put("consistency vs truth, camera-projector fused median / p95 (mm)", fmt(pr.fusedMm()[0], 3) + " / "
          + fmt(pr.fusedMm()[1], 3));
      m.put("consistency vs truth, worst camera-projector pair", pr.worstPair().toString());
      m.put("consistency vs truth, fused median (mm)", round(pr.fusedMm()[0], 3));
      m.put("consistency vs truth, worst camera px / projector px (median)", fmt(pr.worstPx(false, 0), 3) + " / "
          + fmt(pr.worstPx(true, 0), 3));
      m.put("consistency vs truth, worst camera-frame depth bias (mm)", round(pr.worstDepthBiasMm(), 3));
    }
    m.put("consistency vs truth, camera pairs fused median / p95 (mm)", fmt(cons.cameraPairs().fusedMm()[0], 3)
        + " / " + fmt(cons.cameraPairs().fusedMm()[1], 3));

    List<String> pictures = new ArrayList<>();
    pictures.add(CALIBRATION_DIR + "/" + TakeCalibration.PICTURES + "/corners-" + ids.get(0) + ".png");
    pictures.add(RESIDUALS_PICTURE);
    String summary = String.format(Locale.ROOT,
        "%d cameras from %d views: RMS %.3f px; worst focal %.2f %%, pp %.1f px, rotation %.2f deg, centre %.1f mm",
        ids.size(), found, cal.rmsPx(), 100 * worstF, worstPp, worstR, worstT);
    if (!projectors.isEmpty()) {
      summary += String.format(Locale.ROOT,
          "; %d of %d projectors: RMS %.3f px, worst focal %.2f %%, pp %.1f px, rotation %.2f deg, centre %.1f mm",
          projectors.size(), np, pRms, 100 * pF, pPp, pR, pT);
    }
    if (cons.projectorPairs() != null) {
      summary += String.format(Locale.ROOT, "; triangulated through the calibration vs truth: fused median %.3f mm, "
          + "p95 %.3f mm", cons.projectorPairs().fusedMm()[0], cons.projectorPairs().fusedMm()[1]);
    }
    if (!dp.isEmpty()) {
      summary += String.format(Locale.ROOT, "; DP (a, b) of %d cameras: worst a %.2f %%, disparity %.3f px",
          dp.size(), 100 * dpWorstA, dpWorstD);
    }
    return StageResult.done(this, summary, m, pictures);
  }

  /** True corner pixels of the board at {@code boardToWorld} in projector {@code projector} (scoring only). */
  private static double[] projectorCornersTruth(RigDescription rig, ChessboardSpec spec, RigidTransform boardToWorld,
      int projector) {
    BoardTarget target = new BoardTarget(new ChessboardPattern(
        BoardSpec.chessboard(spec.columns(), spec.rows(), spec.squareMm()), 0.05, 0.85));
    ProjectorSpec p = rig.projectors().get(projector);
    int n = spec.pointCount();
    double[] uv = new double[2 * n];
    target.projectCorners(p.nominalModel(), p.worldToProjector(), boardToWorld, uv, new boolean[n]);
    return uv;
  }

  /** One device's errors against the truth, for the stage's metrics. */
  private static String errorLine(String what, int count, CalibrationErrors e, double rmsPx) {
    return String.format(Locale.ROOT,
        "%d %s, focal %+.3f %%, pp %.2f px, distortion %.2f px, rotation %.3f deg, centre %.2f mm, RMS %.3f px",
        count, what, 100 * e.focalError(), e.principalPointPx(), e.distortionPx(), e.rotationDeg(), e.centreMm(),
        rmsPx);
  }

  private static String fmt(double v, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  private static double round(double v, int digits) {
    double s = Math.pow(10, digits);
    return Math.round(v * s) / s;
  }
}
