package org.dpface.reconstruction.triangulate;

import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.dpface.reconstruction.struct.TriangulationRejection;

/**
 * Triangulates one camera against one calibrated projector from the decoder's projector coordinates.
 * Both models include OpenCV distortion; the projector is an inverse camera (Moreno and Taubin, "Simple,
 * Accurate, and Robust Projector-Camera Calibration", 3DIMPVT 2012: its rays are those of a camera through
 * the decoded projector pixel).
 *
 * <p>Algorithm overview, per camera pixel (first pass, row-parallel):
 *
 * <ol>
 *   <li>decoder mask 0 or no finite coordinate: {@link TriangulationRejection#NOT_DECODED};
 *   <li>the camera ray through the pixel centre and, when both axes are decoded, the projector ray through
 *       (projU, projV), both undistorted ({@link CameraModel#unproject}); failure: {@code NO_RAY};
 *   <li>two-ray triangulation by {@link TwoViewTriangulation} with the configured method; when only one
 *       axis is decoded, intersection of the camera ray with the surface of projector rays through that
 *       column (or row): with distortion that surface is curved, so its tangent plane at the current row
 *       estimate is intersected and the row re-estimated by projecting the point, until it settles;
 *   <li>rays nearly parallel or the point behind a view: {@code BAD_GEOMETRY}; rays further apart than the
 *       limit: {@code RAY_DISTANCE}; planar depth out of range: {@code DEPTH_RANGE};
 * </ol>
 *
 * then the neighbour-normal incidence check and confidence of {@link SurfaceChecks}. Output is identical
 * for any thread count. Not thread-safe: one triangulation at a time per instance; close it to stop the pool.
 */
public final class CameraProjectorTriangulator implements AutoCloseable {
  /** Half-span (projector px) of the two rays that span the tangent plane in the single-axis variant. */
  private static final double PLANE_HALF_SPAN_PX = 2.0;
  private static final int PLANE_MAX_ITER = 12;
  private static final double PLANE_TOL_PX = 1e-7;

  private final TriangulationConfig config;
  private final TriangulationPasses passes;

  /**
   * @param config thresholds and method (checked)
   * @param threads worker count, >= 1 (the caller plus threads - 1 pool threads)
   */
  public CameraProjectorTriangulator(TriangulationConfig config, int threads) {
    this.config = Objects.requireNonNull(config, "config").check();
    this.passes = new TriangulationPasses(threads, "dpface-triangulate-cp");
  }

  /**
   * Triangulates every pixel of {@code decoded} (camera resolution) into {@code out}.
   *
   * @param decoded the decoder's output for this camera and projector
   * @param camera camera model (size must match {@code decoded})
   * @param worldToCamera camera pose
   * @param projector projector model (its pixel grid is the one the codes address)
   * @param worldToProjector projector pose
   * @param out reset to the camera and filled
   */
  public void triangulate(DecodedMaps decoded, CameraModel camera, RigidTransform worldToCamera,
      CameraModel projector, RigidTransform worldToProjector, TriangulatedView out) {
    TriangulationPasses.checkSize(decoded, camera, "decoded maps");
    RigidTransform cameraToWorld = worldToCamera.invert();
    RigidTransform cameraToProjector = cameraToWorld.then(worldToProjector);
    RigidTransform projectorToCamera = cameraToProjector.invert();
    TwoViewTriangulation tv = TriangulationPasses.between(camera, cameraToProjector, projector);
    PixelRays table = passes.rays(camera);
    out.reset(camera, worldToCamera);
    double minCosAngle = Math.cos(config.minTriangulationAngleRad());
    double minSinAngle = Math.sin(config.minTriangulationAngleRad());
    passes.firstPass(camera.width(), camera.height(), (x, y, buf) -> {
      TriangulationRejection why = pixel(decoded, table, tv, projector, cameraToProjector,
          projectorToCamera, minCosAngle, minSinAngle, x, y, buf);
      Pass1.write(out, cameraToWorld, x, y, why, buf, decoded.confidence.data[decoded.confidence.indexOf(x, y)]);
    });
    passes.surfaceChecks(out, cameraToWorld, worldToProjector, config);
  }

