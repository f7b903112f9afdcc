package org.dpface.reconstruction.triangulate;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.TriangulatedView;

/**
 * The machinery both triangulators share: the row pool, one scratch buffer per worker, the cached pixel-ray
 * table of the output camera and the {@link SurfaceChecks} passes. Not thread-safe: one triangulation at a
 * time; close it to stop the pool.
 */
final class TriangulationPasses implements AutoCloseable {
  /** First-pass work on one output pixel; {@code buf} is the worker's scratch (see {@link Pass1}). */
  @FunctionalInterface
  interface PixelPass {
    void run(int x, int y, double[] buf);
  }

  private final RowRunner runner;
  private final double[][] scratch;
  private final SurfaceChecks checks = new SurfaceChecks();
  private PixelRays rays;

  /**
   * @param threads worker count, >= 1 (the caller plus threads - 1 pool threads)
   * @param name prefix of the pool threads' names
   */
  TriangulationPasses(int threads, String name) {
    this.runner = new RowRunner(threads, name);
    this.scratch = new double[threads][32];
  }

  /** Undistorted rays through the pixel centres of {@code camera}, rebuilt only when the camera changes. */
  PixelRays rays(CameraModel camera) {
    rays = PixelRays.of(camera, rays);
    return rays;
  }

  /** Runs {@code pixel} over every pixel of a width x height image, row-parallel. */
  void firstPass(int width, int height, PixelPass pixel) {
    runner.run(height, (worker, y0, y1) -> {
      double[] buf = scratch[worker];
      for (int y = y0; y < y1; y++) {
        for (int x = 0; x < width; x++) {
          pixel.run(x, y, buf);
        }
      }
    });
  }

  /**
   * Second and third passes ({@link SurfaceChecks}) over {@code out}, whose views are the output camera
   * ({@code outToWorld}) and the other view ({@code worldToOther}).
   */
  void surfaceChecks(TriangulatedView out, RigidTransform outToWorld, RigidTransform worldToOther,
      TriangulationConfig config) {
    double[] eyes = new double[6];
    System.arraycopy(outToWorld.translation(), 0, eyes, 0, 3);
    System.arraycopy(worldToOther.invert().translation(), 0, eyes, 3, 3);
    checks.run(runner, out, eyes, config);
  }

  /** Throws unless {@code decoded} has the size of {@code camera}; {@code what} names the maps. */
  static void checkSize(DecodedMaps decoded, CameraModel camera, String what) {
    if (decoded.width() != camera.width() || decoded.height() != camera.height()) {
      throw new IllegalArgumentException(what + " are " + decoded.width() + "x" + decoded.height()
          + ", the camera is " + camera.width() + "x" + camera.height());
    }
  }

  /** Two-view triangulation from view 1 to view 2 with each view's focal length sqrt(fx fy). */
  static TwoViewTriangulation between(CameraModel view1, RigidTransform view1ToView2, CameraModel view2) {
    return new TwoViewTriangulation(view1ToView2, Math.sqrt(view1.fx() * view1.fy()),
        Math.sqrt(view2.fx() * view2.fy()));
  }

  /** Stops the worker pool. */
  @Override
  public void close() {
    runner.close();
  }
}
