package org.dpface.calibration.rig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dpface.calibration.camera.CameraCalibration;
import org.dpface.calibration.camera.CameraCalibrator;
import org.dpface.calibration.camera.Reprojection;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.io.CalibrationInput;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibrates a rig of cameras from a session of board poses, each seen by some of the cameras: every
 * camera's intrinsics and its pose in the rig frame (camera 0's frame).
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>per camera, intrinsics and a board pose per view from all views of that camera
 *       ({@link CameraCalibrator}: Zhang, "A Flexible New Technique for Camera Calibration", IEEE TPAMI
 *       22(11), 2000);
 *   <li>initial extrinsics: a spanning tree grown from camera 0, each step adding the camera that shares
 *       the most board poses with a placed one; its pose relative to that camera is the medoid
 *       ({@link Poses#medoid}) of the per-pose estimates camAToBoard · boardToCamB (robust to a bad view);
 *   <li>initial board poses: the medoid over the cameras that saw each pose of boardToCamera ·
 *       cameraToWorld;
 *   <li>joint refinement of all camera poses (camera 0 fixed), all board poses and, by default, all
 *       intrinsics, minimising the Huber-weighted reprojection error by Levenberg–Marquardt
 *       ({@link BundleAdjuster}; Triggs et al., "Bundle Adjustment — A Modern Synthesis", 2000);
 *   <li>misdetected corners dropped ({@link CornerRejection}: beyond {@code rejectSigmas} robust sigmas of
 *       all corners' errors, decided afresh each round) and the refinement rerun from its result, at most
 *       three rounds;
 *   <li>per view and per camera reprojection RMS over the corners kept; a view is flagged an outlier when its
 *       RMS exceeds max(outlierFactor × median view RMS of the rig, outlierFloorPx). Flagged, not removed.
 * </ol>
 *
 * <p>Detections must be in one canonical corner order across cameras ({@link CornerOrder}); a view
 * whose order disagrees with the others shows up as an outlier with a huge RMS, and the Huber loss keeps
 * it from dragging the solution. Units mm and px; deterministic.
 */
public final class RigCalibrator {
  private static final Logger LOG = LoggerFactory.getLogger(RigCalibrator.class);
  /** Rounds of corner rejection and refinement at most. */
  private static final int MAX_REJECTION_ROUNDS = 3;

  private final RigCalibrationConfig config;

  public RigCalibrator(RigCalibrationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public RigCalibrationConfig config() {
    return config;
  }

  /**
   * Calibrates the rig.
   *
   * @param board the board
   * @param cameraIds camera ids in rig order (camera 0 defines the world frame)
   * @param byPose per board pose, per camera (rig order), the detection; {@code null} or a failed
   *     detection where the camera did not see the board
   * @throws IllegalArgumentException when a camera has fewer than {@code minViews} views or is not
   *     connected to camera 0 through shared board poses
   */
  public RigCalibration calibrate(BoardSpec board, List<String> cameraIds, List<List<CornerDetection>> byPose) {
    int nCam = cameraIds.size();
    int nPose = byPose.size();
    if (nCam < 1) {
      throw new IllegalArgumentException("no cameras");
    }
    double[] object = board.objectPoints();
    String spec = board.toSpecString();
    List<CalibrationInput> inputs = new ArrayList<>();
    CornerDetection[][] det = foundDetections(byPose, cameraIds, spec, inputs);

    // 1. per-camera intrinsics and per-view board poses
    CameraCalibrator single = new CameraCalibrator(config.camera());
    CameraCalibration[] singles = new CameraCalibration[nCam];
    RigidTransform[][] b2c = new RigidTransform[nPose][nCam];
    for (int c = 0; c < nCam; c++) {
      List<CornerDetection> views = new ArrayList<>();
      List<Integer> poseOf = new ArrayList<>();
      for (int p = 0; p < nPose; p++) {
        if (det[p][c] != null) {
          views.add(det[p][c]);
          poseOf.add(p);
        }
      }
      if (views.size() < config.camera().minViews()) {
        throw new IllegalArgumentException(cameraIds.get(c) + ": board found in " + views.size()
            + " poses; need at least " + config.camera().minViews());
      }
      singles[c] = single.calibrate(board, views);
      for (int v = 0; v < views.size(); v++) {
        b2c[poseOf.get(v)][c] = singles[c].views().get(v).boardToCamera();
      }
    }

    // 2. initial extrinsics over a spanning tree from camera 0
    RigidTransform[] w2c = new RigidTransform[nCam];
    w2c[0] = RigidTransform.identity();
    for (int placed = 1; placed < nCam; placed++) {
      int bestA = -1;
      int bestB = -1;
      int bestShared = 0;
      for (int a = 0; a < nCam; a++) {
        for (int b = 0; b < nCam && w2c[a] != null; b++) {
          if (w2c[b] != null) {
            continue;
          }
          int shared = 0;
          for (int p = 0; p < nPose; p++) {
            shared += b2c[p][a] != null && b2c[p][b] != null ? 1 : 0;
          }
          if (shared > bestShared) {
            bestShared = shared;
            bestA = a;
            bestB = b;
          }
        }
      }
      if (bestB < 0) {
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < nCam; c++) {
          if (w2c[c] == null) {
            missing.add(cameraIds.get(c));
          }
        }
        throw new IllegalArgumentException("cameras " + missing + " share no board pose with "
            + cameraIds.get(0) + " or any camera linked to it");
      }
      List<RigidTransform> rel = new ArrayList<>();
      for (int p = 0; p < nPose; p++) {
        if (b2c[p][bestA] != null && b2c[p][bestB] != null) {
          rel.add(b2c[p][bestA].invert().then(b2c[p][bestB]));
        }
      }
      w2c[bestB] = w2c[bestA].then(Poses.medoid(rel));
      LOG.debug("placed {} from {} over {} shared poses", cameraIds.get(bestB), cameraIds.get(bestA), bestShared);
    }

    // 3. initial board poses
    RigidTransform[] b2w = new RigidTransform[nPose];
    int[] seenBy = new int[nPose];
    for (int p = 0; p < nPose; p++) {
      List<RigidTransform> cand = new ArrayList<>();
      for (int c = 0; c < nCam; c++) {
        if (b2c[p][c] != null) {
          cand.add(b2c[p][c].then(w2c[c].invert()));
        }
      }
      seenBy[p] = cand.size();
      b2w[p] = cand.isEmpty() ? null : Poses.medoid(cand);
    }

    // 4. joint refinement
    List<BundleAdjuster.Observation> obs = new ArrayList<>();
    for (int p = 0; p < nPose; p++) {
      for (int c = 0; c < nCam; c++) {
        if (det[p][c] != null) {
          obs.add(new BundleAdjuster.Observation(c, p, det[p][c].corners()));
        }
      }
    }
    CameraModel[] models = new CameraModel[nCam];
    for (int c = 0; c < nCam; c++) {
      models[c] = singles[c].model();
    }
    BundleAdjuster ba = adjuster(object, obs, nCam, nPose);
    BundleAdjuster.Result res = ba.run(models, w2c, b2w);

    // 5. drop misdetected corners and refine again, until the dropped set settles
    List<BundleAdjuster.Observation> detected = obs;
    int[] dropped = new int[nCam];
    for (int round = 0; round < MAX_REJECTION_ROUNDS && config.rejectSigmas() > 0; round++) {
      CornerRejection.Outcome rej = CornerRejection.apply(ba, res, detected, obs, nCam, board.pointCount(),
          config.rejectSigmas(), config.rejectFloorPx(), config.camera().minViews());
      if (!rej.changed()) {
        break;
      }
      dropped = rej.perCamera();
      obs = rej.observations();
      ba = adjuster(object, obs, nCam, nPose);
      BundleAdjuster.Result again = ba.run(res.models(), res.worldToCamera(), res.boardToWorld());
      LOG.debug("dropped {} corners above {} px; rms {} px -> {} px", Arrays.stream(dropped).sum(),
          rej.thresholdPx(), res.finalRmsPx(), again.finalRmsPx());
      res = new BundleAdjuster.Result(again.models(), again.worldToCamera(), again.boardToWorld(),
          res.iterations() + again.iterations(), res.initialRmsPx(), again.finalRmsPx());
    }

    // 6. residuals and outlier flags
    List<RigCalibration.Camera> cams = cameraResults(board, cameraIds, det, obs, res, singles, inputs, dropped);
    List<RigCalibration.Pose> poses = new ArrayList<>();
    for (int p = 0; p < nPose; p++) {
      if (res.boardToWorld()[p] != null) {
        poses.add(new RigCalibration.Pose(p, res.boardToWorld()[p], seenBy[p]));
      }
    }
    LOG.debug("rig of {} cameras, {} poses, {} views: rms {} px -> {} px in {} iterations", nCam, poses.size(),
        obs.size(), res.initialRmsPx(), res.finalRmsPx(), res.iterations());
    return new RigCalibration(board, cams, poses, inputs, res.initialRmsPx(), res.finalRmsPx(), res.iterations());
  }


  /** A bundle adjuster over the observations with at least one corner kept. */
  private BundleAdjuster adjuster(double[] object, List<BundleAdjuster.Observation> obs, int nCam, int nPose) {
    List<BundleAdjuster.Observation> live = obs.stream()
        .filter(o -> Arrays.stream(o.pixels()).anyMatch(v -> !Double.isNaN(v))).toList();
    return new BundleAdjuster(object, live, nCam, nPose, config.camera().distortion().terms(),
        config.refineIntrinsics(), config.huberPx(), config.maxIterations());
  }

  /**
   * Per pose, per camera, the found detection or null; a failed one is listed in {@code inputs}.
   */
  private static CornerDetection[][] foundDetections(List<List<CornerDetection>> byPose, List<String> cameraIds,
      String spec, List<CalibrationInput> inputs) {
    int nCam = cameraIds.size();
    CornerDetection[][] det = new CornerDetection[byPose.size()][nCam];
    for (int p = 0; p < byPose.size(); p++) {
      List<CornerDetection> row = byPose.get(p);
      if (row.size() != nCam) {
        throw new IllegalArgumentException("pose " + p + " has " + row.size() + " detections for " + nCam + " cameras");
      }
      for (int c = 0; c < nCam; c++) {
        CornerDetection d = row.get(c);
        if (d != null && d.isFound()) {
          det[p][c] = d;
        } else if (d != null) {
          inputs.add(new CalibrationInput(d.source(), cameraIds.get(c), spec, false, d.failure()));
        }
      }
    }
    return det;
  }

  /**
   * Per camera, the refined model and pose with per-view residuals and outlier flags; adds a used
   * input per view to {@code inputs}. {@code obs} must hold the camera observations only.
   */
  private List<RigCalibration.Camera> cameraResults(BoardSpec board, List<String> cameraIds,
      CornerDetection[][] det, List<BundleAdjuster.Observation> obs, BundleAdjuster.Result res,
      CameraCalibration[] singles, List<CalibrationInput> inputs, int[] dropped) {
    int nCam = cameraIds.size();
    double[] object = board.objectPoints();
    String spec = board.toSpecString();
    double[] viewRms = new double[obs.size()];
    double[] viewMax = new double[obs.size()];
    int[] viewCorners = new int[obs.size()];
    boolean[] viewDropped = new boolean[obs.size()];
    for (int i = 0; i < obs.size(); i++) {
      BundleAdjuster.Observation o = obs.get(i);
      RigidTransform t = res.boardToWorld()[o.pose()].then(res.worldToCamera()[o.camera()]);
      double[] e = Reprojection.errors(res.models()[o.camera()], t, object, o.pixels());
      if (e[2] == 0) { // the whole view was dropped: its figures over the detection as it was
        viewDropped[i] = true;
        e = Reprojection.errors(res.models()[o.camera()], t, object, det[o.pose()][o.camera()].corners());
      }
      viewRms[i] = Math.sqrt(e[0] / e[2]);
      viewMax[i] = e[1];
      viewCorners[i] = (int) e[2];
    }
    double threshold = config.camera().outlierThresholdPx(viewRms);
    List<List<ViewResult>> views = new ArrayList<>();
    double[] sumSq = new double[nCam];
    int[] count = new int[nCam];
    for (int c = 0; c < nCam; c++) {
      views.add(new ArrayList<>());
    }
    for (int i = 0; i < obs.size(); i++) {
      BundleAdjuster.Observation o = obs.get(i);
      int c = o.camera();
      boolean outlier = viewDropped[i] || viewRms[i] > threshold;
      RigidTransform t = res.boardToWorld()[o.pose()].then(res.worldToCamera()[c]);
      String source = det[o.pose()][c].source();
      views.get(c).add(new ViewResult(source, t, viewRms[i], viewMax[i], viewCorners[i], outlier));
      inputs.add(new CalibrationInput(source, cameraIds.get(c), spec, !viewDropped[i],
          viewDropped[i] ? "dropped: most corners off the model" : outlier ? "outlier" : null));
      if (!viewDropped[i]) {
        sumSq[c] += viewRms[i] * viewRms[i];
        count[c]++;
      }
    }
    List<RigCalibration.Camera> cams = new ArrayList<>();
    for (int c = 0; c < nCam; c++) {
      cams.add(new RigCalibration.Camera(cameraIds.get(c), res.models()[c], res.worldToCamera()[c],
          Math.sqrt(sumSq[c] / count[c]), views.get(c), singles[c], dropped[c]));
    }
    return cams;
  }
}
