package org.dpface.reconstruction.struct;

/**
 * Why a camera pixel has no triangulated point, stored as {@link #code()} in {@link TriangulatedView#reason}.
 * Checks run in declaration order and the first that fails is reported.
 */
public enum TriangulationRejection {
  /** Triangulated; the point is valid. */
  NONE(0),
  /** The decoder rejected the pixel (mask 0), or no encoded axis has a finite coordinate. */
  NOT_DECODED(1),
  /** Undistortion did not converge on one side (far outside the calibrated field). */
  NO_RAY(2),
  /** Camera-camera only: the code was not found in the other camera, or the local fit there failed. */
  NO_MATCH(3),
  /** Rays nearly parallel (triangulation angle below the minimum) or the point lies behind a view. */
  BAD_GEOMETRY(4),
  /** The two rays pass further apart than the allowed distance (mm). */
  RAY_DISTANCE(5),
  /** Planar depth in the camera outside the configured range. */
  DEPTH_RANGE(6),
  /** No valid 4-neighbour pair to estimate a surface normal: an isolated point. */
  ISOLATED(7),
  /** The surface normal estimated from neighbours makes too large an angle with a viewing ray. */
  INCIDENCE(8);

  private final byte code;

  TriangulationRejection(int code) {
    this.code = (byte) code;
  }

  /** The byte stored in a reason image. */
  public byte code() {
    return code;
  }

  /** The rejection for a stored code. */
  public static TriangulationRejection fromCode(int code) {
    TriangulationRejection[] all = values();
    if (code < 0 || code >= all.length) {
      throw new IllegalArgumentException("unknown triangulation rejection code " + code);
    }
    return all[code];
  }
}
