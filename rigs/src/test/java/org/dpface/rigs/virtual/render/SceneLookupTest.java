package org.dpface.rigs.virtual.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.rigs.Vec3;
import org.junit.jupiter.api.Test;

class SceneLookupTest {
  /** Projector coordinates vs analytic ray-plane-project (px): float32 storage of ~200 px values. */
  static final double UV_TOL_PX = 1e-3;
  /** World point vs analytic (mm): float32 at ~1 m. */
  static final double POINT_TOL_MM = 0.01;
  /** Relative tolerance on geometry and Lambert factors (float32). */
  static final double FACTOR_REL_TOL = 1e-5;
  /** Pixels this close to the projector image border (px) are not checked for the inside test. */
  static final double BORDER_SKIP_PX = 0.01;
  /** Shadow boundary band skipped, in shadow-map pixel footprints at the occluder. */
  static final double SHADOW_BAND_PX = 2.0;

  private static final double[] LIGHT_DIR = TestScenes.norm(new double[] {0.3, -0.2, -1});

  @Test
  void planeProjectorCoordinatesMatchRayPlaneProjection() {
    ProjectorSource proj = TestScenes.projector();
    LightSource lamp = LightSource.directional("l", Vec3.of(LIGHT_DIR), TestScenes.SUBJECT, 256);
    IlluminationScene scene = TestScenes.scene(proj, List.of(lamp), true);
    SceneLookup lookup = compute(scene, TestScenes.mesh(false), 1);
    CameraModel pm = proj.model();
    double[] cp = proj.view().centreWorld();
    double[] xp = new double[3];
    double[] uv = new double[2];
    int lit = 0;
    int checked = 0;
    SceneLookup.ProjectorMaps maps = lookup.projector(0);
    for (int v = 0; v < lookup.height(); v++) {
      for (int u = 0; u < lookup.width(); u++) {
        int i = v * lookup.width() + u;
        assertEquals(1, lookup.mask.data[i], "the plane fills the view");
        double[] x = TestScenes.planePoint(u, v);
        for (int k = 0; k < 3; k++) {
          assertEquals(x[k], lookup.worldPoint.data[3 * i + k], POINT_TOL_MM, "world point");
        }
        proj.worldToProjector().transformPoint(x[0], x[1], x[2], xp, 0);
        pm.project(xp[0], xp[1], xp[2], uv, 0);
        assertEquals(uv[0], maps.uv.data[2 * i], UV_TOL_PX, "u_p at " + u + "," + v);
        assertEquals(uv[1], maps.uv.data[2 * i + 1], UV_TOL_PX, "v_p at " + u + "," + v);
        double[] toP = TestScenes.norm(new double[] {cp[0] - x[0], cp[1] - x[1], cp[2] - x[2]});
        double r = Math.sqrt(TestScenes.dot(xp, xp));
        double cosTheta = TestScenes.dot(TestScenes.PLANE_N, toP);
        double g = Math.pow(proj.workingDistanceMm() / xp[2], 2) * cosTheta / (xp[2] / r);
        assertEquals(g, maps.geometry.data[i], g * FACTOR_REL_TOL, "geometry factor");
        double border = Math.min(Math.min(uv[0] + 0.5, pm.width() - 0.5 - uv[0]),
            Math.min(uv[1] + 0.5, pm.height() - 0.5 - uv[1]));
        if (Math.abs(border) > BORDER_SKIP_PX) {
          assertEquals(border > 0 ? 1 : 0, maps.lit.data[i], "lit iff inside the projector image");
          checked++;
        }
        lit += maps.lit.data[i];
        double ndl = TestScenes.dot(TestScenes.PLANE_N, LIGHT_DIR);
        assertEquals(Math.max(0, ndl), lookup.light(0).shading.data[i], FACTOR_REL_TOL, "Lambert n.l");
        assertEquals(ndl > 0 ? 1 : 0, lookup.light(0).lit.data[i], "no occluder: lamp reaches the plane");
      }
    }
    assertTrue(lit > 2000 && lit < checked, "the projector lights part of the view: " + lit);
  }

