package org.dpface.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/** Seeded board poses that keep every inner corner inside the image, for synthetic calibration tests. */
public final class SyntheticViews {
  private SyntheticViews() {}

  /**
   * {@code count} boardToCamera poses: the board centre at 420..650 mm along the ray of a pixel drawn
   * from the central half of the image, tilted 10..40° about a random in-plane axis and rolled ±0.3 rad;
   * every corner at least {@code marginPx} inside the image.
   */
  public static List<RigidTransform> poses(
      CameraModel cam, ChessboardSpec board, int count, double marginPx, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double cx = (board.columns() - 1) * board.squareMm() / 2;
    double cy = (board.rows() - 1) * board.squareMm() / 2;
    double[] obj = board.objectPoints();
    List<RigidTransform> out = new ArrayList<>();
    double[] n = new double[2];
    double[] p = new double[3];
    double[] uv = new double[2];
    while (out.size() < count) {
      double phi = rnd.nextDouble(0, 2 * Math.PI);
      double tilt = Math.toRadians(rnd.nextDouble(10, 40));
      double roll = rnd.nextDouble(-0.3, 0.3);
      RigidTransform rot = RigidTransform.fromRodrigues(new double[] {0, 0, roll}, new double[3])
          .then(RigidTransform.fromRodrigues(
              new double[] {tilt * Math.cos(phi), tilt * Math.sin(phi), 0}, new double[3]));
      double u = cam.width() * rnd.nextDouble(0.25, 0.75);
      double v = cam.height() * rnd.nextDouble(0.25, 0.75);
      double z = rnd.nextDouble(420, 650);
      cam.unproject(u, v, n, 0);
      double[] rc = rot.apply(new double[] {cx, cy, 0});
      RigidTransform pose = RigidTransform.of(
          rot.rotation(), new double[] {n[0] * z - rc[0], n[1] * z - rc[1], z - rc[2]});
      boolean inside = true;
      for (int i = 0; i < board.pointCount() && inside; i++) {
        pose.transformPoint(obj[3 * i], obj[3 * i + 1], obj[3 * i + 2], p, 0);
        inside = cam.project(p[0], p[1], p[2], uv, 0) && uv[0] >= marginPx && uv[1] >= marginPx
            && uv[0] <= cam.width() - 1 - marginPx && uv[1] <= cam.height() - 1 - marginPx;
      }
      if (inside) {
        out.add(pose);
      }
    }
    return out;
  }
}
