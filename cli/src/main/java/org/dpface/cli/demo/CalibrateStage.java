package org.dpface.cli.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dpface.calibration.camera.CalibrationConfig;
import org.dpface.calibration.camera.DistortionModel;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.dp.DpCalibration;
import org.dpface.calibration.dp.DpCalibrationConfig;
import org.dpface.calibration.dp.DpCoefficientCalibrator;
import org.dpface.calibration.dp.DpView;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.OpenCvYaml;
import org.dpface.calibration.projector.ProjectorCalibration;
import org.dpface.calibration.projector.ProjectorCalibrationConfig;
import org.dpface.calibration.projector.ProjectorCalibrator;
import org.dpface.calibration.projector.ProjectorView;
import org.dpface.calibration.projector.ProjectorViews;
import org.dpface.calibration.rig.CalibrationErrors;
import org.dpface.calibration.rig.CornerOrder;
import org.dpface.calibration.rig.RigCalibration;
import org.dpface.calibration.rig.RigCalibrationConfig;
import org.dpface.calibration.rig.RigCalibrator;
import org.dpface.calibration.rig.RigDetections;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.io.AtomicFiles;
import org.dpface.reconstruction.codec.PatternDecoder;
import org.dpface.reconstruction.codec.PatternGenerator;
import org.dpface.reconstruction.codec.SequenceConfig;
import org.dpface.reconstruction.codec.Sequences;
import org.dpface.reconstruction.pipeline.ReconstructionConfig;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.SplitAxis;
import org.dpface.rigs.virtual.optics.ThinLensDp;
import org.dpface.rigs.virtual.render.RowExecutor;
import org.dpface.rigs.virtual.render.SensorModel;
import org.dpface.rigs.virtual.targets.BoardPoses;
import org.dpface.rigs.virtual.targets.BoardSpec;
import org.dpface.rigs.virtual.targets.TargetRenderConfig;
import org.dpface.rigs.virtual.targets.TargetRenderer;
import org.dpface.rigs.virtual.targets.TexturedPlane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a calibration take of a chessboard on the demo rig ({@link DemoRig#forConfig}), calibrates
 * every camera and its pose from the images alone ({@link RigCalibrator}), then every projector from
 * every {@value #PROJECTOR_POSE_STRIDE}nd pose rendered under its structured-light sequence and decoded
 * (Moreno and Taubin 2012, {@link ProjectorCalibrator}; the camera with the largest board image per pose),
 * writes {@code calibration/calibration.json} (cameras and projectors, + one OpenCV YAML per device) and
 * scores the result against the rig description. Then every DP camera's defocus coefficients (a, b) of
 * d = a/Z + b ({@link DpCoefficientCalibrator}) from three speckle planes ({@link
 * TexturedPlane}) at {@code DP_PLANE_DEPTHS_MM}, tilted ±{@value #DP_PLANE_TILT_DEG}°, exposed as raw DP
 * frames; their depth maps are the planes' known geometry in each camera (in a lab: the structured-light
 * depth of the same surface; here the stage runs before any capture and the rendered plane's pose is
 * exact, so the fit is scored on its own, not through the reconstruction's errors). Board: portrait 6x9 inner corners of 25 mm (5x8 of 30 mm with {@code --quick}, so
 * corners stay ≥ ~10 px apart at 120x160 px); cols + rows odd, so the corner order is fixed by colour.
 */
final class CalibrateStage implements Stage {
  static final String CALIBRATION_FILE = "calibration/calibration.json";
  static final String CORNERS_PICTURE = "calibration/corners.png";
  static final String RESIDUALS_PICTURE = "calibration/residuals.png";
  private static final long POSE_SEED_OFFSET = 0x7ca1L;
  private static final long NOISE_SEED_OFFSET = 0x7ca2L;
  /** Every this-many-th board pose is also rendered under each projector's patterns (10 of 20). */
  static final int PROJECTOR_POSE_STRIDE = 2;
  /** DP calibration planes: centre depths (mm) on both sides of the 970 mm focus, tilt, noise seed offset. */
  static final double[] DP_PLANE_DEPTHS_MM = {840, 960, 1100};
  static final double DP_PLANE_TILT_DEG = 15;
  private static final long DP_SEED_OFFSET = 0x7ca3L;
  private static final Logger LOG = LoggerFactory.getLogger(CalibrateStage.class);

  @Override
  public String id() {
    return "calibrate";
  }

  @Override
  public String title() {
    return "Render a chessboard calibration take, calibrate every camera and its pose, score against the truth";
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    DemoConfig config = ctx.config();
    boolean quick = config.quick();
    RigDescription rig = DemoRig.forConfig(config);
    ChessboardSpec spec = quick ? new ChessboardSpec(5, 8, 30) : new ChessboardSpec(6, 9, 25);
    int poseCount = 20;
    BoardSpec board = BoardSpec.chessboard(spec.columns(), spec.rows(), spec.squareMm());
    List<RigidTransform> poses = BoardPoses.generate(rig, board, BoardPoses.Config.defaults(poseCount),
        config.seed() + POSE_SEED_OFFSET);
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    TargetRenderConfig renderConfig = TargetRenderConfig.defaults().withSeed(config.seed() + NOISE_SEED_OFFSET)
        .withThreads(threads);
    List<String> ids = rig.cameras().stream().map(CameraSpec::id).toList();
    int np = rig.projectors().size();
    ChessboardDetector detector = new ChessboardDetector(spec);
    GrayU16 cornersImage = null;
    CornerDetection cornersView = null;
    List<List<CornerDetection>> detections = new ArrayList<>();
    List<List<ProjectorView>> projectorViews = new ArrayList<>();
    List<List<GrayU8>> patterns = new ArrayList<>();
    List<PatternDecoder> decoders = new ArrayList<>();
    Map<String, Object> m = new LinkedHashMap<>();
    RigCalibration cal;
    List<ProjectorCalibration> projectors = new ArrayList<>();
    List<CalibrationErrors> projectorErrors = new ArrayList<>();
    double worstCornerPx = 0;
    int projectorFrames = 0;
    try (TargetRenderer r = new TargetRenderer(rig, board, renderConfig)) {
      for (ProjectorSpec p : rig.projectors()) {
        // the capture's sequence (VirtualSubjects), decoded like a single (not summed) 14-bit frame
        SequenceDescription seq = Sequences.dpface(p.resolution().width(), p.resolution().height(),
            SequenceConfig.defaults());
        patterns.add(new PatternGenerator(seq).renderAllU8());
        decoders.add(new PatternDecoder(seq, ReconstructionConfig.decoderForBits(renderConfig.sensor().adcBits()),
            threads));
        projectorViews.add(new ArrayList<>());
      }
      for (int p = 0; p < poseCount; p++) {
        List<CornerDetection> dets = new ArrayList<>();
        for (int c = 0; c < ids.size(); c++) {
          GrayU16 img = new GrayU16(1, 1);
          r.renderFlat(p, poses.get(p), c, img);
          CornerDetection d =
              CornerOrder.canonical(spec, img, detector.detect(RigDetections.viewName(p, ids.get(c)), img));
          dets.add(d);
          if (c == 0 && (cornersView == null || !cornersView.isFound())) {
            // the corners picture: camera 0's first view with the board found, else its last view
            cornersImage = img;
            cornersView = d;
          }
        }
        detections.add(dets);
        if (p % PROJECTOR_POSE_STRIDE != 0) {
          continue;
        }
        // Moreno–Taubin: the board under each projector's patterns, seen by the camera with the largest board
        for (int c : ProjectorViews.largestBoards(dets, spec.columns(), 1)) {
          for (int j = 0; j < np; j++) {
            List<GrayU16> frames = r.renderPatterns(p, poses.get(p), c, j, patterns.get(j));
            projectorFrames += frames.size();
            DecodedMaps d = new DecodedMaps();
            decoders.get(j).decode(frames, d);
            projectorViews.get(j).add(new ProjectorView(p, ids.get(c), dets.get(c), d));
          }
        }
      }
      // 135 mm lens, 19° field: k3 is not observable, estimate k1 k2 p1 p2
      RigCalibrationConfig cfg = RigCalibrationConfig.defaults()
          .withCamera(CalibrationConfig.defaults().withDistortion(DistortionModel.RADIAL2_TANGENTIAL));
      cal = new RigCalibrator(cfg).calibrate(spec, ids, detections);
      ProjectorCalibrator pc = new ProjectorCalibrator(ProjectorCalibrationConfig.defaults());
      for (int j = 0; j < np; j++) {
        ProjectorSpec truth = rig.projectors().get(j);
        try {
          ProjectorCalibration p = pc.calibrate(truth.id(), truth.resolution().width(), truth.resolution().height(),
              projectorViews.get(j), cal);
          projectors.add(p);
          projectorErrors.add(CalibrationErrors.of(p.model(), p.worldToProjector(), truth.nominalModel(),
              truth.worldToProjector()));
          for (ProjectorCalibration.PoseCorners k : p.corners()) {
            double[] got = k.pixels();
            double[] t = r.projectorTruth(poses.get(k.pose()), j).cornersUv();
            for (int i = 0; i < got.length; i += 2) {
              worstCornerPx = Math.max(worstCornerPx, Math.hypot(got[i] - t[i], got[i + 1] - t[i + 1]));
            }
          }
        } catch (IllegalArgumentException e) {
          LOG.warn("calibrate: projector {} not calibrated: {}", truth.id(), e.getMessage());
          m.put(truth.id(), "not calibrated: " + e.getMessage());
        }
      }
    } finally {
      decoders.forEach(PatternDecoder::close);
    }
    Map<String, DpCalibration> dp = calibrateDp(rig, renderConfig.sensor(), config.seed() + DP_SEED_OFFSET,
        threads, m);
    Path json = ctx.file(CALIBRATION_FILE);
    Instant date = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    CalibrationFile file = ProjectorCalibration.withProjectors(cal.toCalibrationFile(rig.id(), date), projectors);
    for (Map.Entry<String, DpCalibration> e : dp.entrySet()) {
      file = file.withDpCoefficients(e.getKey(), e.getValue().coefficients());
    }
    CalibrationJson.write(json, file);
    for (RigCalibration.Camera c : cal.cameras()) {
      DpCalibration d = dp.get(c.id());
      OpenCvYaml.write(json.resolveSibling(c.id() + ".yml"), c.model(), c.rmsPx(), d == null ? null : d.coefficients());
    }
    for (ProjectorCalibration p : projectors) {
      OpenCvYaml.write(json.resolveSibling(p.id() + ".yml"), p.model(), p.rmsPx());
    }

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
      m.put(cam.id(), errorLine("views", cam.views().size(), e, cam.rmsPx()));
    }
    m.put("worst focal error (%)", round(100 * worstF, 3));
    m.put("worst principal point error (px)", round(worstPp, 2));
    m.put("worst distortion error (px)", round(worstD, 2));
    m.put("worst rotation error (deg)", round(worstR, 3));
    m.put("worst camera centre error (mm)", round(worstT, 2));
    m.put("rig RMS (px)", round(cal.rmsPx(), 3));
    m.put("outlier views", outliers);

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
    m.put("projector pattern frames rendered", projectorFrames);
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
    if (!dp.isEmpty()) {
      m.put("worst DP a error (%)", round(100 * dpWorstA, 3));
      m.put("worst DP disparity error over the plane depths (px)", round(dpWorstD, 4));
      m.put("worst DP residual RMS (px)", round(dpWorstRms, 4));
    }

    writeCornersPicture(ctx.file(CORNERS_PICTURE), cornersImage, cornersView, ids.get(0));
    writeResidualPicture(ctx.file(RESIDUALS_PICTURE), cal);
    String summary = String.format(Locale.ROOT,
        "%d cameras from %d views: RMS %.3f px; worst focal %.2f %%, pp %.1f px, rotation %.2f deg, centre %.1f mm",
        ids.size(), found, cal.rmsPx(), 100 * worstF, worstPp, worstR, worstT);
    if (!projectors.isEmpty()) {
      summary += String.format(Locale.ROOT,
          "; %d of %d projectors: RMS %.3f px, worst focal %.2f %%, pp %.1f px, rotation %.2f deg, centre %.1f mm",
          projectors.size(), np, pRms, 100 * pF, pPp, pR, pT);
    }
    if (!dp.isEmpty()) {
      summary += String.format(Locale.ROOT, "; DP (a, b) of %d cameras: worst a %.2f %%, disparity %.3f px",
          dp.size(), 100 * dpWorstA, dpWorstD);
    }
    return StageResult.done(this, summary, m, List.of(CORNERS_PICTURE, RESIDUALS_PICTURE));
  }

  /**
   * Per DP camera: renders the speckle planes, exposes both halves with the calibration take's sensor and
   * fits (a, b). A camera whose fit fails is reported in {@code m} and left out.
   */
  private static Map<String, DpCalibration> calibrateDp(RigDescription rig, SensorModel sensor, long seed,
      int threads, Map<String, Object> m) {
    Map<String, DpCalibration> out = new LinkedHashMap<>();
    DpCoefficientCalibrator calibrator = new DpCoefficientCalibrator(DpCalibrationConfig.defaults().withThreads(threads));
    double tilt = Math.toRadians(DP_PLANE_TILT_DEG);
    try (RowExecutor rows = new RowExecutor(threads)) {
      for (int c = 0; c < rig.cameras().size(); c++) {
        CameraSpec cam = rig.cameras().get(c);
        if (cam.dualPixel().splitAxis().isEmpty()) {
          continue;
        }
        SplitAxis axis = cam.dualPixel().splitAxis().get();
        // speckle of about 4 pixel footprints at the focus distance
        double feature = 4 * cam.lens().focusDistanceMm() * cam.pixelPitchMm() / cam.lens().sensorDistanceMm();
        List<DpView> views = new ArrayList<>();
        try (TexturedPlane plane = new TexturedPlane(1200, feature, seed + c, threads)) {
          for (int p = 0; p < DP_PLANE_DEPTHS_MM.length; p++) {
            GrayF32 left = new GrayF32(1, 1);
            GrayF32 right = new GrayF32(1, 1);
            GrayF32 depth = new GrayF32(1, 1);
            GrayU8 mask = new GrayU8(1, 1);
            plane.render(cam, TexturedPlane.facing(DP_PLANE_DEPTHS_MM[p], p % 2 == 0 ? tilt : -tilt), left, right,
                depth, mask);
            GrayU16 l16 = new GrayU16(1, 1);
            GrayU16 r16 = new GrayU16(1, 1);
            long frame = 2L * (c * DP_PLANE_DEPTHS_MM.length + p);
            sensor.expose(left, seed, frame, l16, rows);
            sensor.expose(right, seed, frame + 1, r16, rows);
            views.add(DpView.ofU16(cam.id() + "/plane" + p, l16, r16, depth, mask));
          }
        }
        try {
          out.put(cam.id(), calibrator.calibrate(cam.id(), axis, views));
        } catch (IllegalArgumentException e) {
          LOG.warn("calibrate: DP coefficients of {} not calibrated: {}", cam.id(), e.getMessage());
          m.put(cam.id() + " DP", "not calibrated: " + e.getMessage());
        }
      }
    }
    return out;
  }

  /** One view of {@code cameraId}, corners drawn, corner 0 marked (shows the canonical order). */
  private static void writeCornersPicture(Path png, GrayU16 img, CornerDetection d, String cameraId)
      throws IOException {
    int scale = Math.max(1, 640 / img.height());
    BufferedImage out = new BufferedImage(img.width() * scale, img.height() * scale, BufferedImage.TYPE_INT_RGB);
    int max = 1;
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        max = Math.max(max, img.get(x, y));
      }
    }
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        int g = Math.min(255, (int) (255.0 * img.get(x / scale, y / scale) / max));
        out.setRGB(x, y, (g << 16) | (g << 8) | g);
      }
    }
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      double[] c = d.corners();
      g.setStroke(new BasicStroke(1.5f));
      for (int k = 0; k < c.length / 2; k++) {
        double u = (c[2 * k] + 0.5) * scale;
        double v = (c[2 * k + 1] + 0.5) * scale;
        g.setColor(k == 0 ? Color.RED : Color.GREEN);
        int r = k == 0 ? 6 : 3;
        g.drawOval((int) Math.round(u - r), (int) Math.round(v - r), 2 * r, 2 * r);
      }
      g.setColor(Color.YELLOW);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(cameraId + " " + d.source() + " (red: corner 0)", 4, 14);
    } finally {
      g.dispose();
    }
    writePng(png, out);
  }

  /** Per camera, a bar of its reprojection RMS; outlier views counted beside it. */
  private static void writeResidualPicture(Path png, RigCalibration cal) throws IOException {
    List<RigCalibration.Camera> cams = cal.cameras();
    int w = 540;
    int rowH = 26;
    int h = 30 + rowH * cams.size();
    double top = 0;
    for (RigCalibration.Camera cam : cams) {
      top = Math.max(top, cam.rmsPx());
    }
    top = Math.max(top * 1.2, 1e-3);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.setColor(Color.BLACK);
      g.drawString("reprojection RMS per camera (px), after joint refinement", 8, 18);
      int x0 = 60;
      int barMax = w - x0 - 120;
      for (int c = 0; c < cams.size(); c++) {
        RigCalibration.Camera cam = cams.get(c);
        int y = 30 + c * rowH;
        g.setColor(Color.BLACK);
        g.drawString(cam.id(), 8, y + 16);
        int len = (int) Math.round(barMax * cam.rmsPx() / top);
        long bad = cam.views().stream().filter(ViewResult::outlier).count();
        g.setColor(bad > 0 ? new Color(200, 80, 60) : new Color(70, 120, 190));
        g.fillRect(x0, y + 4, Math.max(1, len), rowH - 8);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%.3f (%d views%s)", cam.rmsPx(), cam.views().size(),
            bad > 0 ? ", " + bad + " outliers" : ""), x0 + len + 6, y + 16);
      }
    } finally {
      g.dispose();
    }
    writePng(png, out);
  }

  /** One device's errors against the truth, for the stage's metrics. */
  private static String errorLine(String what, int count, CalibrationErrors e, double rmsPx) {
    return String.format(Locale.ROOT,
        "%d %s, focal %+.3f %%, pp %.2f px, distortion %.2f px, rotation %.3f deg, centre %.2f mm, RMS %.3f px",
        count, what, 100 * e.focalError(), e.principalPointPx(), e.distortionPx(), e.rotationDeg(), e.centreMm(),
        rmsPx);
  }

  private static void writePng(Path png, BufferedImage img) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bytes);
    AtomicFiles.write(png, bytes.toByteArray());
  }

  private static String fmt(double v, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  private static double round(double v, int digits) {
    double s = Math.pow(10, digits);
    return Math.round(v * s) / s;
  }
}
