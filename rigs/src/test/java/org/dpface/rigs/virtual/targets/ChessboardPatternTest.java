package org.dpface.rigs.virtual.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChessboardPatternTest {
  private static final BoardSpec BOARD = BoardSpec.chessboard(5, 4, 10);
  private static final ChessboardPattern PATTERN = new ChessboardPattern(BOARD, 0.05, 0.85);
  /** Midpoint-rule integration on an N×N grid over the bounding box: error ~ perimeter / N. */
  private static final int GRID = 600;
  private static final double INTEGRATION_TOL = 2e-3;

  @Test
  void pointAlbedoFollowsTheSquares() {
    assertEquals(0.05, PATTERN.albedoAt(-5, -5));
    assertEquals(0.85, PATTERN.albedoAt(5, -5));
    assertEquals(0.05, PATTERN.albedoAt(5, 5));
    assertEquals(0.85, PATTERN.albedoAt(-15, -5)); // margin
    assertEquals(0.85, PATTERN.albedoAt(55, 45)); // margin beyond the last square
  }

  @Test
  void squareCentredOnACornerIsHalfDark() {
    double[] sq = {9.5, 19.5, 10.5, 19.5, 10.5, 20.5, 9.5, 20.5};
    double[] scratch = new double[ChessboardPattern.scratchSize(4)];
    assertEquals(0.45, PATTERN.meanAlbedo(sq, 4, scratch), 1e-12);
    double[] edge = {9.75, 2, 10.75, 2, 10.75, 3, 9.75, 3}; // 1/4 in square (0, 0) dark, 3/4 in (1, 0) light
    assertEquals(0.25 * 0.05 + 0.75 * 0.85, PATTERN.meanAlbedo(edge, 4, scratch), 1e-12);
    double[] inside = {1, 1, 2, 1, 2, 2, 1, 2};
    assertEquals(0.05, PATTERN.meanAlbedo(inside, 4, scratch));
  }

  @Test
  void meanAlbedoMatchesNumericalIntegrationOverRandomQuads() {
    SplittableRandom rnd = new SplittableRandom(11);
    double[] scratch = new double[ChessboardPattern.scratchSize(4)];
    for (int trial = 0; trial < 40; trial++) {
      // A convex quad (perturbed square, random size up to 1.5 squares) around a random corner region.
      double cx = rnd.nextDouble(-12, 52);
      double cy = rnd.nextDouble(-12, 42);
      double r = rnd.nextDouble(0.5, 15);
      double rot = rnd.nextDouble(0, Math.PI);
      double[] q = new double[8];
      for (int k = 0; k < 4; k++) {
        double a = rot + k * Math.PI / 2 + rnd.nextDouble(-0.3, 0.3);
        double rr = r * rnd.nextDouble(0.7, 1.0);
        q[2 * k] = cx + rr * Math.cos(a);
        q[2 * k + 1] = cy + rr * Math.sin(a);
      }
      if (trial % 2 == 1) { // clockwise winding too
        double[] rev = new double[8];
        for (int k = 0; k < 4; k++) {
          rev[2 * k] = q[2 * (3 - k)];
          rev[2 * k + 1] = q[2 * (3 - k) + 1];
        }
        q = rev;
      }
      assertEquals(integrate(q), PATTERN.meanAlbedo(q, 4, scratch), INTEGRATION_TOL, "quad " + trial);
    }
  }

  /** Mean point albedo over the quad, independent of the clipping code. */
  private static double integrate(double[] q) {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int k = 0; k < 4; k++) {
      minX = Math.min(minX, q[2 * k]);
      maxX = Math.max(maxX, q[2 * k]);
      minY = Math.min(minY, q[2 * k + 1]);
      maxY = Math.max(maxY, q[2 * k + 1]);
    }
    double sum = 0;
    long n = 0;
    for (int j = 0; j < GRID; j++) {
      double y = minY + (j + 0.5) * (maxY - minY) / GRID;
      for (int i = 0; i < GRID; i++) {
        double x = minX + (i + 0.5) * (maxX - minX) / GRID;
        if (inside(q, x, y)) {
          sum += PATTERN.albedoAt(x, y);
          n++;
        }
      }
    }
    return sum / n;
  }

  /** Even-odd rule point-in-polygon test. */
  private static boolean inside(double[] q, double x, double y) {
    boolean in = false;
    for (int k = 0, l = 3; k < 4; l = k++) {
      double xk = q[2 * k];
      double yk = q[2 * k + 1];
      double xl = q[2 * l];
      double yl = q[2 * l + 1];
      if ((yk > y) != (yl > y) && x < (xl - xk) * (y - yk) / (yl - yk) + xk) {
        in = !in;
      }
    }
    return in;
  }
}
