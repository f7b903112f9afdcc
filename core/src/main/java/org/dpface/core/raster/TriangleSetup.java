package org.dpface.core.raster;

import org.dpface.core.camera.CameraModel;

/**
 * Per-triangle setup of {@link Rasterizer}: homogeneous edge functions and the conservative pixel
 * bounding box. One instance per worker thread (its clipping buffers are scratch); no allocation per
 * triangle.
 *
 * <p>Edge functions (Olano and Greer, "Triangle scan conversion using 2D homogeneous coordinates",
 * Graphics Hardware 1997): with camera-frame vertices P0, P1, P2 and a pixel ray d = (x', y', 1),
 * {@code w0 = d · (P1 × P2)}, {@code w1 = d · (P2 × P0)}, {@code w2 = d · (P0 × P1)} and {@code det =
 * P0 · (P1 × P2)}. The ray meets the triangle in front of the camera iff w0, w1, w2 all have the sign
 * of det; then the hit has planar depth Z = det / (w0 + w1 + w2) and perspective-correct barycentrics
 * w_i / (w0 + w1 + w2). This needs no division by vertex depth, so it stays exact for triangles that
 * cross the near plane or reach behind the camera. An edge shared by two triangles gets the exactly
 * negated function in its neighbour (P1 × P2 = -(P2 × P1) holds bit for bit in IEEE arithmetic), so
 * the mesh renders without cracks or double hits, apart from exact ties which the z-test resolves.
 *
 * <p>Bounding box: the triangle is clipped against the near plane (3D) and then, in the normalized
 * image plane where its edges are straight, against the camera's field rectangle ({@link RayTable});
 * the remaining polygon is projected to pixels. Undistorted cameras project its vertices (edges stay
 * straight; margin {@value #PINHOLE_MARGIN_PX} px). Distorted cameras sample every edge at most every
 * {@link RasterConfig#distortedSegmentPx()} pixels and add {@link RasterConfig#distortedMarginPx()},
 * since distortion bends the edges in pixel space.
 */
final class TriangleSetup {
  /** Doubles per triangle in the coefficient array: e0 (3), e1 (3), e2 (3), det. */
  static final int COEF = 10;
  /** Ints per triangle in the box array: col0, col1, row0, row1 (inclusive; row0 > row1 = skipped). */
  static final int BOX = 4;
  /** Bounding-box margin for undistorted cameras (straight edges; covers rounding only). */
  static final double PINHOLE_MARGIN_PX = 0.01;
  private static final int MAX_POLY = 16;
  private static final int MAX_SEGMENTS = 4096;

  private final double[] ax = new double[MAX_POLY];
  private final double[] ay = new double[MAX_POLY];
  private final double[] az = new double[MAX_POLY];
  private final double[] bx = new double[MAX_POLY];
  private final double[] by = new double[MAX_POLY];
  private final double[] tmp = new double[2];
  private final double[] tx = new double[3];
  private final double[] ty = new double[3];
  private final double[] tz = new double[3];

  private double[] cam;
  private int[] faces;
  private CameraModel camera;
  private RayTable table;
  private RasterConfig cfg;
  private double[] coef;
  private int[] box;
  private float[] faceNormal;

  /** Binds the per-render inputs and outputs (arrays owned by the rasterizer). */
  void bind(double[] camVertices, int[] meshFaces, CameraModel cameraModel, RayTable rays, RasterConfig config,
      double[] coefOut, int[] boxOut, float[] faceNormalOut) {
    this.cam = camVertices;
    this.faces = meshFaces;
    this.camera = cameraModel;
    this.table = rays;
    this.cfg = config;
    this.coef = coefOut;
    this.box = boxOut;
    this.faceNormal = faceNormalOut;
  }

  /** Sets up triangles [from, to). */
  void run(int from, int to) {
    for (int t = from; t < to; t++) {
      setup(t);
    }
  }

