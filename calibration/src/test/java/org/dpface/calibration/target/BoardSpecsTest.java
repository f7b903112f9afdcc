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

  private static ChessboardSpec assertInstanceOfChessboard(BoardSpec spec) {
    assertTrue(spec instanceof ChessboardSpec, "chessboard spec: " + spec);
    return (ChessboardSpec) spec;
  }
}
