package org.dpface.calibration.target;

import java.util.Locale;

/**
 * Parses board spec strings as given on the command line.
 *
 * <p>Grammar: {@code chessboard:COLSxROWS:SQUARE_MM}, where COLS and ROWS count inner corners (OpenCV's
 * sample board is {@code chessboard:9x6:25}) and SQUARE_MM is the square side in millimetres. Errors are
 * {@link IllegalArgumentException}s whose message names the offending field.
 */
public final class BoardSpecs {
  private BoardSpecs() {}

  /** Parses a spec string; see the class comment for the grammar. */
  public static BoardSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("board spec is empty; expected chessboard:COLSxROWS:SQUARE_MM");
    }
    String[] parts = spec.trim().split(":", -1);
    String kind = parts[0].toLowerCase(Locale.ROOT);
    if (!kind.equals(ChessboardSpec.KIND)) {
      throw new IllegalArgumentException(
          "board spec '" + spec + "': unknown board kind '" + parts[0] + "'; expected chessboard");
    }
    if (parts.length != 3) {
      throw new IllegalArgumentException("board spec '" + spec
          + "': expected 3 fields chessboard:COLSxROWS:SQUARE_MM, got " + parts.length);
    }
    String[] size = parts[1].toLowerCase(Locale.ROOT).split("x", -1);
    if (size.length != 2) {
      throw new IllegalArgumentException(
          "board spec '" + spec + "': COLSxROWS field '" + parts[1] + "' must look like 9x6");
    }
    int cols = parseInt(spec, "COLS", size[0]);
    int rows = parseInt(spec, "ROWS", size[1]);
    double square = parseDouble(spec, "SQUARE_MM", parts[2]);
    try {
      return new ChessboardSpec(cols, rows, square);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("board spec '" + spec + "': " + e.getMessage(), e);
    }
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
