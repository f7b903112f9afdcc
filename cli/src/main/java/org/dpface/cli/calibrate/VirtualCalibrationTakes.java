package org.dpface.cli.calibrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dpface.calibration.takes.BoardPreview;
import org.dpface.calibration.takes.TakeInputs;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.capture.board.SimulatedBoard;
import org.dpface.capture.device.virtual.SimulatedBoardConnection;
import org.dpface.capture.device.virtual.VirtualCalibrationFrameSource;
import org.dpface.capture.run.CalibrationRunner;
import org.dpface.capture.run.TakeRunner;
import org.dpface.capture.run.TakeSchedule;
import org.dpface.capture.run.Timing;
import org.dpface.capture.run.TriggerPlans;
import org.dpface.capture.run.VirtualCaptureRig;
import org.dpface.capture.session.CalibrationTarget;
import org.dpface.capture.storage.CalibrationStore;
import org.dpface.capture.storage.LocalVolume;
import org.dpface.capture.storage.StoredCalibrationTake;
import org.dpface.cli.capture.VirtualSubjects;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU8;
import org.dpface.core.io.AtomicFiles;
import org.dpface.reconstruction.codec.PatternGenerator;
import org.dpface.reconstruction.codec.SequenceFiles;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.targets.BoardPoses;
import org.dpface.rigs.virtual.targets.BoardSpec;
import org.dpface.rigs.virtual.targets.TargetRenderConfig;
import org.dpface.rigs.virtual.targets.TexturedPlane;

/**
 * Captures a calibration session on the virtual rig through the capture controller (simulated trigger
 * board, virtual cameras and projectors, {@link CalibrationRunner}) into {@code lab/calibration/}: what an
 * operator does in the lab, with {@link VirtualCalibrationFrameSource} rendering the targets.
 *
 * <ul>
 *   <li>board takes {@code board-NN}: the chessboard at seeded poses ({@link BoardPoses}), the flat-lit step on
 *       every camera; at every {@code slStride}-th pose a second take {@code board-NN} follows that runs each
 *       projector's SL sequence (the subject takes' sequence, {@link VirtualSubjects#sequence}) and exposes only
 *       the {@code slCameras} cameras with the largest board detected in the first take's frames
 *       ({@link BoardPreview}: the operator's choice on the preview, by detection, no truth; it keeps the take
 *       small);
 *   <li>DP plane takes {@code plane-<camera>-N}: a flat checker-printed plane held in front of one DP camera at
 *       a depth and tilt, that camera only, SL sequence + flat step (the SL measures the plane's depth).
 * </ul>
 *
 * The sequence goes to {@code <session>/sl-sequence.json}. The poses are the virtual rig's truth: they render
 * the frames and, when a truth folder is given, go to {@code <truth>/<session>/truth.json} for scoring only;
 * nothing the calibration reads holds them.
 */
public final class VirtualCalibrationTakes {
  /** Truth file format (scoring only). */
  public static final String TRUTH_FORMAT = "dpface-calibration-truth";
  private static final long PLANE_POSE_OFFSET = 1000;
  /** Noise key offset of an SL board take (the same pose as its preview take, exposed again). */
  private static final long SL_POSE_OFFSET = 500;
  /** Attempts per calibration target (first take + retakes). */
  static final int ATTEMPTS = 3;
  /**
   * DP plane print: checker squares of this many pixel footprints at the focus distance, so that defocus
   * leaves contrast and the period (two squares) exceeds twice the DP search range (±8 px): no aliased match.
   */
  static final double PLANE_SQUARE_FOOTPRINTS = 10;

  /**
   * A DP plane take: in front of camera {@code camera} (rig index) at {@code depthMm}, tilted {@code tiltDeg}
   * about the camera's x axis.
   */
  public record Plane(int camera, double depthMm, double tiltDeg) {}

  /**
   * What to capture.
   *
   * @param board the calibration board
   * @param boardPoses board poses (truth), one flat board take on every camera each
   * @param slStride every this-many-th pose gets a second take running the SL sequence (1: all)
   * @param slCameras cameras an SL board take exposes (the largest boards detected in the pose's flat take)
   * @param planeTarget the DP plane's print (a fine chessboard); null: no plane takes
   * @param planes the DP plane takes
   */
  public record Plan(ChessboardSpec board, List<RigidTransform> boardPoses, int slStride, int slCameras,
      BoardSpec planeTarget, List<Plane> planes) {
    public Plan {
      boardPoses = List.copyOf(boardPoses);
      planes = List.copyOf(planes);
      if (slStride < 1 || slCameras < 1) {
        throw new IllegalArgumentException("slStride and slCameras must be >= 1, got " + slStride + ", " + slCameras);
      }
    }
  }

