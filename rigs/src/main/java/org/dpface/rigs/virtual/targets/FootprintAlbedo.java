package org.dpface.rigs.virtual.targets;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.virtual.render.RowExecutor;
import org.dpface.rigs.virtual.render.SceneLookup;

/**
 * Anti-aliased board albedo for a {@link SceneLookup}: replaces the lookup's point-sampled albedo at
 * every board pixel by the exact mean of the printed pattern over the pixel's footprint on the board.
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>the four corners (u ± ½, v ± ½) of every pixel are unprojected through the camera model
 *       (distortion included) and mapped onto the board plane by the inverse of the plane's
 *       homography H = [r1 r2 t] (normalised image ↔ board x, y); corners are shared by neighbours;
 *   <li>the footprint is the quadrilateral through the four board points (exact for a pinhole camera,
 *       whose pixel edges map to straight lines on a plane; with distortion its edges are chords);
 *   <li>{@link ChessboardPattern#meanAlbedo} integrates the pattern over it analytically.
 * </ol>
 * This is a box filter in the image: the sharp image the sensor integrates over each pixel, before
 * lens defocus. Pixels that see the back of the board get {@code backAlbedo}. Shading (lights,
 * projector irradiance) stays sampled at the pixel centre: it varies slowly over a plane.
 */
final class FootprintAlbedo {
  private FootprintAlbedo() {}

  /**
   * Overwrites {@code lookup.albedo} and {@code lookup.albedoRgb} at every pixel with mask 1.
   *
   * @param lookup computed for {@code camera} and the board mesh
   * @param boardToCamera board pose in the camera frame
   */
  static void fill(SceneLookup lookup, CameraModel camera, RigidTransform boardToCamera, ChessboardPattern pattern,
      double backAlbedo, RowExecutor rows) {
    int w = lookup.width();
    double[] hinv = inverseHomography(boardToCamera);
    boolean front = boardToCamera.invert().t(2) < 0;
    rows.forEachBand(lookup.height(), (y0, y1) -> {
      int cw = w + 1;
      double[] grid = new double[2 * cw * (y1 - y0 + 1)];
      boolean[] valid = new boolean[cw * (y1 - y0 + 1)];
      double[] n = new double[2];
      double[] quad = new double[8];
      double[] scratch = new double[ChessboardPattern.scratchSize(4)];
      if (front) {
        for (int r = 0; r <= y1 - y0; r++) {
          double v = y0 + r - 0.5;
          for (int c = 0; c < cw; c++) {
            int g = r * cw + c;
            valid[g] = camera.unproject(c - 0.5, v, n, 0) && toBoard(hinv, n[0], n[1], grid, 2 * g);
          }
        }
      }
      byte[] mask = lookup.mask.data;
      float[] albedo = lookup.albedo.data;
      float[] rgb = lookup.albedoRgb.data;
      for (int y = y0; y < y1; y++) {
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          if (mask[i] == 0) {
            continue;
          }
          double a;
          if (!front) {
            a = backAlbedo;
          } else {
            int g0 = (y - y0) * cw + x;
            int g1 = g0 + cw;
            if (!(valid[g0] && valid[g0 + 1] && valid[g1 + 1] && valid[g1])) {
              continue; // footprint not on the plane in front of the camera: keep the point sample
            }
            System.arraycopy(grid, 2 * g0, quad, 0, 4);
            quad[4] = grid[2 * (g1 + 1)];
            quad[5] = grid[2 * (g1 + 1) + 1];
            quad[6] = grid[2 * g1];
            quad[7] = grid[2 * g1 + 1];
            a = pattern.meanAlbedo(quad, 4, scratch);
          }
          albedo[i] = (float) a;
          rgb[3 * i] = (float) a;
          rgb[3 * i + 1] = (float) a;
          rgb[3 * i + 2] = (float) a;
        }
      }
    });
  }

  /** Board (x, y) of normalised image point (xn, yn) into {@code out[off..off+1]}; false if behind. */
  private static boolean toBoard(double[] hinv, double xn, double yn, double[] out, int off) {
    double q0 = hinv[0] * xn + hinv[1] * yn + hinv[2];
    double q1 = hinv[3] * xn + hinv[4] * yn + hinv[5];
    double q2 = hinv[6] * xn + hinv[7] * yn + hinv[8];
    if (!(q2 > 0)) {
      return false;
    }
    out[off] = q0 / q2;
    out[off + 1] = q1 / q2;
    return true;
  }

  /**
   * Inverse (row-major) of H = [r1 r2 t], which maps board (x, y, 1) to λ (x', y', 1) with λ the
   * planar depth; the inverse gives (x, y, 1) / λ, so its third component is positive in front.
   */
  static double[] inverseHomography(RigidTransform boardToCamera) {
    double a = boardToCamera.r(0, 0);
    double b = boardToCamera.r(0, 1);
    double c = boardToCamera.t(0);
    double d = boardToCamera.r(1, 0);
    double e = boardToCamera.r(1, 1);
    double f = boardToCamera.t(1);
    double g = boardToCamera.r(2, 0);
    double h = boardToCamera.r(2, 1);
    double k = boardToCamera.t(2);
    double det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
    if (!(Math.abs(det) > 1e-12)) {
      throw new IllegalArgumentException("board plane passes through the camera centre");
    }
    return new double[] {
      (e * k - f * h) / det, (c * h - b * k) / det, (b * f - c * e) / det,
      (f * g - d * k) / det, (a * k - c * g) / det, (c * d - a * f) / det,
      (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det
    };
  }
}
