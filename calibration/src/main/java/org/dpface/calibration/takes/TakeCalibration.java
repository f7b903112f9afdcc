package org.dpface.calibration.takes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dpface.calibration.camera.CalibrationConfig;
import org.dpface.calibration.camera.DistortionModel;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.dp.DpCalibration;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.calibration.io.OpenCvYaml;
import org.dpface.calibration.projector.ProjectorCalibration;
import org.dpface.calibration.projector.ProjectorCalibrationConfig;
import org.dpface.calibration.projector.ProjectorCalibrator;
import org.dpface.calibration.projector.ProjectorView;
import org.dpface.calibration.projector.ProjectorViews;
import org.dpface.calibration.rig.RigCalibration;
import org.dpface.calibration.rig.RigCalibrationConfig;
import org.dpface.calibration.rig.RigConsistency;
import org.dpface.calibration.rig.RigCalibrator;
import org.dpface.calibration.rig.RigDetections;
import org.dpface.capture.storage.StoredCalibrationTake;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.reconstruction.codec.PatternDecoder;
import org.dpface.reconstruction.pipeline.ReconstructionConfig;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;

/**
 * Calibrates a rig from stored calibration takes ({@link TakeInputs}), in three steps that can run alone or
 * in order, each reading what the previous one wrote to the output folder:
 *
 * <ol>
 *   <li>{@link #cameras()}: the flat-lit frame (left + right DP halves) of every camera in every board take,
 *       chessboard corners in canonical order, the multi-camera rig calibration ({@link RigCalibrator}; world =
 *       the first camera's frame); writes {@code calibration.json} (cameras), one OpenCV YAML per camera, the
 *       corner pictures and the residual plot;
 *   <li>{@link #projectors()}: per board take and projector, its SL block seen by the camera with the largest
 *       board, decoded, then Moreno–Taubin ({@link ProjectorCalibrator}) with the board poses of step 1 (read
 *       back from the cameras' refined views in {@code calibration.json}); adds the projectors;
 *   <li>{@link #dp()}: DP (a, b) per DP camera from the plane takes ({@link DpFromTakes}: the plane's depth
 *       measured by structured light with the calibrated cameras and projectors); adds the coefficients.
 * </ol>
 *
 * Every file is written atomically; {@code report.json} ({@link CalibrationReport}) gains a section per step.
 * Inputs are images and the board spec only: a virtual rig's truth is never read.
 */
public final class TakeCalibration {
  /** The calibration file in the output folder. */
  public static final String CALIBRATION_FILE = "calibration.json";
  /** The pictures folder in the output folder. */
  public static final String PICTURES = "pictures";

  /** Progress lines (one per take and step). */
  public interface Progress {
    /** A progress line. */
    void line(String text);
  }

  /**
   * Settings.
   *
   * @param threads worker threads (decoding, DP)
   * @param sensorBits ADC bits of the cameras' DP halves, overriding what each take recorded ({@code take.json}
   *     {@code sensorBits}); null: the recorded depth (a frame's two halves sum to one more bit)
   * @param progress progress lines
   */
  public record Options(int threads, Integer sensorBits, Progress progress) {
    public Options {
      if (threads < 1 || sensorBits != null && (sensorBits < 1 || sensorBits > 16)) {
        throw new IllegalArgumentException("threads must be >= 1 and sensor bits in 1..16: " + threads + ", "
            + sensorBits);
      }
    }
  }

  /**
   * What {@link #cameras()} found.
   *
   * @param rig the rig calibration
   * @param detections per board take (pose), per camera (rig order), the canonical corners
   */
  public record CamerasResult(RigCalibration rig, List<List<CornerDetection>> detections) {}

  /**
   * What {@link #projectors()} found.
   *
   * @param projectors calibrated projectors in rig order
   * @param failures projector id → why it was not calibrated
   * @param frames decoded SL frames
   */
  public record ProjectorsResult(List<ProjectorCalibration> projectors, Map<String, String> failures, int frames) {}

  private final TakeInputs in;
  private final Path out;
  private final Options options;
  private final List<String> ids;
  private List<List<CornerDetection>> detections;

  public TakeCalibration(TakeInputs inputs, Path outDir, Options options) {
    this.in = inputs;
    this.out = outDir;
    this.options = options;
    this.ids = inputs.rig().cameras().stream().map(CameraSpec::id).toList();
  }