  /**
   * The session captured.
   *
   * @param sessionDir the calibration session folder
   * @param takes COMPLETE takes
   * @param failed failed takes (retaken, up to {@value #ATTEMPTS} attempts per target)
   * @param frames frames stored
   */
  public record Result(Path sessionDir, int takes, int failed, long frames) {}

  private VirtualCalibrationTakes() {}

  /** Seeded board poses seen by the rig ({@link BoardPoses#generate}). */
  public static List<RigidTransform> boardPoses(RigDescription rig, ChessboardSpec board, int count, long seed) {
    return BoardPoses.generate(rig, toRigs(board), BoardPoses.Config.defaults(count), seed);
  }

  /**
   * DP planes in front of every DP camera at {@code depthsMm}, tilted alternately ±{@code tiltDeg}, and their
   * print: a checker of squares {@value #PLANE_SQUARE_FOOTPRINTS} pixel footprints wide at the focus distance,
   * large enough to fill the view at the farthest depth.
   */
  public static Plan withPlanes(RigDescription rig, ChessboardSpec board, List<RigidTransform> poses, int slStride,
      int slCameras, double[] depthsMm, double tiltDeg) {
    List<Plane> planes = new ArrayList<>();
    CameraSpec ref = null;
    for (int c = 0; c < rig.cameras().size(); c++) {
      CameraSpec cam = rig.cameras().get(c);
      if (cam.dualPixel().splitAxis().isEmpty()) {
        continue;
      }
      ref = ref == null ? cam : ref;
      for (int k = 0; k < depthsMm.length; k++) {
        planes.add(new Plane(c, depthsMm[k], k % 2 == 0 ? tiltDeg : -tiltDeg));
      }
    }
    BoardSpec print = null;
    if (ref != null) {
      double footprint = ref.lens().focusDistanceMm() * ref.pixelPitchMm() / ref.lens().sensorDistanceMm();
      double square = Math.round(20 * PLANE_SQUARE_FOOTPRINTS * footprint) / 20.0;
      double far = 0;
      for (double d : depthsMm) {
        far = Math.max(far, d);
      }
      double side = 1.3 * far * Math.max(ref.resolution().width(), ref.resolution().height()) * ref.pixelPitchMm()
          / ref.lens().sensorDistanceMm();
      int n = (int) Math.ceil(side / square);
      print = BoardSpec.chessboard(n, n, square);
    }
    return new Plan(board, poses, slStride, slCameras, print, planes);
  }

