package org.dpface.calibration;

import java.util.SplittableRandom;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;

/**
 * Test-scope renderer of a chessboard seen through a distorted {@link CameraModel}: each pixel averages
 * {@code ss × ss} sub-samples (box-filter anti-aliasing), each sub-sample's viewing ray (from the
 * camera's exact inverse distortion) is intersected with the board plane z = 0. The board has
 * (cols + 1) × (rows + 1) squares, the square at the first inner corner's upper left is white, and a
 * white margin of one square surrounds it; the rest is a mid-gray background. Sub-sample rays are
 * computed once per renderer (float table), so rendering many poses through one camera is cheap.
 */
public final class ChessboardRenderer {
  public static final double BLACK = 0.12;
  public static final double WHITE = 0.86;
  public static final double BACKGROUND = 0.45;

  private final CameraModel camera;
  private final ChessboardSpec board;
  private final int ss;
  /** Normalized ray (x', y') per sub-sample, row-major over (width·ss) × (height·ss). */
  private final float[] rays;

  public ChessboardRenderer(CameraModel camera, ChessboardSpec board, int ss) {
    this.camera = camera;
    this.board = board;
    this.ss = ss;
    int w = camera.width() * ss;
    int h = camera.height() * ss;
    rays = new float[2 * w * h];
    double[] n = new double[2];
    for (int y = 0; y < h; y++) {
      // Sub-sample centres of pixel p: p - 0.5 + (k + 0.5) / ss, pixel centres at integers.
      double v = (y + 0.5) / ss - 0.5;
      for (int x = 0; x < w; x++) {
        double u = (x + 0.5) / ss - 0.5;
        camera.unproject(u, v, n, 0);
        rays[2 * (y * w + x)] = (float) n[0];
        rays[2 * (y * w + x) + 1] = (float) n[1];
      }
    }
  }

  /** Linear intensity in [0, 1] per pixel for the board at {@code boardToCamera}. */
  public float[] renderLinear(RigidTransform boardToCamera) {
    RigidTransform cameraToBoard = boardToCamera.invert();
    double[] o = cameraToBoard.translation();
    double[] r = cameraToBoard.rotation();
    int w = camera.width();
    int h = camera.height();
    int sw = w * ss;
    double sq = board.squareMm();
    double xMin = -2 * sq;
    double xMax = (board.columns() + 1) * sq;
    double yMin = -2 * sq;
    double yMax = (board.rows() + 1) * sq;
    float[] out = new float[w * h];
    double inv = 1.0 / (ss * ss);
    for (int py = 0; py < h; py++) {
      for (int px = 0; px < w; px++) {
        double acc = 0;
        for (int sy = 0; sy < ss; sy++) {
          int base = (py * ss + sy) * sw + px * ss;
          for (int sx = 0; sx < ss; sx++) {
            int k = 2 * (base + sx);
            double dx = rays[k];
            double dy = rays[k + 1];
            double bx = r[0] * dx + r[1] * dy + r[2];
            double by = r[3] * dx + r[4] * dy + r[5];
            double bz = r[6] * dx + r[7] * dy + r[8];
            double s = -o[2] / bz;
            if (!(s > 0)) {
              acc += BACKGROUND;
              continue;
            }
            double x = o[0] + s * bx;
            double y = o[1] + s * by;
            if (x < xMin || x >= xMax || y < yMin || y >= yMax) {
              acc += BACKGROUND;
            } else if (x < -sq || x >= board.columns() * sq || y < -sq || y >= board.rows() * sq) {
              acc += WHITE;
            } else {
              long i = (long) Math.floor(x / sq);
              long j = (long) Math.floor(y / sq);
              acc += ((i + j) & 1) == 0 ? WHITE : BLACK;
            }
          }
        }
        out[py * w + px] = (float) (acc * inv);
      }
    }
    return out;
  }

  /** 8-bit image with seeded Gaussian noise of {@code sigma} DN. */
  public GrayU8 renderU8(RigidTransform boardToCamera, double sigma, long seed) {
    float[] lin = renderLinear(boardToCamera);
    SplittableRandom rnd = new SplittableRandom(seed);
    GrayU8 img = new GrayU8(camera.width(), camera.height());
    for (int i = 0; i < lin.length; i++) {
      double v = 255 * lin[i] + sigma * gaussian(rnd);
      img.data[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
    }
    return img;
  }

  /** 16-bit linear image (white ≈ 0.86 · 65535) with seeded Gaussian noise of {@code sigma} DN. */
  public GrayU16 renderU16(RigidTransform boardToCamera, double sigma, long seed) {
    float[] lin = renderLinear(boardToCamera);
    SplittableRandom rnd = new SplittableRandom(seed);
    GrayU16 img = new GrayU16(camera.width(), camera.height());
    for (int i = 0; i < lin.length; i++) {
      double v = 65535 * lin[i] + sigma * gaussian(rnd);
      img.data[i] = (short) Math.max(0, Math.min(65535, Math.round(v)));
    }
    return img;
  }

  /** True projections of the board's inner corners, interleaved (u, v); null if any is behind. */
  public double[] trueCorners(RigidTransform boardToCamera) {
    double[] obj = board.objectPoints();
    double[] out = new double[2 * board.pointCount()];
    double[] p = new double[3];
    for (int i = 0; i < board.pointCount(); i++) {
      boardToCamera.transformPoint(obj[3 * i], obj[3 * i + 1], obj[3 * i + 2], p, 0);
      if (!camera.project(p[0], p[1], p[2], out, 2 * i)) {
        return null;
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom rnd) {
    // Box–Muller, one value per call (deterministic for a seed).
    double u1 = 1 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
