package org.dpface.calibration.target;

/**
 * A planar calibration target: where its detectable points lie in the board frame.
 *
 * <p>Board frame: origin at the first detectable point, x along the board's columns, y along its rows,
 * z = 0 on the board plane (so z points into the board away from a camera that sees its printed face,
 * matching OpenCV's convention). Lengths in millimetres.
 */
public sealed interface BoardSpec permits ChessboardSpec, CharucoSpec {
  /** Number of detectable points (inner corners for a chessboard and a ChArUco board). */
  int pointCount();

  /**
   * Board-frame coordinates (mm) of every detectable point, interleaved x, y, z (z = 0), in the order
   * the detector reports them: row by row (index = point id). A detection may name a subset of them by
   * id ({@link org.dpface.calibration.detect.CornerDetection#ids()}). Allocates a new array.
   */
  double[] objectPoints();

  /** The spec string this board parses from, e.g. {@code chessboard:9x6:25}. */
  String toSpecString();
}
