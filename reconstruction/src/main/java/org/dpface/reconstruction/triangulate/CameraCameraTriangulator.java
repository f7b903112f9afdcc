package org.dpface.reconstruction.triangulate;

import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.dpface.reconstruction.struct.TriangulationRejection;

/**
 * Triangulates camera A against camera B through the projector codes both decoded: no projector calibration
 * is needed, only the two cameras' models and poses (Scharstein and Szeliski, CVPR 2003, use a projector
 * the same way, as a source of correspondences between calibrated cameras). The output is A's view.
 *
 * <p>Algorithm overview, per pixel of A (first pass, row-parallel):
 *
 * <ol>
 *   <li>A's mask 0 or a code axis missing: {@link TriangulationRejection#NOT_DECODED} (one axis alone does
 *       not identify a point in B);
 *   <li>the pixel of B whose code is nearest ({@link CodeIndex}, within {@code maxCodeDistancePx}) and
 *       the sub-pixel location of A's code in B from a local affine fit ({@link CodeMatch}); failure:
 *       {@code NO_MATCH};
 *   <li>A's pixel-centre ray and B's ray through the sub-pixel location (both undistorted) triangulated by
 *       {@link TwoViewTriangulation}; then the same rejections as {@link CameraProjectorTriangulator}:
 *       {@code BAD_GEOMETRY}, {@code RAY_DISTANCE}, {@code DEPTH_RANGE};
 * </ol>
 *
 * then {@link SurfaceChecks} (incidence against both cameras, isolation, confidence). The provisional
 * confidence is the smaller decoder confidence of A's pixel and B's seed pixel. Output is identical for any
 * thread count. Not thread-safe: one triangulation at a time per instance; close it to stop the pool. Each
 * call allocates the code index of B (two floats and about one int per pixel of B).
 */
public final class CameraCameraTriangulator implements AutoCloseable {
  private final TriangulationConfig config;
  private final TriangulationPasses passes;

  /**
   * @param config thresholds and method (checked)
   * @param threads worker count, >= 1 (the caller plus threads - 1 pool threads)
   */
  public CameraCameraTriangulator(TriangulationConfig config, int threads) {
    this.config = Objects.requireNonNull(config, "config").check();
    this.passes = new TriangulationPasses(threads, "dpface-triangulate-cc");
  }

  /**
   * Triangulates every pixel of camera A into {@code out}.
   *
   * @param decodedA decoded maps of camera A (A's resolution)
   * @param decodedB decoded maps of camera B for the same projector and sequence (B's resolution)
   * @param out reset to camera A and filled
   */
  public void triangulate(DecodedMaps decodedA, CameraModel cameraA, RigidTransform worldToA,
      DecodedMaps decodedB, CameraModel cameraB, RigidTransform worldToB, TriangulatedView out) {
    TriangulationPasses.checkSize(decodedA, cameraA, "decoded maps of camera A");
    TriangulationPasses.checkSize(decodedB, cameraB, "decoded maps of camera B");
    RigidTransform aToWorld = worldToA.invert();
    TwoViewTriangulation tv = TriangulationPasses.between(cameraA, aToWorld.then(worldToB), cameraB);
    CodeIndex index = new CodeIndex(decodedB, Math.max(1.0, config.maxCodeDistancePx()));
    PixelRays table = passes.rays(cameraA);
    out.reset(cameraA, worldToA);
    double minCosAngle = Math.cos(config.minTriangulationAngleRad());
    passes.firstPass(cameraA.width(), cameraA.height(), (x, y, buf) -> {
      TriangulationRejection why = pixel(decodedA, decodedB, cameraB, table, index, tv, minCosAngle, x, y, buf);
      float conf = decodedA.confidence.data[decodedA.confidence.indexOf(x, y)];
      if (why == TriangulationRejection.NONE) {
        int seed = (int) buf[30];
        int bx = seed % cameraB.width();
        int by = seed / cameraB.width();
        conf = Math.min(conf, decodedB.confidence.data[decodedB.confidence.indexOf(bx, by)]);
      }
      Pass1.write(out, aToWorld, x, y, why, buf, conf);
    });
    passes.surfaceChecks(out, aToWorld, worldToB, config);
  }

  private TriangulationRejection pixel(DecodedMaps a, DecodedMaps b, CameraModel cameraB, PixelRays table,
      CodeIndex index, TwoViewTriangulation tv, double minCosAngle, int x, int y, double[] buf) {
    buf[TwoViewTriangulation.RAY_DISTANCE] = Double.NaN;
    if (a.mask.data[a.mask.indexOf(x, y)] == 0) {
      return TriangulationRejection.NOT_DECODED;
    }
    double cu = a.projU.data[a.projU.indexOf(x, y)];
    double cv = a.projV.data[a.projV.indexOf(x, y)];
    if (!Double.isFinite(cu) || !Double.isFinite(cv)) {
      return TriangulationRejection.NOT_DECODED;
    }
    int k = 2 * (y * table.camera.width() + x);
    double x1 = table.xy[k];
    double y1 = table.xy[k + 1];
    if (Double.isNaN(x1)) {
      return TriangulationRejection.NO_RAY;
    }
    int seed = index.nearest(cu, cv, config.maxCodeDistancePx());
    if (seed < 0 || !CodeMatch.locate(index, b.height(), seed, cu, cv, config.matchRadius(),
        config.minMatchSupport(), buf, 10)) {
      return TriangulationRejection.NO_MATCH;
    }
    buf[30] = seed;
    if (!cameraB.unproject(buf[10], buf[11], buf, 12)) {
      return TriangulationRejection.NO_RAY;
    }
    if (!tv.triangulate(config.method(), x1, y1, buf[12], buf[13], buf, 0)
        || buf[TwoViewTriangulation.COS_ANGLE] > minCosAngle) {
      return TriangulationRejection.BAD_GEOMETRY;
    }
    if (buf[TwoViewTriangulation.RAY_DISTANCE] > config.maxRayDistanceMm()) {
      return TriangulationRejection.RAY_DISTANCE;
    }
    double z = buf[2];
    if (z < config.minDepthMm() || z > config.maxDepthMm()) {
      return TriangulationRejection.DEPTH_RANGE;
    }
    return TriangulationRejection.NONE;
  }

  /** Stops the worker pool. */
  @Override
  public void close() {
    passes.close();
  }
}
