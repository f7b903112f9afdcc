package org.dpface.rigs.virtual.targets;

import java.util.Objects;

/**
 * The printed reflectance of a {@link BoardSpec}: grey albedo {@code dark} on dark squares and
 * {@code light} on light squares and the margin, as a point function and as the exact area average
 * over a polygon (board frame, mm).
 *
 * <p>The area average is what a pixel with a box footprint integrates: {@link #meanAlbedo} clips the
 * polygon against every dark square its bounding box touches (Sutherland and Hodgman, "Reentrant
 * polygon clipping", CACM 1974) and sums the clipped areas (shoelace formula), so edges are
 * anti-aliased analytically, not by supersampling. Thread-safe; the scratch buffers come from the
 * caller.
 */
public final class ChessboardPattern {
  /** Doubles of scratch that {@link #meanAlbedo} needs for an {@code n}-gon. */
  public static int scratchSize(int n) {
    return 4 * (n + 4);
  }

  private final BoardSpec board;
  private final double dark;
  private final double light;

  /**
   * @param board geometry
   * @param dark albedo of the dark squares, in [0, 1]
   * @param light albedo of the light squares and margin, in [0, 1]
   */
  public ChessboardPattern(BoardSpec board, double dark, double light) {
    this.board = Objects.requireNonNull(board, "board");
    if (!(dark >= 0 && dark <= 1) || !(light >= 0 && light <= 1)) {
      throw new IllegalArgumentException("albedos must be in [0, 1], got " + dark + ", " + light);
    }
    this.dark = dark;
    this.light = light;
  }

  public BoardSpec board() {
    return board;
  }

  public double dark() {
    return dark;
  }

  public double light() {
    return light;
  }

  /** Albedo at board point (x, y) (mm); square edges belong to the square on their +x / +y side. */
  public double albedoAt(double x, double y) {
    double s = board.squareMm();
    return board.isDarkSquare((int) Math.floor(x / s), (int) Math.floor(y / s)) ? dark : light;
  }

  /**
   * Area-weighted mean albedo over the simple polygon {@code xy[0..2n)} (board frame, mm, either
   * winding). A degenerate polygon (zero area) gets the point albedo of its first vertex.
   *
   * @param scratch at least {@link #scratchSize}(n) doubles
   */
  public double meanAlbedo(double[] xy, int n, double[] scratch) {
    double s = board.squareMm();
    double minX = xy[0];
    double maxX = xy[0];
    double minY = xy[1];
    double maxY = xy[1];
    for (int k = 1; k < n; k++) {
      minX = Math.min(minX, xy[2 * k]);
      maxX = Math.max(maxX, xy[2 * k]);
      minY = Math.min(minY, xy[2 * k + 1]);
      maxY = Math.max(maxY, xy[2 * k + 1]);
    }
    int i0 = Math.max(-1, (int) Math.floor(minX / s));
    int i1 = Math.min(board.innerCols() - 1, (int) Math.floor(maxX / s));
    int j0 = Math.max(-1, (int) Math.floor(minY / s));
    int j1 = Math.min(board.innerRows() - 1, (int) Math.floor(maxY / s));
    if (i0 > i1 || j0 > j1) {
      return light; // entirely outside the squares: margin
    }
    int ci = (int) Math.floor(minX / s);
    int cj = (int) Math.floor(minY / s);
    if (ci == (int) Math.floor(maxX / s) && cj == (int) Math.floor(maxY / s)) {
      return board.isDarkSquare(ci, cj) ? dark : light; // inside one cell: the common case
    }
    double total = Math.abs(area(xy, n));
    if (!(total > 0)) {
      return albedoAt(xy[0], xy[1]);
    }
    double darkArea = 0;
    for (int j = j0; j <= j1; j++) {
      for (int i = i0; i <= i1; i++) {
        if (board.isDarkSquare(i, j)) {
          darkArea += clippedArea(xy, n, i * s, (i + 1) * s, j * s, (j + 1) * s, scratch);
        }
      }
    }
    double f = Math.min(1, darkArea / total);
    return light + (dark - light) * f;
  }

  /** |area| of the polygon clipped to the rectangle [x0, x1] × [y0, y1]. */
  static double clippedArea(double[] xy, int n, double x0, double x1, double y0, double y1, double[] scratch) {
    int half = scratch.length / 2;
    // Ping-pong between the two halves of scratch; the input is copied into the first half.
    System.arraycopy(xy, 0, scratch, 0, 2 * n);
    int m = n;
    m = clip(scratch, 0, m, scratch, half, 0, x0, 1);
    m = clip(scratch, half, m, scratch, 0, 0, x1, -1);
    m = clip(scratch, 0, m, scratch, half, 1, y0, 1);
    m = clip(scratch, half, m, scratch, 0, 1, y1, -1);
    if (m < 3) {
      return 0;
    }
    double a = 0;
    for (int k = 0; k < m; k++) {
      int l = (k + 1) % m;
      a += scratch[2 * k] * scratch[2 * l + 1] - scratch[2 * l] * scratch[2 * k + 1];
    }
    return Math.abs(a) / 2;
  }

  /**
   * One Sutherland–Hodgman step: keeps the part of polygon {@code in[inOff..]} (m vertices) where
   * {@code sign · (coord[axis] − limit) ≥ 0}; writes to {@code out[outOff..]}, returns its size.
   */
  private static int clip(double[] in, int inOff, int m, double[] out, int outOff, int axis, double limit, int sign) {
    if (m == 0) {
      return 0;
    }
    int count = 0;
    int prev = m - 1;
    double pd = sign * (in[inOff + 2 * prev + axis] - limit);
    for (int k = 0; k < m; k++) {
      double cd = sign * (in[inOff + 2 * k + axis] - limit);
      if ((cd >= 0) != (pd >= 0)) {
        double t = pd / (pd - cd);
        double px = in[inOff + 2 * prev];
        double py = in[inOff + 2 * prev + 1];
        out[outOff + 2 * count] = px + t * (in[inOff + 2 * k] - px);
        out[outOff + 2 * count + 1] = py + t * (in[inOff + 2 * k + 1] - py);
        count++;
      }
      if (cd >= 0) {
        out[outOff + 2 * count] = in[inOff + 2 * k];
        out[outOff + 2 * count + 1] = in[inOff + 2 * k + 1];
        count++;
      }
      prev = k;
      pd = cd;
    }
    return count;
  }

  /** Signed shoelace area of the polygon. */
  static double area(double[] xy, int n) {
    double a = 0;
    for (int k = 0; k < n; k++) {
      int l = (k + 1) % n;
      a += xy[2 * k] * xy[2 * l + 1] - xy[2 * l] * xy[2 * k + 1];
    }
    return a / 2;
  }
}
