package org.dpface.calibration.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoardSpecsTest {
  @Test
  void parsesChessboardAndLaysOutCornersRowByRow() {
    BoardSpec spec = BoardSpecs.parse("chessboard:9x6:25");
    ChessboardSpec cb = assertInstanceOfChessboard(spec);
    assertEquals(9, cb.columns());
    assertEquals(6, cb.rows());
    assertEquals(25.0, cb.squareMm());
    assertEquals(54, spec.pointCount());
    double[] p = spec.objectPoints();
    assertEquals(3 * 54, p.length);
    assertArrayEquals(new double[] {0, 0, 0}, new double[] {p[0], p[1], p[2]});
    assertArrayEquals(new double[] {25, 0, 0}, new double[] {p[3], p[4], p[5]}, "second corner along the row");
    assertArrayEquals(new double[] {0, 25, 0}, new double[] {p[27], p[28], p[29]}, "first corner of row 2");
    assertArrayEquals(new double[] {200, 125, 0}, new double[] {p[159], p[160], p[161]}, "last corner");
    assertEquals("chessboard:9x6:25", spec.toSpecString());
  }

  @Test
  void acceptsCaseAndFractionalSquaresAndRoundTripsTheString() {
    BoardSpec spec = BoardSpecs.parse(" Chessboard:7X5:12.5 ");
    assertEquals(new ChessboardSpec(7, 5, 12.5), spec);
    assertEquals(spec, BoardSpecs.parse(spec.toSpecString()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "chessboard:ax6:25|COLS",
        "chessboard:9xb:25|ROWS",
        "chessboard:9x6:wide|SQUARE_MM",
        "chessboard:9x6:-3|SQUARE_MM",
        "chessboard:9x6:NaN|SQUARE_MM",
        "chessboard:1x6:25|COLS",
        "chessboard:9x1:25|ROWS",
        "chessboard:96:25|COLSxROWS",
        "chessboard:9x6|3 fields",
        "checkers:9x6:25|board kind",
        "|empty",
      })
  void badSpecsNameTheField(String spec, String field) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BoardSpecs.parse(spec == null ? "" : spec));
    assertTrue(e.getMessage().contains(field), e.getMessage() + " should name " + field);
  }

  @Test
  void parsesCharucoWithCornerIdsLaidOutRowByRow() {
    BoardSpec spec = BoardSpecs.parse("charuco:7x5:30:22:DICT_5X5_100");
    assertTrue(spec instanceof CharucoSpec, "charuco spec: " + spec);
    CharucoSpec ch = (CharucoSpec) spec;
    assertEquals(new CharucoSpec(7, 5, 30, 22, "DICT_5X5_100"), ch);
    assertEquals(24, spec.pointCount(), "6x4 inner corners");
    double[] p = spec.objectPoints();
    assertArrayEquals(new double[] {0, 0, 0}, new double[] {p[0], p[1], p[2]});
    assertArrayEquals(new double[] {30, 0, 0}, new double[] {p[3], p[4], p[5]}, "id 1 along the row");
    assertArrayEquals(new double[] {0, 30, 0}, new double[] {p[18], p[19], p[20]}, "id 6 starts row 2");
    assertArrayEquals(new double[] {150, 90, 0}, new double[] {p[69], p[70], p[71]}, "last corner");
    assertEquals("charuco:7x5:30:22:DICT_5X5_100", spec.toSpecString());
    BoardSpec lower = BoardSpecs.parse("ChArUco:9X6:20.5:15:dict_aruco_original");
    assertEquals("charuco:9x6:20.5:15:DICT_ARUCO_ORIGINAL", lower.toSpecString());
    assertEquals(lower, BoardSpecs.parse(lower.toSpecString()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "charuco:7x5:30:22|5 fields",
        "charuco:7x5:30:22:DICT_5X5_100:x|5 fields",
        "charuco:ax5:30:22:DICT_5X5_100|COLS",
        "charuco:7xb:30:22:DICT_5X5_100|ROWS",
        "charuco:75:30:22:DICT_5X5_100|COLSxROWS",
        "charuco:2x5:30:22:DICT_5X5_100|COLS",
        "charuco:7x2:30:22:DICT_5X5_100|ROWS",
        "charuco:7x5:x:22:DICT_5X5_100|SQUARE_MM",
        "charuco:7x5:0:22:DICT_5X5_100|SQUARE_MM",
        "charuco:7x5:30:m:DICT_5X5_100|MARKER_MM",
        "charuco:7x5:30:30:DICT_5X5_100|MARKER_MM",
        "charuco:7x5:30:-1:DICT_5X5_100|MARKER_MM",
        "charuco:7x5:30:22:DICT_5X5_99|DICT",
        "charuco:7x5:30:22:|DICT",
        "charuco:12x12:30:22:DICT_4X4_50|DICT_4X4_50 holds 50 markers",
      })
  void badCharucoSpecsNameTheField(String spec, String field) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardSpecs.parse(spec));
    assertTrue(e.getMessage().contains(field), e.getMessage() + " should name " + field);
  }

  private static ChessboardSpec assertInstanceOfChessboard(BoardSpec spec) {
    assertTrue(spec instanceof ChessboardSpec, "chessboard spec: " + spec);
    return (ChessboardSpec) spec;
  }
}
