package org.dpface.calibration.projector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.dpface.calibration.camera.CameraCalibration;
import org.dpface.calibration.camera.CameraCalibrator;
import org.dpface.calibration.camera.Reprojection;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.io.CalibrationInput;
import org.dpface.calibration.rig.Poses;
import org.dpface.calibration.rig.RigCalibration;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.core.geom.RigidTransform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibrates a projector as an inverse camera and places it in a calibrated rig's frame, from views of
 * board poses under the projector's structured-light patterns (Moreno and Taubin, "Simple, Accurate, and
 * Robust Projector-Camera Calibration", 3DIMPVT 2012).
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>per view (board pose × camera), each board corner the camera detected is mapped into the projector
 *       through a local homography fitted to the decoded projector coordinates around it
 *       ({@link LocalHomography}; Moreno and Taubin, section 3.2);
 *   <li>per pose, the cameras' estimates of each corner are fused (mean of two, per-coordinate median of
 *       three or more); a pose is used when every corner was mapped;
 *   <li>intrinsics: the projector calibrated like a camera from board points ↔ projector corners at its
 *       own resolution ({@link CameraCalibrator}, Zhang 2000; Moreno and Taubin, section 3.3), which also
 *       gives a board pose per projector view;
 *   <li>initial pose in the rig: per pose, worldToProjector = boardToWorld⁻¹ then boardToProjector, with
 *       boardToWorld from the rig calibration; the medoid over poses (robust to a bad view);
 *   <li>joint refinement of the intrinsics and worldToProjector with the rig's board poses held fixed
 *       (robust Levenberg–Marquardt, {@link ProjectorRefiner}): the cameras already pin the boards down,
 *       so the projector does not re-estimate six numbers per view;
 *   <li>per view RMS in the projector image; outlier views flagged by the intrinsics config's rule
 *       (max(outlierFactor × median, outlierFloorPx)), not removed.
 * </ol>
 * Units mm and px; the rig frame is the rig calibration's. Deterministic: views are visited in pose
 * order, then input order.
 */