  /**
   * Captures {@code plan} into a new calibration session of {@code lab}.
   *
   * @param truthDir where {@code <session>/truth.json} goes; null: no truth written
   * @param progress one line per take
   */
  public static Result capture(RigDescription rig, Path lab, Plan plan, TargetRenderConfig render, Path truthDir,
      Consumer<String> progress) throws IOException {
    SequenceDescription seq = VirtualSubjects.sequence(rig);
    List<List<GrayU8>> patterns = new ArrayList<>();
    List<GrayU8> images = new PatternGenerator(seq).renderAllU8();
    rig.projectors().forEach(p -> patterns.add(images));
    int sl = rig.projectors().size() * seq.size();
    Clock clock = Clock.systemUTC();
    Timing timing = Timing.simulatedBoard();
    int threads = 2;
    CalibrationStore store = CalibrationStore.create(lab, rig.id(), "DEMO", LocalVolume.INSTANCE, clock);
    SequenceFiles.write(store.dir().resolve(TakeInputs.SEQUENCE_FILE), seq);
    int slPoses = (plan.boardPoses().size() + plan.slStride() - 1) / plan.slStride();
    int count = plan.boardPoses().size() + slPoses + plan.planes().size();
    int[] done = new int[2];
    long[] frames = new long[1];
    CalibrationRunner.Listener listener = (target, index, n, stored, problem) -> {
      if (stored != null) {
        done[0]++;
        frames[0] += (long) stored.cameraIds().size() * stored.stepLabels().size();
        progress.accept(String.format("calibration take %d/%d %s (%s): %d cameras x %d steps stored", index, n,
            stored.takeId(), target.label(), stored.cameraIds().size(), stored.stepLabels().size()));
      } else {
        done[1]++;
        progress.accept(String.format("calibration take %d/%d (%s) FAILED: %s", index, n, target.label(), problem));
      }
    };
    ObjectNode truth = new ObjectMapper().createObjectNode();
    truth.put("format", TRUTH_FORMAT);
    truth.put("version", 1);
    truth.put("rigId", rig.id());
    truth.put("note", "virtual rig truth, for scoring only; calibration never reads it");
    ArrayNode truthTakes = truth.putArray("takes");
    try (VirtualCalibrationFrameSource source = new VirtualCalibrationFrameSource(rig, patterns, render);
        VirtualCaptureRig v = VirtualCaptureRig.open(rig, source, SimulatedBoardConnection.Transport.IN_PROCESS, null,
            SimulatedBoard.builder().build(), clock);
        TakeRunner flatOnly = new TakeRunner(v.rig(), TriggerPlans.buildCalibration(rig, 0, timing),
            Duration.ofSeconds(60), threads)) {
      BoardSpec board = toRigs(plan.board());
      int index = 0;
      for (int p = 0; p < plan.boardPoses().size(); p++) {
        RigidTransform pose = plan.boardPoses().get(p);
        CalibrationTarget target = new CalibrationTarget(String.format("board-%02d", p),
            CalibrationTarget.Purpose.BOARD, plan.board().toSpecString());
        // every pose: a flat take on every camera (also the operator's preview of an SL pose)
        source.use(board, p, pose, flatOnly.schedule().steps());
        StoredCalibrationTake stored = captureWithRetakes(flatOnly, store, target, ++index, count, listener);
        putTruth(truthTakes.addObject(), target, stored == null ? null : stored.takeId(), pose);
        if (p % plan.slStride() != 0 || stored == null) {
          continue;
        }
        // SL pose: the cameras whose preview holds the largest detected board decode the projectors
        List<String> aimed = BoardPreview.largestViews(stored, plan.board(), plan.slCameras());
        if (aimed.isEmpty()) {
          progress.accept(String.format("calibration %s: no camera found the board in the preview; no SL take",
              target.label()));
          continue;
        }
        try (TakeRunner withSl = new TakeRunner(v.rig(), TriggerPlans.buildCalibration(rig, sl, timing, aimed),
            Duration.ofSeconds(60), threads)) {
          source.use(board, (int) SL_POSE_OFFSET + p, pose, withSl.schedule().steps()); // its own exposure noise
          StoredCalibrationTake slTake = captureWithRetakes(withSl, store, target, ++index, count, listener);
          putTruth(truthTakes.addObject(), target, slTake == null ? null : slTake.takeId(), pose);
        }
      }
      for (int k = 0; k < plan.planes().size(); k++) {
        Plane pl = plan.planes().get(k);
        CameraSpec cam = rig.cameras().get(pl.camera());
        TakeSchedule schedule = TriggerPlans.buildCalibration(rig, sl, timing, List.of(cam.id()));
        RigidTransform pose = planeToWorld(plan.planeTarget(), cam, pl);
        source.use(plan.planeTarget(), (int) PLANE_POSE_OFFSET + k, pose, schedule.steps());
        CalibrationTarget target = new CalibrationTarget(String.format("plane-%s-%d", cam.id(), k),
            CalibrationTarget.Purpose.DP_PLANE, plan.planeTarget().format());
        try (TakeRunner runner = new TakeRunner(v.rig(), schedule, Duration.ofSeconds(60), threads)) {
          StoredCalibrationTake stored = captureWithRetakes(runner, store, target, ++index, count, listener);
          putTruth(truthTakes.addObject(), target, stored == null ? null : stored.takeId(), pose);
        }
      }
    }
    if (truthDir != null) {
      java.nio.file.Files.createDirectories(truthDir.resolve(store.id()));
      AtomicFiles.write(truthDir.resolve(store.id()).resolve("truth.json"),
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(truth));
    }
    return new Result(store.dir(), done[0], done[1], frames[0]);
  }

  /**
   * Captures {@code target}, retaking it (a new take id; the failed folder stays) up to {@value #ATTEMPTS}
   * times in all when verification fails, as an operator would (e.g. a step fired late on a loaded host).
   */
  private static StoredCalibrationTake captureWithRetakes(TakeRunner runner, CalibrationStore store,
      CalibrationTarget target, int index, int count, CalibrationRunner.Listener listener) throws IOException {
    StoredCalibrationTake stored = null;
    for (int attempt = 0; attempt < ATTEMPTS && stored == null; attempt++) {
      stored = new CalibrationRunner(runner).capture(store, target, index, count, listener);
    }
    return stored;
  }

  /** The plane's board frame in the world: the print centred on camera {@code pl.camera}'s axis. */
  static RigidTransform planeToWorld(BoardSpec print, CameraSpec cam, Plane pl) {
    double[] centre = print.gridCentre();
    RigidTransform centred = RigidTransform.translation(-centre[0], -centre[1], 0);
    return centred.then(TexturedPlane.facing(pl.depthMm(), Math.toRadians(pl.tiltDeg())))
        .then(cam.cameraToWorld().toTransform());
  }

  /** The calibration board as the virtual rig's target (margin one square). */
  static BoardSpec toRigs(ChessboardSpec b) {
    return BoardSpec.chessboard(b.columns(), b.rows(), b.squareMm());
  }

  private static void putTruth(ObjectNode o, CalibrationTarget t, String takeId, RigidTransform boardToWorld) {
    o.put("label", t.label());
    o.put("take", takeId);
    ArrayNode m = o.putArray("boardToWorld");
    for (double x : boardToWorld.toMatrix4()) {
      m.add(x);
    }
  }
}
