package org.dpface.reconstruction.triangulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.Meshes;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.core.raster.RenderTarget;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.Rejection;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;

/**
 * Test ground truth without image formation: a head-sized ellipsoid at the virtual-8cam subject centre is
 * rasterized into a camera and the projector; every camera pixel's world point (from the planar depth) is
 * projected into the projector, giving exact projector coordinates, kept where the projector sees that
 * point (its depth agrees), then optionally perturbed by seeded Gaussian noise.
 */
final class TriangulationScene {
  /** Semi-axes (mm) of the head-like ellipsoid: width, height, depth. */
  static final double RX = 80;
  static final double RY = 110;
  static final double RZ = 95;
  static final double[] CENTRE = {0, 0, 970};
  /** Projector depth must agree within this (mm) for a point to count as lit. */
  static final double VISIBILITY_TOL_MM = 1.0;
  /** Decoder confidence given to every decoded pixel. */
  static final float DECODER_CONFIDENCE = 0.9f;

  static final RigDescription RIG = load();
  static final TriangleMesh HEAD = Meshes.ellipsoid(6, RX, RY, RZ, CENTRE[0], CENTRE[1], CENTRE[2]);

  /** Per camera pixel: the true world point (NaN where the camera sees nothing lit) and the decoded maps. */
  static final class Truth {
    final CameraModel camera;
    final RigidTransform worldToCamera;
    final double[] world;
    final double[] depth;
    final DecodedMaps decoded = new DecodedMaps();

    Truth(CameraModel camera, RigidTransform worldToCamera) {
      this.camera = camera;
      this.worldToCamera = worldToCamera;
      world = new double[3 * camera.width() * camera.height()];
      depth = new double[camera.width() * camera.height()];
      Arrays.fill(world, Double.NaN);
    }

    boolean valid(int x, int y) {
      return !Double.isNaN(world[3 * (y * camera.width() + x)]);
    }

    int countValid() {
      int n = 0;
      for (double d : depth) {
        n += d > 0 ? 1 : 0;
      }
      return n;
    }
  }

  private TriangulationScene() {}

  private static RigDescription load() {
    try {
      return BundledRigs.load("virtual-8cam");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CameraModel camera(int i) {
    return RIG.cameras().get(i).nominalModel();
  }

  static RigidTransform worldToCamera(int i) {
    return RIG.cameras().get(i).worldToCamera();
  }

  static CameraModel projector() {
    return RIG.projectors().get(0).nominalModel();
  }

  static RigidTransform worldToProjector() {
    return RIG.projectors().get(0).worldToProjector();
  }

  /** Same intrinsics with OpenCV distortion k1 k2 p1 p2 k3. */
  static CameraModel distorted(CameraModel m, double... d) {
    return new CameraModel(m.width(), m.height(), m.fx(), m.fy(), m.cx(), m.cy(), d);
  }

  /** Ground truth and decoded maps for one camera; noise (px, per axis) seeded by {@code seed}. */
  static Truth decode(CameraModel cam, RigidTransform worldToCam, CameraModel proj, RigidTransform worldToProj,
      double noisePx, long seed) {
    RenderTarget camTarget;
    RenderTarget projTarget;
    try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(1))) {
      camTarget = r.render(HEAD, cam, worldToCam);
      projTarget = r.render(HEAD, proj, worldToProj);
    }
    Truth t = new Truth(cam, worldToCam);
    DecodedMaps d = t.decoded;
    d.reshape(cam.width(), cam.height());
    RigidTransform camToWorld = worldToCam.invert();
    Random rnd = new Random(seed);
    double[] b = new double[9];
    for (int y = 0; y < cam.height(); y++) {
      for (int x = 0; x < cam.width(); x++) {
        d.projU.set(x, y, Float.NaN);
        d.projV.set(x, y, Float.NaN);
        d.mask.set(x, y, 0);
        d.confidence.set(x, y, 0);
        d.reason.set(x, y, Rejection.SHADOW.code());
        float z = camTarget.depth.get(x, y);
        if (!(z > 0)) {
          continue;
        }
        cam.backProject(x, y, z, b, 0);
        camToWorld.transformPoint(b[0], b[1], b[2], b, 3);
        worldToProj.transformPoint(b[3], b[4], b[5], b, 6);
        if (!proj.project(b[6], b[7], b[8], b, 0) || !proj.isInside(b[0], b[1])) {
          continue;
        }
        int pu = (int) Math.round(b[0]);
        int pv = (int) Math.round(b[1]);
        float pd = projTarget.depth.get(Math.min(pu, proj.width() - 1), Math.min(pv, proj.height() - 1));
        if (!(pd > 0) || Math.abs(pd - b[8]) > VISIBILITY_TOL_MM) {
          continue;
        }
        int k = y * cam.width() + x;
        System.arraycopy(b, 3, t.world, 3 * k, 3);
        t.depth[k] = z;
        d.projU.set(x, y, (float) (b[0] + noisePx * rnd.nextGaussian()));
        d.projV.set(x, y, (float) (b[1] + noisePx * rnd.nextGaussian()));
        d.mask.set(x, y, 1);
        d.confidence.set(x, y, DECODER_CONFIDENCE);
        d.reason.set(x, y, Rejection.NONE.code());
      }
    }
    return t;
  }
}