  /**
   * First-pass triangulation of one pixel; on success {@code buf} holds the camera-frame point and, at
   * {@link TwoViewTriangulation#RAY_DISTANCE}, the ray distance.
   */
  private TriangulationRejection pixel(DecodedMaps decoded, PixelRays table, TwoViewTriangulation tv,
      CameraModel projector, RigidTransform cameraToProjector, RigidTransform projectorToCamera,
      double minCosAngle, double minSinAngle, int x, int y, double[] buf) {
    buf[TwoViewTriangulation.RAY_DISTANCE] = Double.NaN;
    if (decoded.mask.data[decoded.mask.indexOf(x, y)] == 0) {
      return TriangulationRejection.NOT_DECODED;
    }
    double pu = decoded.projU.data[decoded.projU.indexOf(x, y)];
    double pv = decoded.projV.data[decoded.projV.indexOf(x, y)];
    boolean hasU = Double.isFinite(pu);
    boolean hasV = Double.isFinite(pv);
    if (!hasU && !hasV) {
      return TriangulationRejection.NOT_DECODED;
    }
    int k = 2 * (y * table.camera.width() + x);
    double x1 = table.xy[k];
    double y1 = table.xy[k + 1];
    if (Double.isNaN(x1)) {
      return TriangulationRejection.NO_RAY;
    }
    if (hasU && hasV) {
      if (!projector.unproject(pu, pv, buf, 8)) {
        return TriangulationRejection.NO_RAY;
      }
      if (!tv.triangulate(config.method(), x1, y1, buf[8], buf[9], buf, 0)
          || buf[TwoViewTriangulation.COS_ANGLE] > minCosAngle) {
        return TriangulationRejection.BAD_GEOMETRY;
      }
      if (buf[TwoViewTriangulation.RAY_DISTANCE] > config.maxRayDistanceMm()) {
        return TriangulationRejection.RAY_DISTANCE;
      }
    } else {
      TriangulationRejection r = rayPlane(x1, y1, hasU, hasU ? pu : pv, projector, cameraToProjector,
          projectorToCamera, minSinAngle, buf);
      if (r != TriangulationRejection.NONE) {
        return r;
      }
    }
    double z = buf[2];
    if (z < config.minDepthMm() || z > config.maxDepthMm()) {
      return TriangulationRejection.DEPTH_RANGE;
    }
    return TriangulationRejection.NONE;
  }

  /**
   * Single-axis variant: camera ray (x1, y1, 1) against the projector rays of column {@code code} (or row,
   * when {@code column} is false). Writes the camera-frame point to buf[0..2] and ray distance 0.
   */
  private static TriangulationRejection rayPlane(double x1, double y1, boolean column, double code,
      CameraModel projector, RigidTransform cameraToProjector, RigidTransform projectorToCamera,
      double minSinAngle, double[] buf) {
    projectorToCamera.transformPoint(0, 0, 0, buf, 20); // projector centre in the camera frame
    double cx = buf[20];
    double cy = buf[21];
    double cz = buf[22];
    double other = column ? projector.cy() : projector.cx();
    for (int iter = 0; iter < PLANE_MAX_ITER; iter++) {
      double ua = column ? code : other - PLANE_HALF_SPAN_PX;
      double va = column ? other - PLANE_HALF_SPAN_PX : code;
      double ub = column ? code : other + PLANE_HALF_SPAN_PX;
      double vb = column ? other + PLANE_HALF_SPAN_PX : code;
      if (!projector.unproject(ua, va, buf, 8) || !projector.unproject(ub, vb, buf, 10)) {
        return TriangulationRejection.NO_RAY;
      }
      // plane normal (projector frame) = (a, 1) x (b, 1), turned into the camera frame
      double nx = buf[9] - buf[11];
      double ny = buf[10] - buf[8];
      double nz = buf[8] * buf[11] - buf[9] * buf[10];
      projectorToCamera.transformDirection(nx, ny, nz, buf, 12);
      double mx = buf[12];
      double my = buf[13];
      double mz = buf[14];
      double nd = mx * x1 + my * y1 + mz;
      double sin = Math.abs(nd) / (Math.sqrt(mx * mx + my * my + mz * mz) * Math.sqrt(x1 * x1 + y1 * y1 + 1));
      if (!(sin >= minSinAngle) || sin == 0) {
        return TriangulationRejection.BAD_GEOMETRY;
      }
      double s = (mx * cx + my * cy + mz * cz) / nd;
      if (!(s > 0)) {
        return TriangulationRejection.BAD_GEOMETRY;
      }
      buf[0] = s * x1;
      buf[1] = s * y1;
      buf[2] = s;
      cameraToProjector.transformPoint(buf[0], buf[1], buf[2], buf, 16);
      if (!projector.project(buf[16], buf[17], buf[18], buf, 24)) {
        return TriangulationRejection.BAD_GEOMETRY;
      }
      double next = column ? buf[25] : buf[24];
      boolean settled = Math.abs(next - other) < PLANE_TOL_PX;
      other = next;
      if (settled) {
        buf[TwoViewTriangulation.RAY_DISTANCE] = 0;
        return TriangulationRejection.NONE;
      }
    }
    return TriangulationRejection.NO_RAY;
  }

  /** Stops the worker pool. */
  @Override
  public void close() {
    passes.close();
  }
}
