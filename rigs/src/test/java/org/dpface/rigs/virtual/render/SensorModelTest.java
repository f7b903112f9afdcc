package org.dpface.rigs.virtual.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.junit.jupiter.api.Test;

class SensorModelTest {
  /** Pixels per statistics image. */
  static final int W = 200;
  static final int H = 150;
  /** Mean tolerance in standard errors; variance relative tolerance (≈ 5 standard errors at N = 30000). */
  static final double MEAN_SIGMAS = 5;
  static final double VARIANCE_REL_TOL = 0.05;

  /** 16-bit, 1 DN per electron: the noise is visible in DN without scaling. */
  private static final SensorModel UNIT = new SensorModel(1000, 50000, 4, 1.0, 100, 16);

  @Test
  void gaussianRegimeMeanAndVarianceMatchShotPlusRead() {
    checkStatistics(UNIT, 2.0); // 2000 e-
  }

  @Test
  void separateShotAndReadNormalsBetweenPoissonAndCombinedRegimes() {
    checkStatistics(UNIT, 0.04); // 40 e-: Gaussian shot noise, clamped at 0, then read noise
  }

  @Test
  void poissonRegimeMeanAndVarianceMatchShotPlusRead() {
    checkStatistics(new SensorModel(1000, 50000, 1.5, 2.0, 50, 12), 0.006); // 6 e-: exact Poisson draws
  }

  private static void checkStatistics(SensorModel s, double radiance) {
    GrayF32 in = new GrayF32(W, H);
    in.fill((float) radiance);
    GrayU16 out = new GrayU16(1, 1);
    s.expose(in, 7, 0, out, RowExecutor.single());
    double sum = 0;
    double sumSq = 0;
    int n = W * H;
    for (int i = 0; i < n; i++) {
      double d = out.data[i] & 0xFFFF;
      sum += d;
      sumSq += d * d;
    }
    double mean = sum / n;
    double var = sumSq / n - mean * mean;
    double lambda = radiance * s.electronsPerRadiance();
    double g = s.gainDnPerElectron();
    double expectedVar = g * g * (lambda + s.readNoiseElectrons() * s.readNoiseElectrons()) + 1.0 / 12;
    assertEquals(s.meanDn(radiance), mean, MEAN_SIGMAS * Math.sqrt(expectedVar / n), "mean DN");
    assertEquals(expectedVar, var, expectedVar * VARIANCE_REL_TOL, "DN variance");
  }

  @Test
  void saturationClipsAtFullWellAndAdcMaximum() {
    GrayF32 in = new GrayF32(64, 32);
    in.fill(100f); // 100000 e- requested
    GrayU16 out = new GrayU16(1, 1);
    SensorModel fullWell = new SensorModel(1000, 20000, 0, 1.0, 100, 16);
    fullWell.expose(in, 1, 0, out, RowExecutor.single());
    for (int i = 0; i < 64 * 32; i++) {
      assertEquals(100 + 20000, out.data[i] & 0xFFFF, "clipped at the full well");
    }
    SensorModel adc = new SensorModel(1000, 1e6, 3, 1.0, 100, 12);
    adc.expose(in, 1, 0, out, RowExecutor.single());
    for (int i = 0; i < 64 * 32; i++) {
      assertEquals(4095, out.data[i] & 0xFFFF, "clipped at the 12-bit ADC maximum");
    }
    in.fill(-5f);
    new SensorModel(1000, 1e6, 0, 1.0, 0, 12).expose(in, 1, 0, out, RowExecutor.single());
    for (int i = 0; i < 64 * 32; i++) {
      assertEquals(0, out.data[i], "negative radiance reads as dark");
    }
  }

  @Test
  void sameSeedSameBytesAnyThreadsDifferentSeedOrFrameDiffers() {
    GrayF32 in = new GrayF32(97, 61);
    for (int i = 0; i < in.data.length; i++) {
      in.data[i] = (i % 37) / 30f;
    }
    SensorModel s = SensorModel.defaults();
    GrayU16 a = new GrayU16(1, 1);
    GrayU16 b = new GrayU16(1, 1);
    GrayU16 c = new GrayU16(1, 1);
    GrayU16 d = new GrayU16(1, 1);
    try (RowExecutor three = new RowExecutor(3)) {
      s.expose(in, 42, 3, a, RowExecutor.single());
      s.expose(in, 42, 3, b, three);
      s.expose(in, 43, 3, c, three);
      s.expose(in, 42, 4, d, three);
    }
    assertArrayEquals(a.data, b.data, "same seed, 1 vs 3 threads");
    assertFalse(Arrays.equals(a.data, c.data), "different seed");
    assertFalse(Arrays.equals(a.data, d.data), "different frame");
  }

  @Test
  void checkRejectsInvalidConfigs() {
    assertThrows(IllegalArgumentException.class, () -> new SensorModel(0, 1, 0, 1, 0, 12).check());
    assertThrows(IllegalArgumentException.class, () -> new SensorModel(1, 1, -1, 1, 0, 12).check());
    assertThrows(IllegalArgumentException.class, () -> new SensorModel(1, 1, 0, 1, 4095, 12).check());
    assertThrows(IllegalArgumentException.class, () -> new SensorModel(1, 1, 0, 1, 0, 17).check());
    assertEquals(16383, SensorModel.defaults().check().maxDn());
  }
}
