package org.dpface.rigs.virtual.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.Vec3;

/**
 * Seeded board poses for a calibration session on a rig, and which cameras see each pose fully.
 *
 * <p>Algorithm overview ({@link #generate}):
 * <ol>
 *   <li>base orientation: the printed face (board −z) looks from the rig's nominal subject centre
 *       toward the mean camera centre; board x follows camera 0's x axis (projected), y = z × x;
 *   <li>per attempt, draw uniformly: a rotation about the board's y axis and one about its x axis in
 *       ±{@code maxTiltDeg}, a roll about its normal in ±{@code maxRollDeg} (applied in that order,
 *       R = R_base · R_y · R_x · R_z), and an offset of the grid centre from the subject centre of
 *       ±{@code maxOffsetMm} across and ±{@code maxDepthOffsetMm} along the base normal;
 *   <li>accept when at least {@code minCameras} cameras see every corner ({@link #camerasSeeingAll});
 *       otherwise draw again, at most {@code maxAttempts} draws in all.
 * </ol>
 * Same rig, board, config and seed give the same poses ({@link SplittableRandom}).
 */
public final class BoardPoses {
  private BoardPoses() {}

  /**
   * @param count number of poses
   * @param maxTiltDeg largest rotation about the board's x and y axes (degrees)
   * @param maxRollDeg largest rotation about the board normal (degrees)
   * @param maxOffsetMm largest offset across the base normal (mm, per axis)
   * @param maxDepthOffsetMm largest offset along the base normal (mm)
   * @param minCameras cameras that must see every corner of an accepted pose (≥ 1)
   * @param borderPx corners must lie at least this far inside the image edge (px)
   * @param maxObliquityDeg largest angle between the board normal and the direction to the camera
   * @param maxAttempts draws before giving up
   */
  public record Config(int count, double maxTiltDeg, double maxRollDeg, double maxOffsetMm, double maxDepthOffsetMm,
      int minCameras, double borderPx, double maxObliquityDeg, int maxAttempts) {
    public Config {
      if (count < 0 || minCameras < 1 || maxAttempts < 1) {
        throw new IllegalArgumentException("need count >= 0, minCameras >= 1, maxAttempts >= 1");
      }
      if (!(maxTiltDeg >= 0 && maxTiltDeg < 90) || !(maxRollDeg >= 0 && maxRollDeg <= 180)) {
        throw new IllegalArgumentException("tilt must be in [0, 90) and roll in [0, 180] degrees");
      }
      if (!(maxOffsetMm >= 0) || !(maxDepthOffsetMm >= 0) || !(borderPx >= 0)
          || !Double.isFinite(maxOffsetMm + maxDepthOffsetMm + borderPx)) {
        throw new IllegalArgumentException("offsets and border must be finite and >= 0");
      }
      if (!(maxObliquityDeg > 0 && maxObliquityDeg < 90)) {
        throw new IllegalArgumentException("maxObliquityDeg must be in (0, 90), got " + maxObliquityDeg);
      }
    }

    /**
     * {@code count} poses, tilt ±35°, roll ±20°, offset ±40 mm across and ±60 mm in depth, ≥ 2 cameras,
     * 10 px border, obliquity ≤ 65°, 200 draws per pose.
     */
    public static Config defaults(int count) {
      return new Config(count, 35, 20, 40, 60, 2, 10, 65, 200 * Math.max(1, count));
    }
  }

  /**
   * Which cameras of a pose see every corner.
   *
   * @param boardToWorld the pose
   * @param cameraIds cameras seeing all corners (rig order)
   */
  public record PoseCoverage(RigidTransform boardToWorld, List<String> cameraIds) {
    public PoseCoverage {
      Objects.requireNonNull(boardToWorld, "boardToWorld");
      cameraIds = List.copyOf(cameraIds);
    }
  }

  /**
   * {@code config.count()} poses (see the class comment).
   *
   * @throws IllegalStateException when {@code maxAttempts} draws do not give enough accepted poses
   */
  public static List<RigidTransform> generate(RigDescription rig, BoardSpec board, Config config, long seed) {
    Objects.requireNonNull(rig, "rig");
    Objects.requireNonNull(board, "board");
    double[] base = baseRotation(rig);
    Vec3 s = rig.nominalGeometry().subjectCentreMm();
    double[] centre = {s.x(), s.y(), s.z()};
    double[] grid = board.gridCentre();
    SplittableRandom rnd = new SplittableRandom(seed);
    List<RigidTransform> poses = new ArrayList<>(config.count());
    int attempts = 0;
    while (poses.size() < config.count()) {
      if (attempts++ >= config.maxAttempts()) {
        throw new IllegalStateException("only " + poses.size() + " of " + config.count() + " board poses seen by "
            + config.minCameras() + " cameras after " + config.maxAttempts() + " draws; board " + board
            + " may be too large for rig " + rig.id());
      }
      double tilt = Math.toRadians(config.maxTiltDeg());
      double ry = symmetric(rnd, tilt);
      double rx = symmetric(rnd, tilt);
      double rz = symmetric(rnd, Math.toRadians(config.maxRollDeg()));
      double[] off = {
        symmetric(rnd, config.maxOffsetMm()), symmetric(rnd, config.maxOffsetMm()),
        symmetric(rnd, config.maxDepthOffsetMm())
      };
      double[] r = mul(base, mul(rotY(ry), mul(rotX(rx), rotZ(rz))));
      double[] t = new double[3];
      for (int i = 0; i < 3; i++) {
        double offsetWorld = base[i * 3] * off[0] + base[i * 3 + 1] * off[1] + base[i * 3 + 2] * off[2];
        t[i] = centre[i] + offsetWorld - (r[i * 3] * grid[0] + r[i * 3 + 1] * grid[1] + r[i * 3 + 2] * grid[2]);
      }
      RigidTransform pose = RigidTransform.of(r, t);
      if (camerasSeeingAll(rig, board, pose, config.borderPx(), config.maxObliquityDeg()).size()
          >= config.minCameras()) {
        poses.add(pose);
      }
    }
    return poses;
  }

