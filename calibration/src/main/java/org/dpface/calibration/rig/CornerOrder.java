package org.dpface.calibration.rig;

import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.image.GrayU16;

/**
 * Puts a chessboard detection into one canonical corner order so that every camera of a rig reports the
 * same physical corner as corner 0.
 *
 * <p>OpenCV returns a chessboard's corners row by row but may start from either end of the board, and
 * nothing in the corners alone tells the two apart. Multi-camera calibration needs the same order in
 * every image (else a board pose seen by two cameras disagrees by 180°). The order is fixed in two steps:
 *
 * <ol>
 *   <li><b>handedness</b>: the printed face is seen from the front, so the board's x and y axes keep the
 *       camera's orientation in the image: (c₁ − c₀) × (c_cols − c₀) has a positive z component with
 *       pixels (u right, v down). A negative one means the rows run backwards; each row is reversed;
 *   <li><b>the 180° turn</b>, by the colour of the squares: canonical order puts a <em>dark</em> square
 *       at inner square (0, 0) (between corners 0, 1, cols, cols + 1), so inner square (i, j) is dark
 *       when i + j is even (the virtual rig's and the usual printed convention: the outer square at the
 *       first corner's upper left is dark). A 180° turn maps inner square (i, j) to (cols − 2 − i,
 *       rows − 2 − j), whose parity differs by cols + rows. When cols + rows is odd (9x6, 7x4) the turn
 *       swaps dark and light, so the sign of Σ (light − dark) intensity over all inner squares decides;
 *       when it is even the board is colour-symmetric and only the handedness step applies.
 * </ol>
 *
 * <p>Intensities are bilinear samples at the centre of each inner square (mean of its 4 corners).
 */
public final class CornerOrder {
  private CornerOrder() {}

  /** True when the 180° turn of {@code board} can be told apart by colour (cols + rows odd). */
  public static boolean isColourAsymmetric(ChessboardSpec board) {
    return ((board.columns() + board.rows()) & 1) == 1;
  }

  /**
   * The detection in canonical order (see the class comment); failed detections pass through.
   *
   * @param image the image the corners were found in
   * @throws IllegalArgumentException when the corner count or image size does not match
   */
  public static CornerDetection canonical(ChessboardSpec board, GrayU16 image, CornerDetection d) {
    if (!d.isFound()) {
      return d;
    }
    if (d.cornerCount() != board.pointCount()) {
      throw new IllegalArgumentException(d.source() + ": " + d.cornerCount() + " corners, board has "
          + board.pointCount());
    }
    if (image.width() != d.width() || image.height() != d.height()) {
      throw new IllegalArgumentException(d.source() + ": image " + image.width() + "x" + image.height()
          + " differs from the detection's " + d.width() + "x" + d.height());
    }
    int cols = board.columns();
    int rows = board.rows();
    double[] c = d.corners();
    if (handedness(c, cols) < 0) {
      c = reverseRows(c, cols, rows);
    }
    if (isColourAsymmetric(board) && parityScore(c, cols, rows, image) < 0) {
      c = rotate180(c);
    }
    return CornerDetection.found(d.source(), d.width(), d.height(), c);
  }

  /** z of (c₁ − c₀) × (c_cols − c₀) in pixel coordinates; positive in canonical order. */
  static double handedness(double[] c, int cols) {
    double ax = c[2] - c[0];
    double ay = c[3] - c[1];
    double bx = c[2 * cols] - c[0];
    double by = c[2 * cols + 1] - c[1];
    return ax * by - ay * bx;
  }

  /**
   * Σ over inner squares of (+1 light, −1 dark in canonical order) × intensity at the square centre:
   * positive when the order is canonical.
   */
  static double parityScore(double[] c, int cols, int rows, GrayU16 image) {
    double score = 0;
    for (int j = 0; j + 1 < rows; j++) {
      for (int i = 0; i + 1 < cols; i++) {
        int k00 = 2 * (j * cols + i);
        int k10 = k00 + 2;
        int k01 = k00 + 2 * cols;
        int k11 = k01 + 2;
        double u = 0.25 * (c[k00] + c[k10] + c[k01] + c[k11]);
        double v = 0.25 * (c[k00 + 1] + c[k10 + 1] + c[k01 + 1] + c[k11 + 1]);
        double value = bilinear(image, u, v);
        score += ((i + j) & 1) == 0 ? -value : value;
      }
    }
    return score;
  }

  private static double bilinear(GrayU16 image, double u, double v) {
    int w = image.width();
    int h = image.height();
    double x = Math.max(0, Math.min(w - 1, u));
    double y = Math.max(0, Math.min(h - 1, v));
    int x0 = Math.min((int) x, Math.max(0, w - 2));
    int y0 = Math.min((int) y, Math.max(0, h - 2));
    int x1 = Math.min(x0 + 1, w - 1);
    int y1 = Math.min(y0 + 1, h - 1);
    double fx = x - x0;
    double fy = y - y0;
    double top = image.get(x0, y0) * (1 - fx) + image.get(x1, y0) * fx;
    double bottom = image.get(x0, y1) * (1 - fx) + image.get(x1, y1) * fx;
    return top * (1 - fy) + bottom * fy;
  }

  static double[] reverseRows(double[] c, int cols, int rows) {
    double[] out = new double[c.length];
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < cols; i++) {
        int src = 2 * (j * cols + i);
        int dst = 2 * (j * cols + cols - 1 - i);
        out[dst] = c[src];
        out[dst + 1] = c[src + 1];
      }
    }
    return out;
  }

  static double[] rotate180(double[] c) {
    int n = c.length / 2;
    double[] out = new double[c.length];
    for (int k = 0; k < n; k++) {
      out[2 * (n - 1 - k)] = c[2 * k];
      out[2 * (n - 1 - k) + 1] = c[2 * k + 1];
    }
    return out;
  }
}