  private void setup(int t) {
    int bo = t * BOX;
    box[bo] = 0;
    box[bo + 1] = -1;
    box[bo + 2] = 0;
    box[bo + 3] = -1;
    int ia = faces[3 * t] * 3;
    int ib = faces[3 * t + 1] * 3;
    int ic = faces[3 * t + 2] * 3;
    double x0 = cam[ia], y0 = cam[ia + 1], z0 = cam[ia + 2];
    double x1 = cam[ib], y1 = cam[ib + 1], z1 = cam[ib + 2];
    double x2 = cam[ic], y2 = cam[ic + 1], z2 = cam[ic + 2];
    double zMin = Math.min(z0, Math.min(z1, z2));
    double zMax = Math.max(z0, Math.max(z1, z2));
    if (!(zMax > cfg.nearMm()) || !(zMin <= cfg.farMm())) {
      return;
    }
    // e0 = P1 x P2, e1 = P2 x P0, e2 = P0 x P1
    double e0x = y1 * z2 - z1 * y2, e0y = z1 * x2 - x1 * z2, e0z = x1 * y2 - y1 * x2;
    double e1x = y2 * z0 - z2 * y0, e1y = z2 * x0 - x2 * z0, e1z = x2 * y0 - y2 * x0;
    double e2x = y0 * z1 - z0 * y1, e2y = z0 * x1 - x0 * z1, e2z = x0 * y1 - y0 * x1;
    double det = x0 * e0x + y0 * e0y + z0 * e0z;
    if (det == 0 || !Double.isFinite(det)) {
      return; // seen edge-on (zero image area) or non-finite input
    }
    // det < 0: counter-clockwise as seen from the camera, i.e. the outside faces the camera.
    if ((cfg.cull() == RasterConfig.CullMode.BACK && det > 0)
        || (cfg.cull() == RasterConfig.CullMode.FRONT && det < 0)) {
      return;
    }
    if (!computeBox(x0, y0, z0, x1, y1, z1, x2, y2, z2, zMin, bo)) {
      box[bo + 1] = -1;
      box[bo + 3] = -1;
      return;
    }
    double s = det > 0 ? 1 : -1; // exact sign flip keeps shared edges exactly antisymmetric
    int o = t * COEF;
    coef[o] = s * e0x;
    coef[o + 1] = s * e0y;
    coef[o + 2] = s * e0z;
    coef[o + 3] = s * e1x;
    coef[o + 4] = s * e1y;
    coef[o + 5] = s * e1z;
    coef[o + 6] = s * e2x;
    coef[o + 7] = s * e2y;
    coef[o + 8] = s * e2z;
    coef[o + 9] = s * det;
    // Face normal (P1 - P0) x (P2 - P0); its dot with P0 equals det, so -s orients it toward the camera.
    double ux = x1 - x0, uy = y1 - y0, uz = z1 - z0;
    double vx = x2 - x0, vy = y2 - y0, vz = z2 - z0;
    double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
    double k = len > 0 ? -s / len : 0;
    faceNormal[3 * t] = (float) (nx * k);
    faceNormal[3 * t + 1] = (float) (ny * k);
    faceNormal[3 * t + 2] = (float) (nz * k);
  }

