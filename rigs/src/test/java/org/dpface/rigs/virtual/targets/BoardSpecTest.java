package org.dpface.rigs.virtual.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoardSpecTest {
  @Test
  void parsesAndFormatsTheSharedStringForm() {
    BoardSpec b = BoardSpec.parse("chessboard:9x6:20");
    assertEquals(new BoardSpec(9, 6, 20, 20), b);
    assertEquals("chessboard:9x6:20", b.format());
    assertEquals(b, BoardSpec.parse(b.format()));
    BoardSpec odd = new BoardSpec(7, 5, 24.5, 10);
    assertEquals("chessboard:7x5:24.5:10", odd.format());
    assertEquals(odd, BoardSpec.parse(odd.format()));
    assertEquals(new BoardSpec(4, 3, 30, 30), BoardSpec.parse(" CHESSBOARD:4X3:30 "));
  }

  @Test
  void rejectsMalformedText() {
    for (String s : new String[] {"chessboard:9x6", "charuco:9x6:20", "chessboard:9:20", "chessboard:9x6:abc",
        "chessboard:1x6:20", "chessboard:9x6:-2", "chessboard:9x6:20:-1", "chessboard:9x6:NaN", "chessboard:9x6:20:1:2"}) {
      assertThrows(IllegalArgumentException.class, () -> BoardSpec.parse(s), s);
    }
  }

  @Test
  void cornersFollowOpenCvOrderAndSquaresAlternate() {
    BoardSpec b = BoardSpec.chessboard(9, 6, 20);
    assertEquals(54, b.cornerCount());
    assertEquals(0, b.cornerX(0));
    assertEquals(20, b.cornerX(1));
    assertEquals(0, b.cornerX(9));
    assertEquals(20, b.cornerY(9));
    double[] all = b.cornersBoardFrame();
    assertEquals(160, all[3 * 53]);
    assertEquals(100, all[3 * 53 + 1]);
    assertEquals(0, all[3 * 53 + 2]);
    assertTrue(b.isDarkSquare(-1, -1));
    assertFalse(b.isDarkSquare(0, -1));
    assertTrue(b.isDarkSquare(0, 0));
    assertFalse(b.isDarkSquare(8, 5)); // 10 x 7 squares: the last one is light
    assertTrue(b.isDarkSquare(8, 4));
    assertFalse(b.isDarkSquare(9, 5)); // outside the squares: margin
    assertFalse(b.isDarkSquare(-2, 0));
    assertEquals(-40, b.minX());
    assertEquals(200, b.maxX());
    assertEquals(140, b.maxY());
    // Every inner corner joins two dark and two light squares, diagonal pairs equal.
    for (int k = 0; k < b.cornerCount(); k++) {
      int i = k % 9;
      int j = k / 9;
      assertEquals(b.isDarkSquare(i - 1, j - 1), b.isDarkSquare(i, j));
      assertEquals(b.isDarkSquare(i, j - 1), b.isDarkSquare(i - 1, j));
      assertTrue(b.isDarkSquare(i, j) != b.isDarkSquare(i - 1, j));
    }
  }
}
