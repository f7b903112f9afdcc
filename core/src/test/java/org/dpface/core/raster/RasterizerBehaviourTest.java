package org.dpface.core.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;
import org.junit.jupiter.api.Test;

/** Occlusion, ties, orientation, culling, determinism across threads, and input checks. */
class RasterizerBehaviourTest {
  /** Barycentric reconstruction tolerance (mm) at ~1 m: float32 barycentrics (~6e-8) times ~500 mm. */
  static final double BARY_TOL_MM = 2e-3;

  static final CameraModel CAM = new CameraModel(120, 90, 110, 111, 59.7, 44.1, -0.2, 0.05, 1e-3, -5e-4, 0);
  static final double[] X = {1, 0, 0};
  static final double[] Y = {0, 1, 0};

  static TriangleMesh twoPlanes(boolean nearFirst) {
    TriangleMesh near = TestScenes.planeGrid(new double[] {-150, 0, 800}, X, Y, 250, 3);
    TriangleMesh far = TestScenes.planeGrid(new double[] {150, 20, 1000}, X, Y, 400, 5);
    return nearFirst ? TestScenes.concat(near, far) : TestScenes.concat(far, near);
  }

  @Test
  void nearerPlaneWinsAndBarycentricsRebuildThePoint() {
    RigidTransform worldToCamera = RigidTransform.fromRodrigues(new double[] {0.02, 0.03, -0.01},
        new double[] {5, 3, -2});
    try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(1))) {
      TriangleMesh a = twoPlanes(true).transformed(worldToCamera.invert());
      TriangleMesh b = twoPlanes(false).transformed(worldToCamera.invert());
      RenderTarget outA = r.render(a, CAM, worldToCamera);
      RenderTarget outB = r.render(b, CAM, worldToCamera);
      int nearFaces = 2 * 3 * 3;
      int nearWins = 0;
      double[] p = new double[3];
      for (int v = 0; v < CAM.height(); v++) {
        for (int u = 0; u < CAM.width(); u++) {
          assertEquals(outA.depth.get(u, v), outB.depth.get(u, v), 0.0, "order-independent depth");
          if (outA.mask.get(u, v) == 0) {
            continue;
          }
          int id = outA.triangleId.get(u, v);
          float z = outA.depth.get(u, v);
          boolean onNear = id < nearFaces;
          assertEquals(onNear, outB.triangleId.get(u, v) >= 2 * 5 * 5, "same surface in both orders");
          // The near plane is at Z ~ 800 (small rotation), the far one at ~1000.
          assertTrue(onNear ? z < 900 : z > 900, "wrong surface at " + u + "," + v + ": " + z);
          if (onNear) {
            nearWins++;
          }
          // Camera-frame point from the barycentrics vs the back-projected pixel.
          float b1 = outA.barycentric.get(u, v, 0);
          float b2 = outA.barycentric.get(u, v, 1);
          assertTrue(b1 >= 0 && b2 >= 0 && b1 + b2 <= 1 + 1e-6, "barycentrics " + b1 + ", " + b2);
          CAM.backProject(u, v, z, p, 0);
          double[] q = new double[3];
          for (int k = 0; k < 3; k++) {
            double w = k == 0 ? 1 - b1 - b2 : k == 1 ? b1 : b2;
            double[] vc = worldToCamera.apply(vertex(a, a.faces[3 * id + k]));
            for (int d = 0; d < 3; d++) {
              q[d] += w * vc[d];
            }
          }
          for (int d = 0; d < 3; d++) {
            assertEquals(p[d], q[d], BARY_TOL_MM, "barycentric point at " + u + "," + v);
          }
        }
      }
      assertTrue(nearWins > 500, "near plane visible at " + nearWins + " px");
    }
  }

  private static double[] vertex(TriangleMesh m, int i) {
    return new double[] {m.positions[3 * i], m.positions[3 * i + 1], m.positions[3 * i + 2]};
  }

  @Test
  void exactDepthTiesGoToTheLowerTriangleId() {
    TriangleMesh plane = TestScenes.planeGrid(new double[] {0, 0, 700}, X, Y, 2000, 2);
    TriangleMesh doubled = TestScenes.concat(plane, plane); // coincident copies: ids 8..15 tie with 0..7
    try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(1))) {
      RenderTarget out = r.render(doubled, CAM, RigidTransform.identity());
      RenderTarget single = r.render(plane, CAM, RigidTransform.identity());
      assertArrayEquals(single.triangleId.data, out.triangleId.data);
      assertArrayEquals(single.depth.data, out.depth.data);
    }
  }

  @Test
  void normalsFaceTheCameraFromInsideAndOutside() {
    TriangleMesh ball = TestScenes.icosphere(new double[] {0, 0, 0}, 500, 3);
    RigidTransform inside = RigidTransform.translation(10, -20, 30);
    TriangleMesh small = TestScenes.icosphere(new double[] {0, 0, 600}, 80, 3);
    for (RasterConfig.NormalMode mode : RasterConfig.NormalMode.values()) {
      try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(2).withNormals(mode))) {
        RenderTarget in = r.render(ball, CAM, inside); // only the inner (back) faces are visible
        assertEquals(CAM.width() * CAM.height(), in.countValid());
        assertFacingCamera(in, mode + " inside");
        RenderTarget out = r.render(small, CAM, RigidTransform.identity());
        assertTrue(out.countValid() > 300, "small sphere covers " + out.countValid() + " px");
        assertFacingCamera(out, mode + " outside");
      }
    }
    try (Rasterizer back = new Rasterizer(RasterConfig.defaults().withCull(RasterConfig.CullMode.BACK));
        Rasterizer front = new Rasterizer(RasterConfig.defaults().withCull(RasterConfig.CullMode.FRONT));
        Rasterizer none = new Rasterizer(RasterConfig.defaults())) {
      assertEquals(0, back.render(ball, CAM, inside).countValid(), "inside faces are back faces");
      assertEquals(CAM.width() * CAM.height(), front.render(ball, CAM, inside).countValid());
      // From outside, culling back faces changes nothing on a closed mesh; culling front faces shows
      // the far side, which lies behind the near one.
      RenderTarget all = none.render(small, CAM, RigidTransform.identity());
      RenderTarget culled = back.render(small, CAM, RigidTransform.identity());
      assertArrayEquals(all.triangleId.data, culled.triangleId.data);
      RenderTarget farSide = front.render(small, CAM, RigidTransform.identity());
      assertEquals(all.countValid(), farSide.countValid(), 2 * CAM.height(), "same silhouette up to rim pixels");
      for (int i = 0; i < all.depth.pixelCount(); i++) {
        if (all.mask.data[i] != 0 && farSide.mask.data[i] != 0) {
          assertTrue(farSide.depth.data[i] >= all.depth.data[i]);
        }
      }
    }
  }

  private static void assertFacingCamera(RenderTarget t, String what) {
    RayTable rays = new RayTable(CAM);
    for (int v = 0; v < CAM.height(); v++) {
      for (int u = 0; u < CAM.width(); u++) {
        double nx = t.normal.get(u, v, 0), ny = t.normal.get(u, v, 1), nz = t.normal.get(u, v, 2);
        if (t.mask.get(u, v) == 0) {
          assertEquals(0, nx * nx + ny * ny + nz * nz, 0.0, what + ": invalid pixel has a normal");
          continue;
        }
        assertEquals(1, Math.sqrt(nx * nx + ny * ny + nz * nz), 1e-6, what + ": unit normal");
        double dot = nx * rays.x(u, v) + ny * rays.y(u, v) + nz;
        assertTrue(dot < 0, what + ": normal faces away at " + u + "," + v);
      }
    }
  }

  @Test
  void multiThreadedOutputIsBitIdenticalToSingleThreaded() {
    TriangleMesh scene = TestScenes.concat(TestScenes.icosphere(new double[] {20, 0, 600}, 90, 4),
        twoPlanes(true));
    RigidTransform pose = RigidTransform.fromRodrigues(new double[] {0.05, 0.1, 0}, new double[] {0, 0, 50});
    RasterConfig base = RasterConfig.defaults().withNormals(RasterConfig.NormalMode.VERTEX_INTERPOLATED);
    RenderTarget ref;
    try (Rasterizer one = new Rasterizer(base.withThreads(1))) {
      ref = one.render(scene, CAM, pose);
    }
    ForkJoinPool shared = new ForkJoinPool(3);
    try (Rasterizer four = new Rasterizer(base.withThreads(4).withBandHeight(3));
        Rasterizer pooled = new Rasterizer(base.withThreads(3).withBandHeight(1), shared)) {
      for (Rasterizer r : new Rasterizer[] {four, pooled}) {
        RenderTarget t = r.render(scene, CAM, pose);
        assertArrayEquals(ref.depth.data, t.depth.data);
        assertArrayEquals(ref.normal.data, t.normal.data);
        assertArrayEquals(ref.triangleId.data, t.triangleId.data);
        assertArrayEquals(ref.barycentric.data, t.barycentric.data);
        assertArrayEquals(ref.mask.data, t.mask.data);
      }
    } finally {
      shared.shutdown();
    }
  }

  @Test
  void targetIsReusedAndInvalidInputIsRejected() {
    TriangleMesh plane = TestScenes.planeGrid(new double[] {0, 0, 700}, X, Y, 2000, 2);
    try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(1))) {
      RenderTarget target = new RenderTarget(CAM.width(), CAM.height());
      float[] depth = target.depth.data;
      r.render(plane, CAM, RigidTransform.identity(), target);
      CameraModel smaller = CAM.scaled(0.5, CAM.width() / 2, CAM.height() / 2);
      target.reshape(smaller.width(), smaller.height());
      r.render(plane, smaller, RigidTransform.identity(), target);
      assertSame(depth, target.depth.data, "reshape must reuse the arrays");
      assertSame(r.rayTable(smaller), r.rayTable(smaller), "ray tables are cached");

      IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
          () -> r.render(plane, CAM, RigidTransform.identity(), target));
      assertTrue(size.getMessage().contains("reshape"), size.getMessage());
      target.reshape(CAM.width(), CAM.height());
      target.normal.reshape(CAM.width(), 3);
      assertThrows(IllegalArgumentException.class, () -> r.render(plane, CAM, RigidTransform.identity(), target));
      assertThrows(NullPointerException.class, () -> r.render(null, CAM, RigidTransform.identity()));
      assertThrows(NullPointerException.class, () -> r.render(plane, null, RigidTransform.identity()));
      assertThrows(NullPointerException.class, () -> r.render(plane, CAM, null));
    }
    try (Rasterizer smooth = new Rasterizer(
        RasterConfig.defaults().withThreads(1).withNormals(RasterConfig.NormalMode.VERTEX_INTERPOLATED))) {
      TriangleMesh bad = TestScenes.planeGrid(new double[] {0, 0, 700}, X, Y, 2000, 2);
      bad.normals = new float[3];
      assertThrows(IllegalArgumentException.class, () -> smooth.render(bad, CAM, RigidTransform.identity()));
    }
    assertThrows(IllegalArgumentException.class, () -> RasterConfig.defaults().withNearFar(0, 10).check());
    assertThrows(IllegalArgumentException.class, () -> RasterConfig.defaults().withNearFar(10, 5).check());
    assertThrows(IllegalArgumentException.class, () -> new Rasterizer(RasterConfig.defaults().withThreads(0)));
    assertThrows(IllegalArgumentException.class, () -> RasterConfig.defaults().withBandHeight(0).check());
    assertThrows(IllegalArgumentException.class, () -> new RenderTarget(0, 5));
    // A lens model that folds inside its own field of view cannot bound triangles: rejected.
    CameraModel folding = new CameraModel(200, 200, 60, 60, 99.5, 99.5, -0.5, 0, 0, 0, 0);
    assertThrows(IllegalArgumentException.class, () -> new RayTable(folding));
  }
}
