package org.dpface.reconstruction.triangulate;

/** How two viewing rays become one point; see {@link TwoViewTriangulation}. */
public enum TriangulationMethod {
  /**
   * The first (camera) ray is exact: the second view's measurement is moved perpendicularly onto the
   * epipolar line of the first ray, then the rays are intersected. The maximum-likelihood point when only the
   * second view is noisy, as in structured light, where the camera pixel centre is exact and the decoded
   * code carries the noise. The point lies on the camera pixel's ray, so depth and points agree exactly.
   */
  CAMERA_RAY,
  /**
   * Optimal two-view L2 correction of both measurements onto the epipolar constraint (Lindstrom,
   * "Triangulation Made Easy", CVPR 2010, niter2; the closed form of Hartley and Zisserman 12.5, p. 315),
   * in pixel-scaled normalized coordinates, then intersection.
   */
  OPTIMAL_L2,
  /** Midpoint of the common perpendicular of the two rays (Hartley and Zisserman 12.1, p. 311). */
  MIDPOINT
}