  @Test
  void plateShadowsExactlyWhereTheSegmentToTheSourceCrossesIt() {
    ProjectorSource proj = TestScenes.projector(400, 300, 500, ProjectorOptics.pinhole(1000));
    int mapSize = 512;
    LightSource lamp = LightSource.directional("l", Vec3.of(LIGHT_DIR), TestScenes.SUBJECT, mapSize);
    IlluminationScene scene = TestScenes.scene(proj, List.of(lamp), true);
    SceneLookup lookup = compute(scene, TestScenes.mesh(true), 1);
    double[] cp = proj.view().centreWorld();
    double projBand = SHADOW_BAND_PX * TestScenes.PLATE_Z / proj.focalPx();
    double lampBand = SHADOW_BAND_PX * LightSource.SHADOW_FIELD_DIAMETERS * TestScenes.SUBJECT.subjectDiameterMm()
        / mapSize;
    double[] margin = new double[1];
    int[] shadowed = new int[2];
    int[] litCount = new int[2];
    for (int v = 0; v < lookup.height(); v++) {
      for (int u = 0; u < lookup.width(); u++) {
        int i = v * lookup.width() + u;
        if (lookup.triangleId.data[i] > 1) {
          assertEquals(1, lookup.light(0).lit.data[i], "the plate itself faces the lamp");
          continue;
        }
        double[] x = TestScenes.planePoint(u, v);
        SceneLookup.ProjectorMaps maps = lookup.projector(0);
        boolean inside = proj.model().isInside(maps.uv.data[2 * i], maps.uv.data[2 * i + 1]);
        boolean hit = TestScenes.segmentHitsPlate(x, cp, margin);
        if (inside && Math.abs(margin[0]) > projBand) {
          assertEquals(hit ? 0 : 1, maps.lit.data[i], "projector shadow at " + u + "," + v);
          shadowed[0] += hit ? 1 : 0;
          litCount[0] += hit ? 0 : 1;
        }
        double[] far = {x[0] + 3000 * LIGHT_DIR[0], x[1] + 3000 * LIGHT_DIR[1], x[2] + 3000 * LIGHT_DIR[2]};
        hit = TestScenes.segmentHitsPlate(x, far, margin);
        if (Math.abs(margin[0]) > lampBand) {
          assertEquals(hit ? 0 : 1, lookup.light(0).lit.data[i], "lamp shadow at " + u + "," + v);
          shadowed[1] += hit ? 1 : 0;
          litCount[1] += hit ? 0 : 1;
        }
      }
    }
    for (int k = 0; k < 2; k++) {
      assertTrue(shadowed[k] > 150, "source " + k + " casts a visible shadow: " + shadowed[k]);
      assertTrue(litCount[k] > 2000, "source " + k + " lights the rest: " + litCount[k]);
    }
  }

  @Test
  void multiThreadedLookupEqualsSingleThreaded() {
    ProjectorSource proj = TestScenes.projector();
    LightSource lamp = LightSource.point("p", new Vec3(-400, -300, 200), TestScenes.SUBJECT, 128);
    IlluminationScene scene = TestScenes.scene(proj, List.of(lamp), true);
    SceneLookup a = compute(scene, TestScenes.mesh(true), 1);
    SceneLookup b = compute(scene, TestScenes.mesh(true), 3);
    assertArrayEquals(a.worldPoint.data, b.worldPoint.data);
    assertArrayEquals(a.projector(0).uv.data, b.projector(0).uv.data);
    assertArrayEquals(a.projector(0).lit.data, b.projector(0).lit.data);
    assertArrayEquals(a.projector(0).geometry.data, b.projector(0).geometry.data);
    assertArrayEquals(a.light(0).shading.data, b.light(0).shading.data);
    assertArrayEquals(a.light(0).lit.data, b.light(0).lit.data);
    assertArrayEquals(a.light(0).halfway.data, b.light(0).halfway.data);
  }

  static SceneLookup compute(IlluminationScene scene, TriangleMesh mesh, int threads) {
    try (Rasterizer raster = new Rasterizer(RasterConfig.defaults().withThreads(threads));
        RowExecutor rows = new RowExecutor(threads)) {
      scene.render(mesh, raster);
      SceneLookup lookup = new SceneLookup();
      lookup.compute(mesh, scene, TestScenes.CAMERA, RigidTransform.identity(), SurfaceAlbedo.constant(0.5f), raster,
          rows);
      return lookup;
    }
  }
}
