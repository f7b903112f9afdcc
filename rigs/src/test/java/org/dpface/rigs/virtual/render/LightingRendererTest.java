package org.dpface.rigs.virtual.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dpface.core.image.GrayF32;
import org.dpface.rigs.Vec3;
import org.junit.jupiter.api.Test;

class LightingRendererTest {
  static final double RADIANCE_TOL = 1e-6;
  /** Halfway-vector cosine vs analytic (float32 world points). */
  static final double HALFWAY_TOL = 1e-5;

  private static final double[] L = TestScenes.norm(new double[] {0.3, -0.2, -1});

  @Test
  void lambertPlusAmbientAndBlinnPhongMatchTheAnalyticPlane() {
    LightSource lamp = LightSource.directional("l", Vec3.of(L), TestScenes.SUBJECT, 128);
    SceneLookup lookup = SceneLookupTest.compute(
        TestScenes.scene(TestScenes.projector(), List.of(lamp), true), TestScenes.mesh(false), 1);
    LightingRenderer.Config cfg = new LightingRenderer.Config(0.07, 1.5, 0.05, 20, 0);
    GrayF32 lambert = new GrayF32(1, 1);
    GrayF32 glossy = new GrayF32(1, 1);
    new LightingRenderer(cfg.withoutSpecular(), RowExecutor.single()).render(lookup, 0, lambert);
    new LightingRenderer(cfg, RowExecutor.single()).render(lookup, 0, glossy);
    double ndl = TestScenes.dot(TestScenes.PLANE_N, L);
    for (int v = 0; v < lookup.height(); v += 7) {
      for (int u = 0; u < lookup.width(); u += 5) {
        int i = v * lookup.width() + u;
        assertEquals(0.5 * (0.07 + 1.5 * ndl), lambert.data[i], RADIANCE_TOL, "Lambert at " + u + "," + v);
        double[] x = TestScenes.planePoint(u, v);
        double[] view = TestScenes.norm(new double[] {-x[0], -x[1], -x[2]});
        double[] h = TestScenes.norm(new double[] {L[0] + view[0], L[1] + view[1], L[2] + view[2]});
        double ndh = TestScenes.dot(TestScenes.PLANE_N, h);
        assertEquals(ndh, lookup.light(0).halfway.data[i], HALFWAY_TOL, "halfway cosine");
        double spec = 0.05 * 1.5 * ndl * Math.pow(lookup.light(0).halfway.data[i], 20);
        assertEquals(lambert.data[i] + spec, glossy.data[i], RADIANCE_TOL, "Blinn-Phong highlight");
      }
    }
  }

  @Test
  void shadowedPixelsGetAmbientOnlyAndThreadsDoNotMatter() {
    LightSource lamp = LightSource.point("p", new Vec3(200, -300, 100), TestScenes.SUBJECT, 256);
    SceneLookup lookup = SceneLookupTest.compute(
        TestScenes.scene(TestScenes.projector(), List.of(lamp), true), TestScenes.mesh(true), 1);
    GrayF32 a = new GrayF32(1, 1);
    GrayF32 b = new GrayF32(1, 1);
    try (RowExecutor three = new RowExecutor(3)) {
      new LightingRenderer(LightingRenderer.Config.defaults(), RowExecutor.single()).render(lookup, 0, a);
      new LightingRenderer(LightingRenderer.Config.defaults(), three).render(lookup, 0, b);
    }
    assertArrayEquals(a.data, b.data);
    int shadowed = 0;
    for (int i = 0; i < a.data.length; i++) {
      if (lookup.light(0).lit.data[i] == 0) {
        assertEquals(0.5 * 0.05, a.data[i], RADIANCE_TOL);
        shadowed++;
      }
    }
    assertEquals(true, shadowed > 100, "the plate shadows the point lamp: " + shadowed);
  }

  @Test
  void configRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new LightingRenderer.Config(-1, 1, 0, 10, 0).check());
    assertThrows(IllegalArgumentException.class, () -> new LightingRenderer.Config(0, 1, 0, 0.5, 0).check());
    assertThrows(IllegalArgumentException.class, () -> new StructuredLightRenderer.Config(0, Double.NaN, 0, 3).check());
  }
}
