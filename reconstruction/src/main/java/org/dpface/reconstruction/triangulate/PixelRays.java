package org.dpface.reconstruction.triangulate;

import org.dpface.core.camera.CameraModel;

/**
 * Undistorted normalized coordinates (x', y') of every pixel centre of one camera, computed once per model
 * ({@link CameraModel#unproject}); NaN where undistortion did not converge. Immutable.
 */
final class PixelRays {
  final CameraModel camera;
  /** Interleaved x', y' per pixel, row-major (index 2 * (y * width + x)). */
  final double[] xy;

  private PixelRays(CameraModel camera) {
    this.camera = camera;
    int w = camera.width();
    int h = camera.height();
    xy = new double[2 * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int k = 2 * (y * w + x);
        if (!camera.unproject(x, y, xy, k)) {
          xy[k] = Double.NaN;
          xy[k + 1] = Double.NaN;
        }
      }
    }
  }

  /** The table for {@code camera}, reusing {@code cached} when it belongs to an equal model. */
  static PixelRays of(CameraModel camera, PixelRays cached) {
    return cached != null && cached.camera.equals(camera) ? cached : new PixelRays(camera);
  }
}
