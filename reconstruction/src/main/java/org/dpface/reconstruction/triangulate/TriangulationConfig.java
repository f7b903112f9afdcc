package org.dpface.reconstruction.triangulate;

/**
 * Options of the triangulators. Immutable; {@link #defaults()} then {@code withX}; {@link #check()} validates.
 *
 * @param method how two rays become one point
 * @param maxRayDistanceMm rays passing further apart than this (mm) are rejected
 *     ({@link org.dpface.reconstruction.struct.TriangulationRejection#RAY_DISTANCE})
 * @param rayDistanceSigmaMm confidence falls as exp(-d² / 2σ²) with the ray distance d (mm)
 * @param minDepthMm smallest accepted planar depth in the camera (mm)
 * @param maxDepthMm largest accepted planar depth in the camera (mm)
 * @param minTriangulationAngleRad smallest accepted angle between the two rays (radians)
 * @param maxIncidenceRad largest accepted angle between the neighbour-estimated surface normal and either
 *     viewing ray (radians)
 * @param rejectIsolated reject points with no valid pair of 4-neighbours forming a quadrant
 * @param matchRadius camera-camera: half-size of the window (pixels) over which the local affine map from
 *     the other camera's pixels to codes is fitted; 1 gives 3x3, 2 gives 5x5
 * @param maxCodeDistancePx camera-camera: the nearest code found in the other camera must lie within this
 *     distance (projector pixels) of the sought code
 * @param minMatchSupport camera-camera: fewest valid pixels in the fitting window
 */
public record TriangulationConfig(
    TriangulationMethod method,
    double maxRayDistanceMm,
    double rayDistanceSigmaMm,
    double minDepthMm,
    double maxDepthMm,
    double minTriangulationAngleRad,
    double maxIncidenceRad,
    boolean rejectIsolated,
    int matchRadius,
    double maxCodeDistancePx,
    int minMatchSupport) {

  /**
   * Camera-ray method, 1 mm ray distance (σ 0.5 mm), depth 100..10000 mm, 2 degrees minimum triangulation
   * angle, 80 degrees maximum incidence, isolated points rejected, 3x3 match window (on the faceted test
   * head a 5x5 window triples the interpolation bias: noise-free median 0.007 vs 0.002 mm), 2 px code distance,
   * 6 supporting pixels.
   */
  public static TriangulationConfig defaults() {
    return new TriangulationConfig(TriangulationMethod.CAMERA_RAY, 1.0, 0.5, 100, 10000,
        Math.toRadians(2), Math.toRadians(80), true, 1, 2.0, 6);
  }

  public TriangulationConfig withMethod(TriangulationMethod m) {
    return new TriangulationConfig(m, maxRayDistanceMm, rayDistanceSigmaMm, minDepthMm, maxDepthMm,
        minTriangulationAngleRad, maxIncidenceRad, rejectIsolated, matchRadius, maxCodeDistancePx,
        minMatchSupport);
  }

  public TriangulationConfig withMaxRayDistance(double mm) {
    return new TriangulationConfig(method, mm, rayDistanceSigmaMm, minDepthMm, maxDepthMm,
        minTriangulationAngleRad, maxIncidenceRad, rejectIsolated, matchRadius, maxCodeDistancePx,
        minMatchSupport);
  }

  public TriangulationConfig withDepthRange(double minMm, double maxMm) {
    return new TriangulationConfig(method, maxRayDistanceMm, rayDistanceSigmaMm, minMm, maxMm,
        minTriangulationAngleRad, maxIncidenceRad, rejectIsolated, matchRadius, maxCodeDistancePx,
        minMatchSupport);
  }

  public TriangulationConfig withMaxIncidence(double rad) {
    return new TriangulationConfig(method, maxRayDistanceMm, rayDistanceSigmaMm, minDepthMm, maxDepthMm,
        minTriangulationAngleRad, rad, rejectIsolated, matchRadius, maxCodeDistancePx, minMatchSupport);
  }

  public TriangulationConfig withMatchRadius(int r) {
    return new TriangulationConfig(method, maxRayDistanceMm, rayDistanceSigmaMm, minDepthMm, maxDepthMm,
        minTriangulationAngleRad, maxIncidenceRad, rejectIsolated, r, maxCodeDistancePx, minMatchSupport);
  }

  /** Throws {@link IllegalArgumentException} naming the first invalid field. */
  public TriangulationConfig check() {
    if (method == null) {
      throw new IllegalArgumentException("method must not be null");
    }
    positive("maxRayDistanceMm", maxRayDistanceMm);
    positive("rayDistanceSigmaMm", rayDistanceSigmaMm);
    positive("minDepthMm", minDepthMm);
    if (!(maxDepthMm > minDepthMm)) {
      throw new IllegalArgumentException("maxDepthMm must be > minDepthMm (" + minDepthMm + "), got " + maxDepthMm);
    }
    if (!(minTriangulationAngleRad >= 0) || !(minTriangulationAngleRad < Math.PI / 2)) {
      throw new IllegalArgumentException("minTriangulationAngleRad must be in [0, pi/2), got "
          + minTriangulationAngleRad);
    }
    if (!(maxIncidenceRad > 0) || !(maxIncidenceRad <= Math.PI / 2)) {
      throw new IllegalArgumentException("maxIncidenceRad must be in (0, pi/2], got " + maxIncidenceRad);
    }
    if (matchRadius < 1 || matchRadius > 8) {
      throw new IllegalArgumentException("matchRadius must be in 1..8, got " + matchRadius);
    }
    positive("maxCodeDistancePx", maxCodeDistancePx);
    if (minMatchSupport < 3) {
      throw new IllegalArgumentException("minMatchSupport must be >= 3, got " + minMatchSupport);
    }
    return this;
  }

  private static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
    }
  }
}
