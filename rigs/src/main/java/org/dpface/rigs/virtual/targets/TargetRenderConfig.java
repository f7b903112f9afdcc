package org.dpface.rigs.virtual.targets;

import java.util.Objects;
import org.dpface.rigs.virtual.render.SensorModel;
import org.dpface.rigs.virtual.render.StructuredLightRenderer;

/**
 * Settings of {@link TargetRenderer}. Radiance units as in the rig's renderers (a white Lambertian
 * surface under irradiance 1 has radiance 1).
 *
 * @param darkAlbedo grey albedo of the dark squares (0.05: high contrast, not 0)
 * @param lightAlbedo grey albedo of the light squares and margin (0.85)
 * @param backAlbedo grey albedo of the board's back, seen by cameras behind it
 * @param ambientIrradiance flat-frame ambient irradiance E_a
 * @param lightPower total lamp power P, shared evenly by the rig's lamps: E = E_a + (P / n) Σ S_l V_l
 *     (with no lamps, E = E_a + P)
 * @param backgroundRadiance radiance where the board is not seen
 * @param fNumber f-number of flat frames; NaN = the camera lens's
 * @param slFNumber f-number of structured-light frames; NaN = the camera lens's
 * @param defocus apply camera defocus (thin lens, {@code DualPixelRenderer#renderFull}); false = the
 *     sharp (pixel-integrated) image
 * @param sensor sensor exposure and noise
 * @param structuredLight ambient and projector power of structured-light frames
 * @param seed noise seed
 * @param threads worker threads (results identical for any count)
 */
public record TargetRenderConfig(
    double darkAlbedo,
    double lightAlbedo,
    double backAlbedo,
    double ambientIrradiance,
    double lightPower,
    double backgroundRadiance,
    double fNumber,
    double slFNumber,
    boolean defocus,
    SensorModel sensor,
    StructuredLightRenderer.Config structuredLight,
    long seed,
    int threads) {
  public TargetRenderConfig {
    Objects.requireNonNull(sensor, "sensor").check();
    Objects.requireNonNull(structuredLight, "structuredLight").check();
    requireUnit(darkAlbedo, "darkAlbedo");
    requireUnit(lightAlbedo, "lightAlbedo");
    requireUnit(backAlbedo, "backAlbedo");
    requireNonNegative(ambientIrradiance, "ambientIrradiance");
    requireNonNegative(lightPower, "lightPower");
    requireNonNegative(backgroundRadiance, "backgroundRadiance");
    requirePositiveOrNaN(fNumber, "fNumber");
    requirePositiveOrNaN(slFNumber, "slFNumber");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
  }

  /**
   * Albedos 0.05 / 0.85 (back 0.3), ambient 0.1, lamp power 0.9, background 0.02, the lens
   * f-number for both kinds of frame, defocus on, {@link SensorModel#defaults()}, structured light
   * with ambient 0.05 and power 0.8, seed 1, 1 thread.
   */
  public static TargetRenderConfig defaults() {
    return new TargetRenderConfig(0.05, 0.85, 0.3, 0.1, 0.9, 0.02, Double.NaN, Double.NaN, true,
        SensorModel.defaults(), new StructuredLightRenderer.Config(0.05, 0.8, 0.02, 3), 1, 1);
  }

  /** A copy with another noise seed. */
  public TargetRenderConfig withSeed(long s) {
    return new TargetRenderConfig(darkAlbedo, lightAlbedo, backAlbedo, ambientIrradiance, lightPower,
        backgroundRadiance, fNumber, slFNumber, defocus, sensor, structuredLight, s, threads);
  }

  /** A copy with another thread count. */
  public TargetRenderConfig withThreads(int n) {
    return new TargetRenderConfig(darkAlbedo, lightAlbedo, backAlbedo, ambientIrradiance, lightPower,
        backgroundRadiance, fNumber, slFNumber, defocus, sensor, structuredLight, seed, n);
  }

  /** A copy with defocus on or off. */
  public TargetRenderConfig withDefocus(boolean on) {
    return new TargetRenderConfig(darkAlbedo, lightAlbedo, backAlbedo, ambientIrradiance, lightPower,
        backgroundRadiance, fNumber, slFNumber, on, sensor, structuredLight, seed, threads);
  }

  /** A copy with other f-numbers (NaN = the lens's) for flat and structured-light frames. */
  public TargetRenderConfig withFNumbers(double flat, double sl) {
    return new TargetRenderConfig(darkAlbedo, lightAlbedo, backAlbedo, ambientIrradiance, lightPower,
        backgroundRadiance, flat, sl, defocus, sensor, structuredLight, seed, threads);
  }

  /** A copy with another sensor. */
  public TargetRenderConfig withSensor(SensorModel s) {
    return new TargetRenderConfig(darkAlbedo, lightAlbedo, backAlbedo, ambientIrradiance, lightPower,
        backgroundRadiance, fNumber, slFNumber, defocus, s, structuredLight, seed, threads);
  }

  private static void requireUnit(double v, String name) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
    }
  }

  private static void requireNonNegative(double v, String name) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
    }
  }

  private static void requirePositiveOrNaN(double v, String name) {
    if (!Double.isNaN(v) && !(v > 0 && Double.isFinite(v))) {
      throw new IllegalArgumentException(name + " must be NaN (lens value) or finite and > 0, got " + v);
    }
  }
}
