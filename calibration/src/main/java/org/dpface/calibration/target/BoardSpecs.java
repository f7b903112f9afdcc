package org.dpface.calibration.target;

import java.util.Locale;

/**
 * Parses board spec strings as given on the command line.
 *
 * <p>Grammar:
 *
 * <ul>
 *   <li>{@code chessboard:COLSxROWS:SQUARE_MM}: COLS and ROWS count inner corners (OpenCV's sample board
 *       is {@code chessboard:9x6:25}), SQUARE_MM is the square side in millimetres;
 *   <li>{@code charuco:COLSxROWS:SQUARE_MM:MARKER_MM:DICT}: COLS and ROWS count squares, as OpenCV's
 *       {@code CharucoBoard} takes them, MARKER_MM is the marker side, DICT a predefined ArUco dictionary
 *       (e.g. {@code charuco:7x5:30:22:DICT_5X5_100}).
 * </ul>
 *
 * Errors are {@link IllegalArgumentException}s whose message names the offending field and what was
 * expected.
 */
public final class BoardSpecs {
  private static final String CHESS_GRAMMAR = "chessboard:COLSxROWS:SQUARE_MM";
  private static final String CHARUCO_GRAMMAR = "charuco:COLSxROWS:SQUARE_MM:MARKER_MM:DICT";

  private BoardSpecs() {}

  /** Parses a spec string; see the class comment for the grammar. */
  public static BoardSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException(
          "board spec is empty; expected " + CHESS_GRAMMAR + " or " + CHARUCO_GRAMMAR);
    }
    String[] parts = spec.trim().split(":", -1);
    String kind = parts[0].toLowerCase(Locale.ROOT);
    boolean charuco = kind.equals(CharucoSpec.KIND);
    if (!kind.equals(ChessboardSpec.KIND) && !charuco) {
      throw new IllegalArgumentException("board spec '" + spec + "': unknown board kind '" + parts[0]
          + "'; expected chessboard or charuco");
    }
    int fields = charuco ? 5 : 3;
    if (parts.length != fields) {
      throw new IllegalArgumentException("board spec '" + spec + "': expected " + fields + " fields "
          + (charuco ? CHARUCO_GRAMMAR : CHESS_GRAMMAR) + ", got " + parts.length);
    }
    String[] size = parts[1].toLowerCase(Locale.ROOT).split("x", -1);
    if (size.length != 2) {
      throw new IllegalArgumentException("board spec '" + spec + "': COLSxROWS field '" + parts[1]
          + "' must look like " + (charuco ? "7x5" : "9x6"));
    }
    int cols = parseInt(spec, "COLS", size[0]);
    int rows = parseInt(spec, "ROWS", size[1]);
    double square = parseDouble(spec, "SQUARE_MM", parts[2]);
    double marker = charuco ? parseDouble(spec, "MARKER_MM", parts[3]) : 0;
    try {
      if (charuco) {
        return new CharucoSpec(cols, rows, square, marker, parts[4].trim());
      }
      return new ChessboardSpec(cols, rows, square);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("board spec '" + spec + "': " + e.getMessage(), e);
    }
  }

  /** A length in mm as spec strings write it: integers without a fraction, else Java's shortest form. */
  static String formatMm(double mm) {
    return mm == Math.rint(mm) && Math.abs(mm) < 1e15 ? Long.toString((long) mm) : Double.toString(mm);
  }

  private static int parseInt(String spec, String field, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "board spec '" + spec + "': " + field + " '" + text + "' is not an integer", e);
    }
  }

  private static double parseDouble(String spec, String field, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "board spec '" + spec + "': " + field + " '" + text + "' is not a number", e);
    }
  }
}
