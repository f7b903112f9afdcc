package org.dpface.reconstruction.fuse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.image.GrayF32;
import org.dpface.core.mesh.Meshes;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.core.raster.RenderTarget;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;

/**
 * Synthetic fusion scene: a head-sized ellipsoid at the virtual-8cam subject centre, rendered exactly
 * by the core rasterizer into the 8 cameras (optionally scaled down), with optional seeded depth noise.
 */
final class FusionScene {
  static final double RX = 75;
  static final double RY = 100;
  static final double RZ = 90;
  static final double CZ = 970;

  final TriangleMesh truth;
  final List<DepthView> views = new ArrayList<>();
  /** True-mesh vertices seen (as a corner of a rendered triangle) by at least one camera. */
  final boolean[] visible;

  FusionScene(TriangleMesh truth, double scale, double noiseSigmaMm, long seed) {
    this.truth = truth;
    this.visible = new boolean[truth.vertexCount()];
    RigDescription rig;
    try {
      rig = BundledRigs.load("virtual-8cam");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(1))) {
      for (CameraSpec c : rig.cameras()) {
        CameraModel full = c.nominalModel();
        int w = (int) Math.round(full.width() * scale);
        int h = (int) Math.round(full.height() * scale);
        CameraModel cam = full.scaled(scale, w, h);
        RenderTarget t = r.render(truth, cam, c.worldToCamera());
        GrayF32 depth = t.depth.copy();
        for (int v = 0; v < h; v++) {
          for (int u = 0; u < w; u++) {
            int i = depth.indexOf(u, v);
            if (depth.data[i] > 0 && noiseSigmaMm > 0) {
              depth.data[i] += (float) (noiseSigmaMm * rnd.nextGaussian());
            }
            int tri = t.triangleId.data[t.triangleId.indexOf(u, v)];
            if (tri >= 0) {
              for (int k = 0; k < 3; k++) {
                visible[truth.faces[3 * tri + k]] = true;
              }
            }
          }
        }
        views.add(new DepthView(c.id(), cam, c.worldToCamera(), depth, null));
      }
    }
  }

  static TriangleMesh head(int subdivisions) {
    return Meshes.ellipsoid(subdivisions, RX, RY, RZ, 0, 0, CZ);
  }
}