  /** Coverage of each pose with the config's border and obliquity limits. */
  public static List<PoseCoverage> coverage(RigDescription rig, BoardSpec board, List<RigidTransform> poses,
      Config config) {
    List<PoseCoverage> out = new ArrayList<>(poses.size());
    for (RigidTransform p : poses) {
      out.add(new PoseCoverage(p, camerasSeeingAll(rig, board, p, config.borderPx(), config.maxObliquityDeg())));
    }
    return out;
  }

  /**
   * Ids of the cameras (nominal models) that see every corner of the board at {@code boardToWorld}:
   * all corners in front and at least {@code borderPx} inside the image, and the printed face turned to
   * the camera by at most {@code maxObliquityDeg} (angle between the board normal and the direction
   * from the grid centre to the camera centre).
   */
  public static List<String> camerasSeeingAll(RigDescription rig, BoardSpec board, RigidTransform boardToWorld,
      double borderPx, double maxObliquityDeg) {
    double cosMax = Math.cos(Math.toRadians(maxObliquityDeg));
    double[] grid = board.gridCentre();
    double[] c = new double[3];
    double[] uv = new double[2];
    List<String> ids = new ArrayList<>();
    for (CameraSpec cam : rig.cameras()) {
      RigidTransform boardToCamera = boardToWorld.then(cam.worldToCamera());
      double[] eye = boardToCamera.invert().translation(); // camera centre, board frame
      double dx = eye[0] - grid[0];
      double dy = eye[1] - grid[1];
      double dz = eye[2];
      // Printed-face normal is −z: cos = −dz / |d|.
      if (!(-dz >= cosMax * Math.sqrt(dx * dx + dy * dy + dz * dz))) {
        continue;
      }
      CameraModel m = cam.nominalModel();
      boolean all = true;
      for (int k = 0; k < board.cornerCount() && all; k++) {
        boardToCamera.transformPoint(board.cornerX(k), board.cornerY(k), 0, c, 0);
        all = m.project(c[0], c[1], c[2], uv, 0)
            && uv[0] >= borderPx - 0.5 && uv[0] <= m.width() - 0.5 - borderPx
            && uv[1] >= borderPx - 0.5 && uv[1] <= m.height() - 0.5 - borderPx;
      }
      if (all) {
        ids.add(cam.id());
      }
    }
    return ids;
  }

  /** Columns: board x, y, z axes in the world for the untilted pose. */
  static double[] baseRotation(RigDescription rig) {
    Vec3 s = rig.nominalGeometry().subjectCentreMm();
    double[] mean = new double[3];
    for (CameraSpec cam : rig.cameras()) {
      double[] t = cam.cameraToWorld().toTransform().translation();
      for (int i = 0; i < 3; i++) {
        mean[i] += t[i] / rig.cameras().size();
      }
    }
    double[] z = normalize(new double[] {s.x() - mean[0], s.y() - mean[1], s.z() - mean[2]});
    RigidTransform c0 = rig.cameras().get(0).cameraToWorld().toTransform();
    double[] hint = {c0.r(0, 0), c0.r(1, 0), c0.r(2, 0)};
    double d = hint[0] * z[0] + hint[1] * z[1] + hint[2] * z[2];
    double[] x = normalize(new double[] {hint[0] - d * z[0], hint[1] - d * z[1], hint[2] - d * z[2]});
    double[] y = {z[1] * x[2] - z[2] * x[1], z[2] * x[0] - z[0] * x[2], z[0] * x[1] - z[1] * x[0]};
    return new double[] {x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]};
  }

  private static double symmetric(SplittableRandom rnd, double max) {
    return max == 0 ? 0 : rnd.nextDouble(-max, max);
  }

  private static double[] normalize(double[] v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    if (!(n > 0)) {
      throw new IllegalArgumentException("degenerate rig geometry: cameras centred on the subject");
    }
    return new double[] {v[0] / n, v[1] / n, v[2] / n};
  }

  private static double[] rotX(double a) {
    double c = Math.cos(a);
    double s = Math.sin(a);
    return new double[] {1, 0, 0, 0, c, -s, 0, s, c};
  }

  private static double[] rotY(double a) {
    double c = Math.cos(a);
    double s = Math.sin(a);
    return new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
  }

  private static double[] rotZ(double a) {
    double c = Math.cos(a);
    double s = Math.sin(a);
    return new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
  }

  private static double[] mul(double[] a, double[] b) {
    double[] o = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        o[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
      }
    }
    return o;
  }
}
