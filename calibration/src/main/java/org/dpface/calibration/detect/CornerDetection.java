package org.dpface.calibration.detect;

import java.util.BitSet;
import java.util.Objects;
import org.dpface.calibration.target.BoardSpec;

/**
 * Outcome of looking for a board in one image: either the sub-pixel corners or the reason none were
 * found. Corners are pixels (u, v) = (column, row) with integer coordinates at pixel centres, interleaved
 * u0 v0 u1 v1 .... A full detection ({@code ids == null}, chessboards) holds every board point in the
 * order of {@link BoardSpec#objectPoints()} (up to the board's 180° symmetry, which OpenCV resolves per
 * image); a partial detection (ChArUco) names the board point of each corner in {@code ids}.
 *
 * @param source name of the input (file name or view id) for reports
 * @param width image width, px
 * @param height image height, px
 * @param corners interleaved (u, v) pixels, empty when not found
 * @param ids board point index of each corner (distinct, ≥ 0), or {@code null} for a full detection in
 *     board order
 * @param failure why no board was found; {@code null} when found
 */
public record CornerDetection(String source, int width, int height, double[] corners, int[] ids, String failure) {
  public CornerDetection {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(corners, "corners");
    if ((failure == null) == (corners.length == 0)) {
      throw new IllegalArgumentException("a detection has either corners or a failure reason, not both or neither");
    }
    if (corners.length % 2 != 0) {
      throw new IllegalArgumentException("corners must be interleaved (u, v), got " + corners.length + " values");
    }
    corners = corners.clone();
    if (ids != null) {
      if (ids.length != corners.length / 2) {
        throw new IllegalArgumentException(ids.length + " ids for " + corners.length / 2 + " corners");
      }
      ids = ids.clone();
      BitSet seen = new BitSet();
      for (int id : ids) {
        if (id < 0 || seen.get(id)) {
          throw new IllegalArgumentException("corner ids must be distinct and >= 0, got " + id + " twice or negative");
        }
        seen.set(id);
      }
    }
  }

  /** A successful full detection (every board point, in board order). */
  public static CornerDetection found(String source, int width, int height, double[] corners) {
    return new CornerDetection(source, width, height, corners, null, null);
  }

  /** A successful partial detection: corner i is board point {@code ids[i]}. */
  public static CornerDetection foundPartial(String source, int width, int height, int[] ids, double[] corners) {
    return new CornerDetection(source, width, height, corners, Objects.requireNonNull(ids, "ids"), null);
  }

  /** A failed detection with its reason. */
  public static CornerDetection failed(String source, int width, int height, String reason) {
    return new CornerDetection(source, width, height, new double[0], null, Objects.requireNonNull(reason, "reason"));
  }

  /** True when the board was found. */
  public boolean isFound() {
    return failure == null;
  }

  /** True when the corners name their board points by id (a subset of the board may be missing). */
  public boolean isPartial() {
    return ids != null;
  }

  /** Number of corners found (0 on failure). */
  public int cornerCount() {
    return corners.length / 2;
  }

  /** Copy of the interleaved corners. */
  @Override
  public double[] corners() {
    return corners.clone();
  }

  /** Copy of the board point ids, or {@code null} for a full detection. */
  @Override
  public int[] ids() {
    return ids == null ? null : ids.clone();
  }

  /**
   * The board points (interleaved x y z, mm) matching {@link #corners()} one to one: all of
   * {@code board}'s points for a full detection, the points named by {@link #ids()} otherwise.
   *
   * @throws IllegalArgumentException when a full detection's corner count differs from the board's or an
   *     id is outside the board
   */
  public double[] objectPoints(BoardSpec board) {
    double[] all = board.objectPoints();
    if (ids == null) {
      if (cornerCount() != board.pointCount()) {
        throw new IllegalArgumentException(source + ": " + cornerCount() + " corners, board "
            + board.toSpecString() + " has " + board.pointCount());
      }
      return all;
    }
    double[] out = new double[3 * ids.length];
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] >= board.pointCount()) {
        throw new IllegalArgumentException(source + ": corner id " + ids[i] + " outside board "
            + board.toSpecString() + " (" + board.pointCount() + " points)");
      }
      System.arraycopy(all, 3 * ids[i], out, 3 * i, 3);
    }
    return out;
  }
}
