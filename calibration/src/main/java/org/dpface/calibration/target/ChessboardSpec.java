package org.dpface.calibration.target;

/**
 * A chessboard target described by its inner corners: {@code columns} corners per row, {@code rows}
 * rows, squares of {@code squareMm} millimetres. OpenCV's {@code patternSize} is (columns, rows).
 *
 * <p>Corner (i, j) (column i, row j) lies at (i · square, j · square, 0) in the board frame.
 *
 * @param columns inner corners per row (≥ 2)
 * @param rows inner corners per column (≥ 2)
 * @param squareMm side of one square, mm (> 0, finite)
 */
public record ChessboardSpec(int columns, int rows, double squareMm) implements BoardSpec {
  /** Prefix of the spec string. */
  public static final String KIND = "chessboard";

  public ChessboardSpec {
    if (columns < 2) {
      throw new IllegalArgumentException("chessboard COLS (inner corners per row) must be >= 2, got " + columns);
    }
    if (rows < 2) {
      throw new IllegalArgumentException("chessboard ROWS (inner corners per column) must be >= 2, got " + rows);
    }
    if (!(squareMm > 0) || !Double.isFinite(squareMm)) {
      throw new IllegalArgumentException("chessboard SQUARE_MM must be finite and > 0, got " + squareMm);
    }
  }

  @Override
  public int pointCount() {
    return columns * rows;
  }

  @Override
  public double[] objectPoints() {
    double[] p = new double[3 * pointCount()];
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < columns; i++) {
        int k = 3 * (j * columns + i);
        p[k] = i * squareMm;
        p[k + 1] = j * squareMm;
      }
    }
    return p;
  }

  @Override
  public String toSpecString() {
    return KIND + ":" + columns + "x" + rows + ":" + BoardSpecs.formatMm(squareMm);
  }
}