  /** Writes the clipped pixel box at {@code bo}; false if the triangle misses the image. */
  private boolean computeBox(double x0, double y0, double z0, double x1, double y1, double z1, double x2,
      double y2, double z2, double zMin, int bo) {
    double near = cfg.nearMm();
    int n;
    if (zMin > near) {
      ax[0] = x0 / z0;
      ay[0] = y0 / z0;
      ax[1] = x1 / z1;
      ay[1] = y1 / z1;
      ax[2] = x2 / z2;
      ay[2] = y2 / z2;
      n = 3;
    } else {
      n = clipNear(x0, y0, z0, x1, y1, z1, x2, y2, z2, near);
      if (n < 3) {
        return false;
      }
    }
    double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      minX = Math.min(minX, ax[i]);
      maxX = Math.max(maxX, ax[i]);
      minY = Math.min(minY, ay[i]);
      maxY = Math.max(maxY, ay[i]);
    }
    if (maxX < table.minX || minX > table.maxX || maxY < table.minY || minY > table.maxY) {
      return false;
    }
    double uMin = Double.POSITIVE_INFINITY, uMax = Double.NEGATIVE_INFINITY;
    double vMin = Double.POSITIVE_INFINITY, vMax = Double.NEGATIVE_INFINITY;
    double margin;
    double fx = camera.fx(), fy = camera.fy(), cx = camera.cx(), cy = camera.cy();
    if (!camera.isDistorted()) {
      // Straight edges: the vertex hull bounds the image; clamping to the image replaces the field clip.
      uMin = fx * minX + cx;
      uMax = fx * maxX + cx;
      vMin = fy * minY + cy;
      vMax = fy * maxY + cy;
      margin = PINHOLE_MARGIN_PX;
    } else {
      if (minX < table.minX || maxX > table.maxX || minY < table.minY || maxY > table.maxY) {
        n = clipToField(n);
        if (n < 3) {
          return false;
        }
      }
      double seg = cfg.distortedSegmentPx();
      camera.distortNormalized(ax[n - 1], ay[n - 1], tmp, 0);
      double pu = fx * tmp[0] + cx, pv = fy * tmp[1] + cy;
      for (int i = 0; i < n; i++) {
        double sx = ax[(i + n - 1) % n], sy = ay[(i + n - 1) % n];
        camera.distortNormalized(ax[i], ay[i], tmp, 0);
        double qu = fx * tmp[0] + cx, qv = fy * tmp[1] + cy;
        uMin = Math.min(uMin, qu);
        uMax = Math.max(uMax, qu);
        vMin = Math.min(vMin, qv);
        vMax = Math.max(vMax, qv);
        int segments = (int) Math.min(MAX_SEGMENTS, Math.ceil(Math.hypot(qu - pu, qv - pv) / seg));
        for (int k = 1; k < segments; k++) {
          double f = (double) k / segments;
          camera.distortNormalized(sx + f * (ax[i] - sx), sy + f * (ay[i] - sy), tmp, 0);
          double mu = fx * tmp[0] + cx, mv = fy * tmp[1] + cy;
          uMin = Math.min(uMin, mu);
          uMax = Math.max(uMax, mu);
          vMin = Math.min(vMin, mv);
          vMax = Math.max(vMax, mv);
        }
        pu = qu;
        pv = qv;
      }
      margin = cfg.distortedMarginPx();
    }
    double c0 = Math.max(0, Math.ceil(uMin - margin));
    double c1 = Math.min(table.width() - 1, Math.floor(uMax + margin));
    double r0 = Math.max(0, Math.ceil(vMin - margin));
    double r1 = Math.min(table.height() - 1, Math.floor(vMax + margin));
    if (!(c0 <= c1) || !(r0 <= r1)) {
      return false;
    }
    box[bo] = (int) c0;
    box[bo + 1] = (int) c1;
    box[bo + 2] = (int) r0;
    box[bo + 3] = (int) r1;
    return true;
  }

  /**
   * Sutherland-Hodgman clip of the triangle against Z >= near, then projection to the normalized plane
   * into (ax, ay). Returns the vertex count (0, 3 or 4).
   */
  private int clipNear(double x0, double y0, double z0, double x1, double y1, double z1, double x2, double y2,
      double z2, double near) {
    double[] xs = tx;
    double[] ys = ty;
    double[] zs = tz;
    xs[0] = x0;
    xs[1] = x1;
    xs[2] = x2;
    ys[0] = y0;
    ys[1] = y1;
    ys[2] = y2;
    zs[0] = z0;
    zs[1] = z1;
    zs[2] = z2;
    int n = 0;
    for (int i = 0; i < 3; i++) {
      int j = (i + 1) % 3;
      boolean inI = zs[i] >= near;
      boolean inJ = zs[j] >= near;
      if (inI) {
        ax[n] = xs[i];
        ay[n] = ys[i];
        az[n] = zs[i];
        n++;
      }
      if (inI != inJ) {
        double f = (near - zs[i]) / (zs[j] - zs[i]);
        ax[n] = xs[i] + f * (xs[j] - xs[i]);
        ay[n] = ys[i] + f * (ys[j] - ys[i]);
        az[n] = near;
        n++;
      }
    }
    for (int i = 0; i < n; i++) {
      ax[i] /= az[i];
      ay[i] /= az[i];
    }
    return n;
  }

  /** Clips the normalized polygon (ax, ay, n) against the field rectangle; result back in (ax, ay). */
  private int clipToField(int n) {
    n = clipHalfPlane(ax, ay, n, bx, by, true, table.minX, true);
    n = clipHalfPlane(bx, by, n, ax, ay, true, table.maxX, false);
    n = clipHalfPlane(ax, ay, n, bx, by, false, table.minY, true);
    return clipHalfPlane(bx, by, n, ax, ay, false, table.maxY, false);
  }

  /** Keeps the part with coordinate (x if onX else y) >= bound (keepAbove) or <= bound. */
  private static int clipHalfPlane(double[] sx, double[] sy, int n, double[] dx, double[] dy, boolean onX,
      double bound, boolean keepAbove) {
    int m = 0;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      double ci = onX ? sx[i] : sy[i];
      double cj = onX ? sx[j] : sy[j];
      boolean inI = keepAbove ? ci >= bound : ci <= bound;
      boolean inJ = keepAbove ? cj >= bound : cj <= bound;
      if (inI) {
        dx[m] = sx[i];
        dy[m] = sy[i];
        m++;
      }
      if (inI != inJ) {
        double f = (bound - ci) / (cj - ci);
        dx[m] = onX ? bound : sx[i] + f * (sx[j] - sx[i]);
        dy[m] = onX ? sy[i] + f * (sy[j] - sy[i]) : bound;
        m++;
      }
    }
    return m;
  }
}
