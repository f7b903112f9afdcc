package org.dpface.rigs.virtual.targets;

import java.math.BigDecimal;

/**
 * A physical chessboard calibration target: {@code innerCols × innerRows} inner corners (OpenCV's
 * {@code patternSize}), squares of {@code squareMm}, and a white margin of {@code marginMm} around the
 * outer squares.
 *
 * <p>Board frame (mm): origin at the first inner corner, x along a row of corners, y along a column,
 * z = x × y into the board; the printed face looks toward −z, so a camera that sees the print has its
 * centre at z &lt; 0 (OpenCV's object-point convention: corner k = r · innerCols + c lies at
 * (c · s, r · s, 0)). Square (i, j), i ∈ [−1, innerCols − 1], j ∈ [−1, innerRows − 1], covers
 * [i s, (i + 1) s] × [j s, (j + 1) s] and is dark when i + j is even (the square at the origin's
 * upper left, (−1, −1), is dark). The board outline is [−s − m, innerCols · s + m] × [−s − m,
 * innerRows · s + m].
 *
 * <p>String form (shared with the calibration module's {@code --board} option):
 * {@code chessboard:COLSxROWS:SQUARE_MM}, e.g. {@code chessboard:9x6:20}; the margin is then one
 * square. A fourth field {@code :MARGIN_MM} gives another margin and is written by {@link #format()}
 * only when the margin is not one square.
 *
 * @param innerCols inner corners per row (≥ 2)
 * @param innerRows inner corners per column (≥ 2)
 * @param squareMm square side (mm, &gt; 0)
 * @param marginMm white border outside the outer squares (mm, ≥ 0)
 */
public record BoardSpec(int innerCols, int innerRows, double squareMm, double marginMm) {
  /** The kind prefix of the string form. */
  public static final String CHESSBOARD = "chessboard";

  public BoardSpec {
    if (innerCols < 2 || innerRows < 2) {
      throw new IllegalArgumentException("need at least 2x2 inner corners, got " + innerCols + "x" + innerRows);
    }
    if (!(squareMm > 0) || !Double.isFinite(squareMm)) {
      throw new IllegalArgumentException("square size must be finite and > 0 mm, got " + squareMm);
    }
    if (!(marginMm >= 0) || !Double.isFinite(marginMm)) {
      throw new IllegalArgumentException("margin must be finite and >= 0 mm, got " + marginMm);
    }
  }

  /** A chessboard with a margin of one square. */
  public static BoardSpec chessboard(int innerCols, int innerRows, double squareMm) {
    return new BoardSpec(innerCols, innerRows, squareMm, squareMm);
  }

  /**
   * Parses {@code chessboard:COLSxROWS:SQUARE_MM[:MARGIN_MM]} (case-insensitive kind and 'x').
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static BoardSpec parse(String text) {
    String[] f = text.trim().split(":", -1);
    if (f.length < 3 || f.length > 4 || !f[0].equalsIgnoreCase(CHESSBOARD)) {
      throw new IllegalArgumentException(
          "board must look like chessboard:COLSxROWS:SQUARE_MM[:MARGIN_MM], got '" + text + "'");
    }
    String[] size = f[1].split("[xX]", -1);
    if (size.length != 2) {
      throw new IllegalArgumentException("board size must be COLSxROWS, got '" + f[1] + "'");
    }
    int cols = parseInt(size[0], "columns");
    int rows = parseInt(size[1], "rows");
    double square = parseDouble(f[2], "square size");
    double margin = f.length == 4 ? parseDouble(f[3], "margin") : square;
    return new BoardSpec(cols, rows, square, margin);
  }

  /** The string form; see the class comment. {@code parse(format())} equals this. */
  public String format() {
    String s = CHESSBOARD + ":" + innerCols + "x" + innerRows + ":" + number(squareMm);
    return marginMm == squareMm ? s : s + ":" + number(marginMm);
  }

  /** Number of inner corners. */
  public int cornerCount() {
    return innerCols * innerRows;
  }

  /** Board-frame x of corner {@code k} (mm). */
  public double cornerX(int k) {
    return (k % innerCols) * squareMm;
  }

  /** Board-frame y of corner {@code k} (mm). */
  public double cornerY(int k) {
    return (k / innerCols) * squareMm;
  }

  /** Corners in the board frame, x y z per corner (z = 0), OpenCV order; allocates. */
  public double[] cornersBoardFrame() {
    double[] out = new double[3 * cornerCount()];
    for (int k = 0; k < cornerCount(); k++) {
      out[3 * k] = cornerX(k);
      out[3 * k + 1] = cornerY(k);
    }
    return out;
  }

  /** True when square (i, j) exists and is dark; see the class comment. */
  public boolean isDarkSquare(int i, int j) {
    return i >= -1 && i < innerCols && j >= -1 && j < innerRows && ((i + j) & 1) == 0;
  }

  /** Outline: smallest board-frame x (mm). */
  public double minX() {
    return -squareMm - marginMm;
  }

  /** Outline: largest board-frame x (mm). */
  public double maxX() {
    return innerCols * squareMm + marginMm;
  }

  /** Outline: smallest board-frame y (mm). */
  public double minY() {
    return -squareMm - marginMm;
  }

  /** Outline: largest board-frame y (mm). */
  public double maxY() {
    return innerRows * squareMm + marginMm;
  }

  /** Board-frame centre of the inner-corner grid {x, y, 0} (mm). */
  public double[] gridCentre() {
    return new double[] {(innerCols - 1) * squareMm / 2, (innerRows - 1) * squareMm / 2, 0};
  }

  @Override
  public String toString() {
    return format();
  }

  private static int parseInt(String s, String what) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("board " + what + " must be an integer, got '" + s + "'", e);
    }
  }

  private static double parseDouble(String s, String what) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("board " + what + " must be a number (mm), got '" + s + "'", e);
    }
  }

  private static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
