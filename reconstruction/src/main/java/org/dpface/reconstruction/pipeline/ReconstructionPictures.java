package org.dpface.reconstruction.pipeline;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.InterleavedU8;
import org.dpface.core.io.Colormaps;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.core.raster.RayTable;
import org.dpface.core.raster.RenderTarget;
import org.dpface.reconstruction.struct.DecodedMaps;

/**
 * Review pictures of a reconstruction (8-bit RGB, allocated per call):
 *
 * <ul>
 *   <li>{@link #decoded}: projector u and v in the turbo colormap (0 at the left/top edge of the projector,
 *       its width/height at the right/bottom), side by side with the validity mask (white = decoded);
 *       undecoded pixels are black;
 *   <li>{@link #shaded}: the mesh rendered into a camera with the core {@link Rasterizer} and its face
 *       normals, shaded by a head light: gray = 40 + 215 |cos| of the angle between the normal and the
 *       viewing ray; background black.
 * </ul>
 */
public final class ReconstructionPictures {
  private static final int AMBIENT = 40;

  private ReconstructionPictures() {}

  /** u colour map | v colour map | validity, for a projector of the given size. */
  public static InterleavedU8 decoded(DecodedMaps d, int projectorWidth, int projectorHeight) {
    int w = d.width();
    int h = d.height();
    InterleavedU8 u = new InterleavedU8(w, h, 3);
    InterleavedU8 v = new InterleavedU8(w, h, 3);
    InterleavedU8 m = new InterleavedU8(w, h, 3);
    double su = 1.0 / Math.max(1, projectorWidth - 1);
    double sv = 1.0 / Math.max(1, projectorHeight - 1);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = u.indexOf(x, y);
        float pu = d.projU.data[d.projU.indexOf(x, y)];
        float pv = d.projV.data[d.projV.indexOf(x, y)];
        put(u.data, o, Float.isFinite(pu) ? Colormaps.turbo(pu * su) : 0);
        put(v.data, o, Float.isFinite(pv) ? Colormaps.turbo(pv * sv) : 0);
        put(m.data, o, d.mask.data[d.mask.indexOf(x, y)] != 0 ? 0xFFFFFF : 0);
      }
    }
    return org.dpface.core.io.Pictures.sideBySide(u, v, m);
  }

  /** {@code mesh} (world frame) seen by {@code camera} at {@code worldToCamera}, head-light shaded. */
  public static InterleavedU8 shaded(TriangleMesh mesh, CameraModel camera, RigidTransform worldToCamera,
      int threads) {
    int w = camera.width();
    int h = camera.height();
    InterleavedU8 out = new InterleavedU8(w, h, 3);
    if (mesh.faceCount() == 0) {
      return out;
    }
    RenderTarget t;
    RayTable rays;
    try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(threads))) {
      t = r.render(mesh, camera, worldToCamera);
      rays = r.rayTable(camera);
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (t.mask.data[t.mask.indexOf(x, y)] == 0) {
          continue;
        }
        int in = t.normal.indexOf(x, y);
        double rx = rays.x(x, y);
        double ry = rays.y(x, y);
        double cos = Math.abs(t.normal.data[in] * rx + t.normal.data[in + 1] * ry + t.normal.data[in + 2])
            / Math.sqrt(rx * rx + ry * ry + 1);
        int g = (int) Math.round(AMBIENT + (255 - AMBIENT) * Math.min(1, cos));
        put(out.data, out.indexOf(x, y), g * 0x010101);
      }
    }
    return out;
  }

  private static void put(byte[] d, int o, int rgb) {
    d[o] = (byte) (rgb >> 16);
    d[o + 1] = (byte) (rgb >> 8);
    d[o + 2] = (byte) rgb;
  }
}
