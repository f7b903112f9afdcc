package org.dpface.calibration.target;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A ChArUco target (chessboard with ArUco markers in its white squares, Garrido-Jurado et al. 2014):
 * {@code columns} × {@code rows} squares as OpenCV's {@code cv::aruco::CharucoBoard} takes them, squares
 * of {@code squareMm}, markers of {@code markerMm}, from the predefined dictionary {@code dictionary}
 * (OpenCV's name, e.g. {@code DICT_5X5_100}).
 *
 * <p>The detectable points are the (columns − 1) × (rows − 1) inner chessboard corners; corner id k
 * (OpenCV's ChArUco corner id) lies at ((k mod (columns − 1)) · square, (k div (columns − 1)) · square, 0)
 * in the board frame, whose origin is corner 0 (OpenCV puts its origin one square further out, at the
 * board's outer corner). A detection usually holds a subset of the corners, named by id.
 *
 * @param columns squares per row (≥ 3)
 * @param rows squares per column (≥ 3)
 * @param squareMm side of one square, mm (> 0, finite)
 * @param markerMm side of one marker, mm (> 0, &lt; squareMm)
 * @param dictionary predefined ArUco dictionary name, upper case (one of {@link #DICTIONARIES})
 */
public record CharucoSpec(int columns, int rows, double squareMm, double markerMm, String dictionary)
    implements BoardSpec {
  /** Prefix of the spec string. */
  public static final String KIND = "charuco";

  /** OpenCV's predefined dictionaries (objdetect {@code PredefinedDictionaryType}), by name. */
  public static final Set<String> DICTIONARIES = Set.copyOf(new TreeSet<>(Set.of(
      "DICT_4X4_50", "DICT_4X4_100", "DICT_4X4_250", "DICT_4X4_1000",
      "DICT_5X5_50", "DICT_5X5_100", "DICT_5X5_250", "DICT_5X5_1000",
      "DICT_6X6_50", "DICT_6X6_100", "DICT_6X6_250", "DICT_6X6_1000",
      "DICT_7X7_50", "DICT_7X7_100", "DICT_7X7_250", "DICT_7X7_1000",
      "DICT_ARUCO_ORIGINAL", "DICT_APRILTAG_16H5", "DICT_APRILTAG_25H9", "DICT_APRILTAG_36H10",
      "DICT_APRILTAG_36H11", "DICT_ARUCO_MIP_36H12")));

  public CharucoSpec {
    if (columns < 3) {
      throw new IllegalArgumentException("charuco COLS (squares per row) must be >= 3, got " + columns);
    }
    if (rows < 3) {
      throw new IllegalArgumentException("charuco ROWS (squares per column) must be >= 3, got " + rows);
    }
    if (!(squareMm > 0) || !Double.isFinite(squareMm)) {
      throw new IllegalArgumentException("charuco SQUARE_MM must be finite and > 0, got " + squareMm);
    }
    if (!(markerMm > 0) || !Double.isFinite(markerMm) || !(markerMm < squareMm)) {
      throw new IllegalArgumentException(
          "charuco MARKER_MM must be finite, > 0 and < SQUARE_MM (" + squareMm + "), got " + markerMm);
    }
    Objects.requireNonNull(dictionary, "dictionary");
    dictionary = dictionary.toUpperCase(Locale.ROOT);
    if (!DICTIONARIES.contains(dictionary)) {
      throw new IllegalArgumentException("charuco DICT '" + dictionary + "' is not a predefined ArUco dictionary; "
          + "expected one of " + new TreeSet<>(DICTIONARIES));
    }
    int markers = (columns * rows) / 2;
    int capacity = dictionaryCapacity(dictionary);
    if (markers > capacity) {
      throw new IllegalArgumentException("charuco DICT " + dictionary + " holds " + capacity + " markers, a "
          + columns + "x" + rows + " board needs " + markers);
    }
  }

  /** Inner corners per row (columns − 1). */
  public int cornerColumns() {
    return columns - 1;
  }

  /** Inner corner rows (rows − 1). */
  public int cornerRows() {
    return rows - 1;
  }

  @Override
  public int pointCount() {
    return cornerColumns() * cornerRows();
  }

  @Override
  public double[] objectPoints() {
    int n = pointCount();
    double[] p = new double[3 * n];
    for (int k = 0; k < n; k++) {
      p[3 * k] = (k % cornerColumns()) * squareMm;
      p[3 * k + 1] = (k / cornerColumns()) * squareMm;
    }
    return p;
  }

  @Override
  public String toSpecString() {
    return KIND + ":" + columns + "x" + rows + ":" + BoardSpecs.formatMm(squareMm) + ":"
        + BoardSpecs.formatMm(markerMm) + ":" + dictionary;
  }

  /** Number of markers in a predefined dictionary (the number after the last underscore, or its family's). */
  static int dictionaryCapacity(String name) {
    return switch (name) {
      case "DICT_ARUCO_ORIGINAL" -> 1024;
      case "DICT_APRILTAG_16H5" -> 30;
      case "DICT_APRILTAG_25H9" -> 35;
      case "DICT_APRILTAG_36H10" -> 2320;
      case "DICT_APRILTAG_36H11" -> 587;
      case "DICT_ARUCO_MIP_36H12" -> 250;
      default -> Integer.parseInt(name.substring(name.lastIndexOf('_') + 1));
    };
  }
}