public final class ProjectorCalibrator {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectorCalibrator.class);

  private final ProjectorCalibrationConfig config;

  public ProjectorCalibrator(ProjectorCalibrationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public ProjectorCalibrationConfig config() {
    return config;
  }

  /** {@link #calibrate(BoardSpec, String, int, int, List, Map)} with the board poses of a rig calibration. */
  public ProjectorCalibration calibrate(String projectorId, int width, int height, List<ProjectorView> views,
      RigCalibration rig) {
    Map<Integer, RigidTransform> b2w = new HashMap<>();
    for (RigCalibration.Pose p : rig.poses()) {
      b2w.put(p.index(), p.boardToWorld());
    }
    return calibrate(rig.board(), projectorId, width, height, views, b2w);
  }

  /**
   * Calibrates one projector.
   *
   * @param board the board
   * @param projectorId the projector's id
   * @param width projector width, px
   * @param height projector height, px
   * @param views camera views of board poses under this projector's patterns
   * @param boardToWorld board pose (rig frame, mm) per pose index, from the rig calibration
   * @throws IllegalArgumentException when fewer than the config's {@code minViews} poses have every
   *     corner mapped, or fewer than one of them has a rig board pose
   */
  public ProjectorCalibration calibrate(BoardSpec board, String projectorId, int width, int height,
      List<ProjectorView> views, Map<Integer, RigidTransform> boardToWorld) {
    int n = board.pointCount();
    String spec = board.toSpecString();
    TreeMap<Integer, List<ProjectorView>> byPose = new TreeMap<>();
    for (ProjectorView v : views) {
      if (v.corners().cornerCount() != n) {
        throw new IllegalArgumentException(v.corners().source() + ": " + v.corners().cornerCount()
            + " corners, board " + spec + " has " + n);
      }
      byPose.computeIfAbsent(v.pose(), k -> new ArrayList<>()).add(v);
    }

    // 1-2. corners into the projector, fused per pose
    LocalHomography lh = LocalHomography.of(config);
    double[] q = new double[2];
    List<ProjectorCalibration.PoseCorners> mapped = new ArrayList<>();
    List<CornerDetection> detections = new ArrayList<>();
    List<CalibrationInput> inputs = new ArrayList<>();
    for (Map.Entry<Integer, List<ProjectorView>> e : byPose.entrySet()) {
      int pose = e.getKey();
      List<ProjectorView> pv = e.getValue();
      double[][] est = new double[pv.size()][2 * n];
      boolean[][] ok = new boolean[pv.size()][n];
      double fitSum = 0;
      int fits = 0;
      for (int c = 0; c < pv.size(); c++) {
        double[] corners = pv.get(c).corners().corners();
        for (int i = 0; i < n; i++) {
          ok[c][i] = lh.map(pv.get(c).decoded(), corners[2 * i], corners[2 * i + 1], q);
          if (ok[c][i]) {
            est[c][2 * i] = q[0];
            est[c][2 * i + 1] = q[1];
            fitSum += lh.lastRmsPx();
            fits++;
          }
        }
      }
      double[] fused = new double[2 * n];
      int missing = 0;
      double[] us = new double[pv.size()];
      double[] vs = new double[pv.size()];
      for (int i = 0; i < n; i++) {
        int k = 0;
        for (int c = 0; c < pv.size(); c++) {
          if (ok[c][i]) {
            us[k] = est[c][2 * i];
            vs[k] = est[c][2 * i + 1];
            k++;
          }
        }
        if (k == 0) {
          missing++;
          continue;
        }
        fused[2 * i] = fuse(us, k);
        fused[2 * i + 1] = fuse(vs, k);
      }
      String source = String.format(Locale.ROOT, "pose%02d/%s", pose, projectorId);
      if (missing > 0) {
        String why = missing + " of " + n + " corners not mapped (too few decoded pixels)";
        detections.add(CornerDetection.failed(source, width, height, why));
        inputs.add(new CalibrationInput(source, projectorId, spec, false, why));
        continue;
      }
      mapped.add(new ProjectorCalibration.PoseCorners(pose, fused, pv.size(), fitSum / fits));
      detections.add(CornerDetection.found(source, width, height, fused));
    }

    // 3. inverse-camera intrinsics
    CameraCalibration single = new CameraCalibrator(config.intrinsics()).calibrate(board, detections);

    // 4. initial pose in the rig frame
    List<RigidTransform> cand = new ArrayList<>();
    List<ProjectorRefiner.View> refine = new ArrayList<>();
    List<Integer> refinePose = new ArrayList<>();
    for (int i = 0; i < mapped.size(); i++) {
      ProjectorCalibration.PoseCorners pc = mapped.get(i);
      RigidTransform b2w = boardToWorld.get(pc.pose());
      if (b2w == null) {
        inputs.add(new CalibrationInput(single.views().get(i).source(), projectorId, spec, false,
            "board pose not in the rig calibration"));
        continue;
      }
      cand.add(b2w.invert().then(single.views().get(i).boardToCamera()));
      refine.add(new ProjectorRefiner.View(b2w, pc.pixels()));
      refinePose.add(i);
    }
    if (cand.isEmpty()) {
      throw new IllegalArgumentException(projectorId + ": no mapped pose has a board pose in the rig calibration");
    }
    RigidTransform w2p0 = Poses.medoid(cand);

    // 5. joint refinement with the rig's board poses fixed
    ProjectorRefiner.Result res = new ProjectorRefiner(board.objectPoints(), refine,
        config.intrinsics().distortion().terms(), config.huberPx(), config.maxIterations())
        .run(single.model(), w2p0);

    // 6. residuals per view
    double[] object = board.objectPoints();
    double[] rms = new double[refine.size()];
    double[] max = new double[refine.size()];
    double total = 0;
    for (int i = 0; i < refine.size(); i++) {
      RigidTransform b2p = refine.get(i).boardToWorld().then(res.worldToProjector());
      double[] err = Reprojection.errors(res.model(), b2p, object, refine.get(i).pixels());
      rms[i] = Math.sqrt(err[0] / n);
      max[i] = err[1];
      total += err[0];
    }
    double threshold = config.intrinsics().outlierThresholdPx(rms);
    List<ViewResult> results = new ArrayList<>();
    for (int i = 0; i < refine.size(); i++) {
      String source = single.views().get(refinePose.get(i)).source();
      boolean outlier = rms[i] > threshold;
      results.add(new ViewResult(source, refine.get(i).boardToWorld().then(res.worldToProjector()), rms[i], max[i], n,
          outlier));
      inputs.add(new CalibrationInput(source, projectorId, spec, true, outlier ? "outlier" : null));
    }
    double overall = Math.sqrt(total / ((double) n * refine.size()));
    LOG.debug("projector {}: {} poses mapped of {}, inverse-camera rms {} px, joint rms {} -> {} px in {} iterations",
        projectorId, mapped.size(), byPose.size(), single.rmsPx(), res.initialRmsPx(), overall, res.iterations());
    return new ProjectorCalibration(projectorId, res.model(), res.worldToProjector(), overall, res.initialRmsPx(),
        res.iterations(), results, mapped, single, inputs);
  }

  /** Mean of one or two values, median of three or more (sorts the first k entries). */
  private static double fuse(double[] v, int k) {
    if (k <= 2) {
      return k == 1 ? v[0] : 0.5 * (v[0] + v[1]);
    }
    Arrays.sort(v, 0, k);
    return k % 2 == 1 ? v[k / 2] : 0.5 * (v[k / 2 - 1] + v[k / 2]);
  }

}
