package org.dpface.rigs.virtual.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.junit.jupiter.api.Test;

class StructuredLightRendererTest {
  /** Relative tolerance of float radiance arithmetic. */
  static final double RADIANCE_REL_TOL = 1e-5;
  /** Ramp pattern read back through the renderer (drive-level units): bilinear of a linear ramp is exact. */
  static final double RAMP_TOL = 2e-4;
  /** Relative tolerance of the kernel variance vs σ² (float taps). */
  static final double KERNEL_VARIANCE_REL_TOL = 1e-5;

  private static final float ALBEDO = 0.5f;

  @Test
  void patternOneVersusZeroGivesTheIrradianceRatio() {
    SceneLookup lookup = SceneLookupTest.compute(
        TestScenes.scene(TestScenes.projector(), List.of(), false), TestScenes.mesh(true), 1);
    StructuredLightRenderer.Config cfg = new StructuredLightRenderer.Config(0.1, 2.0, 0.01, 3);
    StructuredLightRenderer r = new StructuredLightRenderer(cfg, RowExecutor.single());
    GrayU8 white = new GrayU8(200, 150);
    white.fill(255);
    GrayU16 black = new GrayU16(200, 150);
    GrayF32 on = new GrayF32(1, 1);
    GrayF32 off = new GrayF32(1, 1);
    r.render(lookup, 0, white, on);
    r.render(lookup, 0, black, off);
    SceneLookup.ProjectorMaps m = lookup.projector(0);
    int lit = 0;
    for (int i = 0; i < lookup.width() * lookup.height(); i++) {
      assertEquals(ALBEDO * 0.1, off.data[i], 1e-7, "pattern 0: ambient only");
      if (m.lit.data[i] != 0) {
        double g = m.geometry.data[i];
        // Interior pixels of a constant pattern stay 1 after the (pinhole) projector: ratio exact.
        assertEquals((0.1 + 2.0 * g) / 0.1, on.data[i] / off.data[i], (0.1 + 2.0 * g) / 0.1 * RADIANCE_REL_TOL);
        lit++;
      } else {
        assertEquals(off.data[i], on.data[i], 0, "unlit pixels ignore the pattern");
      }
    }
    assertTrue(lit > 2000, "lit pixels " + lit);
  }

  @Test
  void rampPatternReadsBackTheProjectorColumnEvenWithDefocus() {
    // Default lens focused at 800 mm, plane near 1000 mm: sigma about 0.3 to 0.4 px, ramp preserved inside.
    ProjectorSource proj = TestScenes.projector(200, 150, 250, new ProjectorOptics(8, 800));
    SceneLookup lookup = SceneLookupTest.compute(TestScenes.scene(proj, List.of(), false), TestScenes.mesh(false), 1);
    StructuredLightRenderer r = new StructuredLightRenderer(new StructuredLightRenderer.Config(0.05, 1, 0, 3),
        RowExecutor.single());
    GrayF32 ramp = new GrayF32(200, 150);
    for (int y = 0; y < 150; y++) {
      for (int x = 0; x < 200; x++) {
        ramp.set(x, y, x / 199f);
      }
    }
    GrayF32 out = new GrayF32(1, 1);
    r.render(lookup, 0, ramp, out);
    double[] sig = r.levelSigmas();
    assertEquals(3, sig.length, "defocus varies over the tilted plane");
    SceneLookup.ProjectorMaps m = lookup.projector(0);
    double sMin = Double.MAX_VALUE;
    double sMax = 0;
    int checked = 0;
    int margin = 4;
    for (int i = 0; i < lookup.width() * lookup.height(); i++) {
      if (m.lit.data[i] == 0) {
        continue;
      }
      double s = proj.optics().blurSigmaPx(proj.focalPx(), m.depth.data[i]);
      sMin = Math.min(sMin, s);
      sMax = Math.max(sMax, s);
      float u = m.uv.data[2 * i];
      float v = m.uv.data[2 * i + 1];
      if (u < margin || v < margin || u > 199 - margin || v > 149 - margin) {
        continue;
      }
      double p = (out.data[i] / ALBEDO - 0.05) / m.geometry.data[i];
      assertEquals(u / 199.0, p, RAMP_TOL, "ramp at projector u " + u);
      checked++;
    }
    assertTrue(checked > 2000, "checked " + checked);
    assertEquals(sMin, sig[0], 1e-9, "first level: sharpest lit point");
    assertEquals(sMax, sig[2], 1e-9, "last level: most defocused lit point");
    assertTrue(sMin > 0.1, "defocus is on: " + sMin);
  }

  @Test
  void defocusKernelHasUnitSumAndTheRequestedVariance() {
    for (double sigma : new double[] {0.1, 0.5, 1.3, 3.0}) {
      float[] k = PatternBlur.kernel(sigma);
      double sum = 0;
      double var = 0;
      int r = k.length / 2;
      for (int i = 0; i < k.length; i++) {
        sum += k[i];
        var += k[i] * (double) (i - r) * (i - r);
      }
      assertEquals(1, sum, 1e-6);
      assertEquals(sigma * sigma, var, sigma * sigma * KERNEL_VARIANCE_REL_TOL, "variance at sigma " + sigma);
    }
    // An impulse spreads into the 2-D separable kernel and keeps its energy away from the border.
    GrayF32 impulse = new GrayF32(41, 41);
    impulse.set(20, 20, 1);
    GrayF32 out = new GrayF32(1, 1);
    PatternBlur.gaussian(impulse, 2.0, new GrayF32(1, 1), out, RowExecutor.single());
    double total = 0;
    for (float f : out.data) {
      total += f;
    }
    assertEquals(1, total, 1e-5);
    float[] k = PatternBlur.kernel(2.0);
    assertEquals(k[k.length / 2] * k[k.length / 2], out.get(20, 20), 1e-7);
    assertEquals(k[k.length / 2] * k[k.length / 2 - 2], out.get(18, 20), 1e-7);
  }

  @Test
  void multiThreadedEqualsSingleThreaded() {
    ProjectorSource proj = TestScenes.projector(200, 150, 250, new ProjectorOptics(8, 800));
    IlluminationScene scene = TestScenes.scene(proj, List.of(), false);
    SceneLookup lookup = SceneLookupTest.compute(scene, TestScenes.mesh(true), 1);
    GrayU8 stripes = new GrayU8(200, 150);
    for (int y = 0; y < 150; y++) {
      for (int x = 0; x < 200; x++) {
        stripes.set(x, y, ((x / 5) & 1) * 255);
      }
    }
    GrayF32 a = new GrayF32(1, 1);
    GrayF32 b = new GrayF32(1, 1);
    try (RowExecutor one = RowExecutor.single(); RowExecutor three = new RowExecutor(3)) {
      new StructuredLightRenderer(StructuredLightRenderer.Config.defaults(), one).render(lookup, 0, stripes, a);
      new StructuredLightRenderer(StructuredLightRenderer.Config.defaults(), three).render(lookup, 0, stripes, b);
    }
    assertArrayEquals(a.data, b.data);
  }
}
