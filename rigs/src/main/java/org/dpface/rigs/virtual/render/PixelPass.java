package org.dpface.rigs.virtual.render;

import java.util.List;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.raster.RayTable;

/**
 * The per-pixel pass of {@link SceneLookup#compute}: one band of rows at a time, each band with its
 * own scratch arrays (no per-pixel allocation). Writes only its own rows, so bands run in parallel.
 */
final class PixelPass {
  private final SceneLookup lookup;
  private final RayTable rays;
  private final SurfaceAlbedo albedoFn;
  private final ProjectorSource[] projectors;
  private final LightSource[] lights;
  private final boolean lightShadows;
  private final double[] c2w = new double[12];
  private final double[] cameraCentre;

  PixelPass(SceneLookup lookup, IlluminationScene scene, RayTable rays, RigidTransform cameraToWorld,
      SurfaceAlbedo albedoFn) {
    this.lookup = lookup;
    this.rays = rays;
    this.albedoFn = albedoFn;
    List<ProjectorSource> p = scene.projectors();
    this.projectors = p.toArray(new ProjectorSource[0]);
    this.lights = scene.lights().toArray(new LightSource[0]);
    this.lightShadows = scene.lightShadows();
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        c2w[r * 4 + c] = cameraToWorld.r(r, c);
      }
      c2w[r * 4 + 3] = cameraToWorld.t(r);
    }
    this.cameraCentre = cameraToWorld.originInTarget();
  }

  void run(int row0, int row1) {
    int w = lookup.width();
    float[] rgb = new float[3];
    double[] tmp = new double[3];
    double[] px = new double[2];
    float[] depth = lookup.depth.data;
    float[] nrm = lookup.normal.data;
    float[] wp = lookup.worldPoint.data;
    float[] alb = lookup.albedoRgb.data;
    float[] gray = lookup.albedo.data;
    byte[] mask = lookup.mask.data;
    int[] tri = lookup.triangleId.data;
    float[] bary = lookup.barycentric.data;
    for (int v = row0; v < row1; v++) {
      for (int u = 0; u < w; u++) {
        int i = v * w + u;
        if (mask[i] == 0) {
          clear(i);
          continue;
        }
        double z = depth[i];
        double xc = rays.x(u, v) * z;
        double yc = rays.y(u, v) * z;
        double xw = c2w[0] * xc + c2w[1] * yc + c2w[2] * z + c2w[3];
        double yw = c2w[4] * xc + c2w[5] * yc + c2w[6] * z + c2w[7];
        double zw = c2w[8] * xc + c2w[9] * yc + c2w[10] * z + c2w[11];
        wp[3 * i] = (float) xw;
        wp[3 * i + 1] = (float) yw;
        wp[3 * i + 2] = (float) zw;
        double ncx = nrm[3 * i];
        double ncy = nrm[3 * i + 1];
        double ncz = nrm[3 * i + 2];
        double nx = c2w[0] * ncx + c2w[1] * ncy + c2w[2] * ncz;
        double ny = c2w[4] * ncx + c2w[5] * ncy + c2w[6] * ncz;
        double nz = c2w[8] * ncx + c2w[9] * ncy + c2w[10] * ncz;
        int t = tri[i];
        albedoFn.albedoAt(t, bary[2 * i], bary[2 * i + 1], rgb, 0);
        alb[3 * i] = rgb[0];
        alb[3 * i + 1] = rgb[1];
        alb[3 * i + 2] = rgb[2];
        gray[i] = SceneLookup.LUMA[0] * rgb[0] + SceneLookup.LUMA[1] * rgb[1] + SceneLookup.LUMA[2] * rgb[2];
        for (int p = 0; p < projectors.length; p++) {
          projector(p, i, t, xw, yw, zw, nx, ny, nz, tmp, px);
        }
        // Unit direction from the point to the camera, for the halfway vector.
        double vx = cameraCentre[0] - xw;
        double vy = cameraCentre[1] - yw;
        double vz = cameraCentre[2] - zw;
        double vn = Math.sqrt(vx * vx + vy * vy + vz * vz);
        vx /= vn;
        vy /= vn;
        vz /= vn;
        for (int l = 0; l < lights.length; l++) {
          light(l, i, t, xw, yw, zw, nx, ny, nz, vx, vy, vz, tmp, px);
        }
      }
    }
  }

  private void projector(int p, int i, int t, double xw, double yw, double zw, double nx, double ny, double nz,
      double[] tmp, double[] px) {
    ProjectorSource src = projectors[p];
    SceneLookup.ProjectorMaps m = lookup.projector(p);
    ShadowView view = src.view();
    view.worldToView().transformPoint(xw, yw, zw, tmp, 0);
    double zp = tmp[2];
    CameraModel model = view.model();
    if (!(zp > 0) || !model.project(tmp[0], tmp[1], zp, px, 0)) {
      m.uv.data[2 * i] = Float.NaN;
      m.uv.data[2 * i + 1] = Float.NaN;
      m.lit.data[i] = 0;
      m.geometry.data[i] = 0;
      m.depth.data[i] = 0;
      return;
    }
    double r = Math.sqrt(tmp[0] * tmp[0] + tmp[1] * tmp[1] + zp * zp);
    double lx = view.centre(0) - xw;
    double ly = view.centre(1) - yw;
    double lz = view.centre(2) - zw;
    double cosTheta = (nx * lx + ny * ly + nz * lz) / Math.sqrt(lx * lx + ly * ly + lz * lz);
    double cosAlpha = zp / r;
    double d0 = src.workingDistanceMm() / zp;
    m.uv.data[2 * i] = (float) px[0];
    m.uv.data[2 * i + 1] = (float) px[1];
    m.depth.data[i] = (float) zp;
    m.geometry.data[i] = cosTheta > 0 ? (float) (d0 * d0 * cosTheta / cosAlpha) : 0f;
    boolean lit = cosTheta > 0 && model.isInside(px[0], px[1]) && view.isLit(px[0], px[1], zp, t, cosTheta);
    m.lit.data[i] = (byte) (lit ? 1 : 0);
  }

  private void light(int l, int i, int t, double xw, double yw, double zw, double nx, double ny, double nz,
      double vx, double vy, double vz, double[] tmp, double[] px) {
    LightSource src = lights[l];
    SceneLookup.LightMaps m = lookup.light(l);
    double lx;
    double ly;
    double lz;
    double falloff;
    if (src.isDirectional()) {
      lx = src.vector(0);
      ly = src.vector(1);
      lz = src.vector(2);
      falloff = 1;
    } else {
      lx = src.vector(0) - xw;
      ly = src.vector(1) - yw;
      lz = src.vector(2) - zw;
      double r = Math.sqrt(lx * lx + ly * ly + lz * lz);
      lx /= r;
      ly /= r;
      lz /= r;
      falloff = src.referenceDistanceMm() / r;
      falloff *= falloff;
    }
    double ndl = nx * lx + ny * ly + nz * lz;
    m.shading.data[i] = ndl > 0 ? (float) (ndl * falloff) : 0f;
    double hx = lx + vx;
    double hy = ly + vy;
    double hz = lz + vz;
    double hn = Math.sqrt(hx * hx + hy * hy + hz * hz);
    double ndh = hn > 0 ? (nx * hx + ny * hy + nz * hz) / hn : 0;
    m.halfway.data[i] = ndh > 0 ? (float) ndh : 0f;
    boolean lit = ndl > 0;
    if (lit && lightShadows) {
      ShadowView view = src.shadow();
      view.worldToView().transformPoint(xw, yw, zw, tmp, 0);
      lit = tmp[2] > 0 && view.model().project(tmp[0], tmp[1], tmp[2], px, 0)
          && view.isLit(px[0], px[1], tmp[2], t, ndl);
    }
    m.lit.data[i] = (byte) (lit ? 1 : 0);
  }

  private void clear(int i) {
    lookup.worldPoint.data[3 * i] = 0;
    lookup.worldPoint.data[3 * i + 1] = 0;
    lookup.worldPoint.data[3 * i + 2] = 0;
    lookup.albedoRgb.data[3 * i] = 0;
    lookup.albedoRgb.data[3 * i + 1] = 0;
    lookup.albedoRgb.data[3 * i + 2] = 0;
    lookup.albedo.data[i] = 0;
    for (int p = 0; p < projectors.length; p++) {
      SceneLookup.ProjectorMaps m = lookup.projector(p);
      m.uv.data[2 * i] = Float.NaN;
      m.uv.data[2 * i + 1] = Float.NaN;
      m.lit.data[i] = 0;
      m.geometry.data[i] = 0;
      m.depth.data[i] = 0;
    }
    for (int l = 0; l < lights.length; l++) {
      SceneLookup.LightMaps m = lookup.light(l);
      m.shading.data[i] = 0;
      m.lit.data[i] = 0;
      m.halfway.data[i] = 0;
    }
  }
}