  /** The output folder. */
  public Path outDir() {
    return out;
  }

  /** Step 1: cameras. */
  public CamerasResult cameras() throws IOException {
    Files.createDirectories(out.resolve(PICTURES));
    List<List<CornerDetection>> dets = detectAll();
    // long lens, 19° field: k3 is not observable and the tangential terms trade with the principal point
    // (measured with calibration's CalibrationAccuracyMain: fused error 0.118 → 0.089 mm), so estimate k1 k2
    RigCalibrationConfig cfg = RigCalibrationConfig.defaults()
        .withCamera(CalibrationConfig.defaults().withDistortion(DistortionModel.RADIAL2));
    RigCalibration cal;
    try {
      cal = new RigCalibrator(cfg).calibrate(in.board(), ids, dets);
    } catch (IllegalArgumentException e) {
      throw new IOException("camera calibration from " + in.boards().size() + " board takes failed: " + e.getMessage(), e);
    }
    Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CalibrationJson.write(out.resolve(CALIBRATION_FILE), cal.toCalibrationFile(in.rig().id(), date));
    for (RigCalibration.Camera c : cal.cameras()) {
      OpenCvYaml.write(out.resolve(c.id() + ".yml"), c.model(), c.rmsPx());
    }
    List<String> pictures = new ArrayList<>();
    GrayU16 img = new GrayU16(1, 1);
    GrayU16 work = new GrayU16(1, 1);
    for (int c = 0; c < ids.size(); c++) {
      int pose = firstFound(dets, c);
      StoredCalibrationTake t = in.boards().get(pose);
      TakeImages.readSum(t, ids.get(c), t.step("flat"), img, work);
      String name = PICTURES + "/corners-" + ids.get(c) + ".png";
      CalibrationPictures.writeCorners(out.resolve(name), img, dets.get(pose).get(c), ids.get(c));
      pictures.add(name);
    }
    String residuals = PICTURES + "/residuals.png";
    CalibrationPictures.writeResiduals(out.resolve(residuals), cal);
    pictures.add(residuals);
    CalibrationReport.update(out, in, r -> CalibrationReport.cameras(r, in, cal, dets, pictures));
    int dropped = cal.cameras().stream().mapToInt(RigCalibration.Camera::droppedCorners).sum();
    options.progress().line(String.format(java.util.Locale.ROOT,
        "cameras: %d cameras, RMS %.3f px, %d misdetected corners dropped -> %s", ids.size(), cal.rmsPx(), dropped,
        out.resolve(CALIBRATION_FILE)));
    detections = dets;
    return new CamerasResult(cal, dets);
  }

