package org.dpface.core.raster;

/**
 * Inner loops of {@link Rasterizer} for one band of rows: clear, exact per-pixel triangle test with
 * z-buffering, then the resolve pass (normals, mask, zeros at invalid pixels). Bands are disjoint, so
 * any number run concurrently without synchronisation; per-pixel arithmetic never depends on the band
 * split, which makes the output identical for every thread count and band height.
 */
final class BandRenderer {
  private final int width;
  private final float[] rays;
  private final float[] depth;
  private final int[] ids;
  private final float[] bary;
  private final float[] normal;
  private final byte[] mask;
  private final double[] coef;
  private final int[] box;
  private final float[] faceNormal;
  private final int[] bins;
  private final int[] binStart;
  private final int[] faces;
  private final double[] camNormals;
  private final double near;
  private final double far;

  BandRenderer(RayTable table, RenderTarget target, double[] coef, int[] box, float[] faceNormal, int[] bins,
      int[] binStart, int[] faces, double[] camNormals, double near, double far) {
    this.width = table.width();
    this.rays = table.xy;
    this.depth = target.depth.data;
    this.ids = target.triangleId.data;
    this.bary = target.barycentric.data;
    this.normal = target.normal.data;
    this.mask = target.mask.data;
    this.coef = coef;
    this.box = box;
    this.faceNormal = faceNormal;
    this.bins = bins;
    this.binStart = binStart;
    this.faces = faces;
    this.camNormals = camNormals;
    this.near = near;
    this.far = far;
  }

  /** Renders rows [r0, r1) from the triangles of {@code band}. */
  void renderRows(int band, int r0, int r1) {
    int p0 = r0 * width;
    int p1 = r1 * width;
    for (int p = p0; p < p1; p++) {
      depth[p] = Float.POSITIVE_INFINITY;
      ids[p] = RenderTarget.NO_TRIANGLE;
    }
    for (int k = binStart[band], end = binStart[band + 1]; k < end; k++) {
      rasterize(bins[k], r0, r1);
    }
    resolve(p0, p1);
  }

  private void rasterize(int t, int r0, int r1) {
    int o = t * TriangleSetup.COEF;
    double e0x = coef[o], e0y = coef[o + 1], e0z = coef[o + 2];
    double e1x = coef[o + 3], e1y = coef[o + 4], e1z = coef[o + 5];
    double e2x = coef[o + 6], e2y = coef[o + 7], e2z = coef[o + 8];
    double det = coef[o + 9];
    int b = t * TriangleSetup.BOX;
    int c0 = box[b];
    int c1 = box[b + 1];
    int ya = Math.max(box[b + 2], r0);
    int yb = Math.min(box[b + 3], r1 - 1);
    for (int y = ya; y <= yb; y++) {
      int p = y * width + c0;
      for (int x = c0; x <= c1; x++, p++) {
        double dx = rays[2 * p];
        double dy = rays[2 * p + 1];
        // Negated comparisons also reject NaN rays (pixels whose undistortion failed).
        double w0 = e0x * dx + e0y * dy + e0z;
        if (!(w0 >= 0)) {
          continue;
        }
        double w1 = e1x * dx + e1y * dy + e1z;
        if (!(w1 >= 0)) {
          continue;
        }
        double w2 = e2x * dx + e2y * dy + e2z;
        if (!(w2 >= 0)) {
          continue;
        }
        double sum = w0 + w1 + w2;
        if (!(sum > 0)) {
          continue;
        }
        double z = det / sum;
        if (!(z > near) || z > far) {
          continue;
        }
        float zf = (float) z;
        float zb = depth[p];
        if (zf < zb || (zf == zb && t < ids[p])) {
          depth[p] = zf;
          ids[p] = t;
          double inv = 1.0 / sum;
          bary[2 * p] = (float) (w1 * inv);
          bary[2 * p + 1] = (float) (w2 * inv);
        }
      }
    }
  }

  private void resolve(int p0, int p1) {
    for (int p = p0; p < p1; p++) {
      int t = ids[p];
      int q = 3 * p;
      if (t < 0) {
        depth[p] = 0;
        mask[p] = 0;
        bary[2 * p] = 0;
        bary[2 * p + 1] = 0;
        normal[q] = 0;
        normal[q + 1] = 0;
        normal[q + 2] = 0;
        continue;
      }
      mask[p] = (byte) RenderTarget.MASK_VALID;
      if (camNormals != null && interpolateNormal(t, p, q)) {
        continue;
      }
      normal[q] = faceNormal[3 * t];
      normal[q + 1] = faceNormal[3 * t + 1];
      normal[q + 2] = faceNormal[3 * t + 2];
    }
  }

  /** Interpolated, re-normalised and oriented vertex normal; false if it vanishes. */
  private boolean interpolateNormal(int t, int p, int q) {
    double b1 = bary[2 * p];
    double b2 = bary[2 * p + 1];
    double b0 = 1 - b1 - b2;
    int i0 = 3 * faces[3 * t];
    int i1 = 3 * faces[3 * t + 1];
    int i2 = 3 * faces[3 * t + 2];
    double nx = b0 * camNormals[i0] + b1 * camNormals[i1] + b2 * camNormals[i2];
    double ny = b0 * camNormals[i0 + 1] + b1 * camNormals[i1 + 1] + b2 * camNormals[i2 + 1];
    double nz = b0 * camNormals[i0 + 2] + b1 * camNormals[i1 + 2] + b2 * camNormals[i2 + 2];
    double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
    if (!(len > 1e-12)) {
      return false;
    }
    // Orient toward the camera: n · (x', y', 1) < 0, i.e. n · X < 0 for X = Z (x', y', 1).
    double dot = nx * rays[2 * p] + ny * rays[2 * p + 1] + nz;
    double k = (dot > 0 ? -1 : 1) / len;
    normal[q] = (float) (nx * k);
    normal[q + 1] = (float) (ny * k);
    normal[q + 2] = (float) (nz * k);
    return true;
  }
}