  /** Step 2: projectors; needs the cameras in {@code calibration.json}. */
  public ProjectorsResult projectors() throws IOException {
    if (in.sequence() == null) {
      throw new IOException("no board take has structured-light steps: projectors cannot be calibrated");
    }
    CalibrationFile file = readCalibration();
    Map<Integer, RigidTransform> boardToWorld = boardPoses(file);
    List<List<CornerDetection>> dets = detections != null ? detections : detectAll();
    List<ProjectorSpec> specs = in.rig().projectors();
    List<List<ProjectorView>> views = new ArrayList<>();
    specs.forEach(p -> views.add(new ArrayList<>()));
    int n = in.sequence().size();
    List<GrayU16> frames = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      frames.add(new GrayU16(1, 1));
    }
    GrayU16 work = new GrayU16(1, 1);
    int decoded = 0;
    try (PatternDecoder decoder = new PatternDecoder(in.sequence(),
        ReconstructionConfig.defaults().decoder(), options.threads())) {
      for (int p = 0; p < in.boards().size(); p++) {
        StoredCalibrationTake t = in.boards().get(p);
        if (!TakeInputs.hasStructuredLight(t) || !boardToWorld.containsKey(p)) {
          continue;
        }
        for (int c : ProjectorViews.largestBoards(dets.get(p), in.board().columns(), 1)) {
          for (int j = 0; j < specs.size(); j++) {
            for (int k = 0; k < n; k++) {
              TakeImages.readSum(t, ids.get(c), in.slStep(t, j, k), frames.get(k), work);
            }
            DecodedMaps d = new DecodedMaps();
            decoder.decode(frames, TakeImages.summedFullScale(t, ids.get(c), options.sensorBits()), d);
            decoded += n;
            views.get(j).add(new ProjectorView(p, ids.get(c), dets.get(p).get(c), d));
          }
          options.progress().line("projectors: " + t.takeId() + " (" + t.target().label() + ") decoded by "
              + ids.get(c));
        }
      }
    }
    // radial k1 k2 as for the cameras (the projector lens is long as well)
    ProjectorCalibrationConfig pcfg = ProjectorCalibrationConfig.defaults();
    ProjectorCalibrator pc = new ProjectorCalibrator(
        pcfg.withIntrinsics(pcfg.intrinsics().withDistortion(DistortionModel.RADIAL2)));
    List<ProjectorCalibration> done = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    for (int j = 0; j < specs.size(); j++) {
      ProjectorSpec s = specs.get(j);
      try {
        done.add(pc.calibrate(in.board(), s.id(), s.resolution().width(), s.resolution().height(), views.get(j),
            boardToWorld));
      } catch (IllegalArgumentException e) {
        failures.put(s.id(), e.getMessage());
        options.progress().line("projectors: " + s.id() + " not calibrated: " + e.getMessage());
      }
    }
    List<DeviceCalibration> cams = file.devices().stream().filter(d -> d.kind() == DeviceCalibration.Kind.CAMERA)
        .toList();
    CalibrationFile merged = ProjectorCalibration.withProjectors(
        new CalibrationFile(file.rigId(), file.date(), cams, file.inputs()), done);
    CalibrationJson.write(out.resolve(CALIBRATION_FILE), merged);
    for (ProjectorCalibration p : done) {
      OpenCvYaml.write(out.resolve(p.id() + ".yml"), p.model(), p.rmsPx());
    }
    int frameCount = decoded;
    CalibrationReport.update(out, in, r -> CalibrationReport.projectors(r, done, failures, frameCount));
    options.progress().line("projectors: " + done.size() + " of " + specs.size() + " calibrated");
    return new ProjectorsResult(done, failures, decoded);
  }

  /**
   * Every step: cameras, projectors (when board takes have SL), DP (when there are plane takes).
   *
   * @param projectors null when no board take has SL
   * @param dp null when there is no plane take
   */
  public record AllResult(CamerasResult cameras, ProjectorsResult projectors, DpFromTakes.Result dp) {}

  /** Runs every step that has takes, in order. */
  public AllResult all() throws IOException {
    CamerasResult c = cameras();
    ProjectorsResult p = in.sequence() == null ? null : projectors();
    DpFromTakes.Result d = in.planes().isEmpty() || p == null || p.projectors().isEmpty() ? null : dp();
    return new AllResult(c, p, d);
  }

  /** Step 3: DP coefficients; needs cameras and projectors in {@code calibration.json}. */
  public DpFromTakes.Result dp() throws IOException {
    CalibrationFile file = readCalibration();
    DpFromTakes.Result r = new DpFromTakes(in, options).calibrate(file);
    CalibrationFile updated = file;
    for (Map.Entry<String, DpCalibration> e : r.calibrations().entrySet()) {
      updated = updated.withDpCoefficients(e.getKey(), e.getValue().coefficients());
    }
    CalibrationJson.write(out.resolve(CALIBRATION_FILE), updated);
    for (DeviceCalibration d : updated.devices()) {
      if (d.kind() == DeviceCalibration.Kind.CAMERA) {
        OpenCvYaml.write(out.resolve(d.id() + ".yml"), d.model(), d.rmsPx(), d.dp().orElse(null));
      }
    }
    CalibrationReport.update(out, in, rep -> CalibrationReport.dp(rep, r));
    options.progress().line("dp: " + r.calibrations().size() + " DP cameras calibrated");
    return r;
  }

  /**
   * Camera–projector and camera–camera consistency of the written calibration with the projector and camera pairs ({@link RigConsistency}).
   *
   * @param projectorPairs null when calibration.json holds no projector
   */
  public record Consistency(RigConsistency.Result projectorPairs, RigConsistency.Result cameraPairs) {}

  /**
   * Scores the written {@code calibration.json} against a rig whose models and poses are known — the virtual
   * rig's truth — the way triangulation uses it ({@link RigConsistency}: every calibrated camera with every
   * calibrated projector, and camera pairs), and writes the report's {@code consistency} section. Not part of
   * {@link #all()}: a lab rig's description holds design values, not the truth.
   *
   * @param reference the rig holding the true models and poses (same ids)
   * @param note what the reference is, for the report
   */
  public Consistency consistency(RigDescription reference, String note) throws IOException {
    CalibrationFile file = readCalibration();
    List<RigConsistency.Device> cams = new ArrayList<>();
    List<RigConsistency.Device> projs = new ArrayList<>();
    for (DeviceCalibration d : file.devices()) {
      (d.kind() == DeviceCalibration.Kind.CAMERA ? cams : projs).add(
          new RigConsistency.Device(d.id(), d.model(), d.rigToDevice()));
    }
    Consistency c = new Consistency(projs.isEmpty() ? null : RigConsistency.measure(cams, projs, reference),
        RigConsistency.measure(cams, cams, reference));
    CalibrationReport.update(out, in, r -> CalibrationReport.consistency(r, note, c));
    return c;
  }

  /** The calibration written so far. */
  public CalibrationFile readCalibration() throws IOException {
    Path f = out.resolve(CALIBRATION_FILE);
    if (!Files.isRegularFile(f)) {
      throw new IOException(f + " is missing: calibrate the cameras first (dpface calibrate cameras)");
    }
    CalibrationFile file = CalibrationJson.read(f);
    if (!in.rig().id().equals(file.rigId())) {
      throw new IOException(f + ": field rigId is \"" + file.rigId() + "\" but calibrating rig " + in.rig().id());
    }
    return file;
  }

  /** Per board take (pose index), its board pose in the rig frame from the refined camera views. */
  private Map<Integer, RigidTransform> boardPoses(CalibrationFile file) throws IOException {
    Map<String, Integer> byName = new HashMap<>();
    for (int p = 0; p < in.boards().size(); p++) {
      for (String id : ids) {
        byName.put(RigDetections.viewName(p, id), p);
      }
    }
    Map<Integer, RigidTransform> out = new HashMap<>();
    for (DeviceCalibration d : file.devices()) {
      if (d.kind() != DeviceCalibration.Kind.CAMERA) {
        continue;
      }
      RigidTransform cameraToWorld = d.rigToDevice().invert();
      for (ViewResult v : d.views()) {
        Integer p = byName.get(v.source());
        if (p != null && !v.outlier()) {
          out.putIfAbsent(p, v.boardToCamera().then(cameraToWorld));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IOException(this.out.resolve(CALIBRATION_FILE) + ": no camera view names a board take of "
          + in.boards().size() + " (calibrated from other takes?)");
    }
    return out;
  }

  /** Corners of every board take's flat step on every camera, takes detected in parallel ({@code threads}). */
  private List<List<CornerDetection>> detectAll() throws IOException {
    int n = in.boards().size();
    List<Future<List<CornerDetection>>> rows = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.threads(), n)));
    try {
      for (int p = 0; p < n; p++) {
        int pose = p;
        rows.add(pool.submit(() -> detectTake(pose)));
      }
      List<List<CornerDetection>> dets = new ArrayList<>();
      for (int p = 0; p < n; p++) {
        List<CornerDetection> row = rows.get(p).get();
        StoredCalibrationTake t = in.boards().get(p);
        dets.add(row);
        options.progress().line("corners: " + t.takeId() + " (" + t.target().label() + "): board found by "
            + row.stream().filter(CornerDetection::isFound).count() + " of " + ids.size() + " cameras");
      }
      return dets;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("corner detection interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("corner detection failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private List<CornerDetection> detectTake(int p) throws IOException {
    ChessboardDetector detector = new ChessboardDetector(in.board());
    GrayU16 img = new GrayU16(1, 1);
    GrayU16 work = new GrayU16(1, 1);
    StoredCalibrationTake t = in.boards().get(p);
    List<CornerDetection> row = new ArrayList<>();
    for (String id : ids) {
      if (!t.cameraIds().contains(id)) {
        row.add(CornerDetection.failed(RigDetections.viewName(p, id), t.width(), t.height(), "camera not in take"));
        continue;
      }
      row.add(TakeImages.corners(t, id, t.step("flat"), RigDetections.viewName(p, id), detector, img, work));
    }
    return row;
  }

  private static int firstFound(List<List<CornerDetection>> dets, int camera) {
    for (int p = 0; p < dets.size(); p++) {
      if (dets.get(p).get(camera).isFound()) {
        return p;
      }
    }
    return dets.size() - 1;
  }
}
