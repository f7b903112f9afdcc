package org.dpface.rigs.virtual.take;

import java.util.Objects;
import org.dpface.rigs.virtual.optics.DpRenderConfig;
import org.dpface.rigs.virtual.render.IlluminationScene;
import org.dpface.rigs.virtual.render.LightingRenderer;
import org.dpface.rigs.virtual.render.SensorModel;
import org.dpface.rigs.virtual.render.StructuredLightRenderer;

/**
 * Settings of a {@link VirtualTake}.
 *
 * <p>Apertures: structured-light (SL) frames are shot stopped down to {@code slFNumber} (default
 * {@link #DEFAULT_SL_F_NUMBER} = f/11: about half the f/5.6 blur, so fine stripes survive camera
 * defocus over the head's depth, as a lab would do); DP shots under the lamps use the lens f-number of
 * the rig file ({@code dpFNumber} NaN) or an override. Exposure is folded into each shot kind's
 * {@link SensorModel} ({@code electronsPerRadiance}): the defaults use the same sensor for both, i.e. the
 * SL exposure time is lengthened to compensate for the smaller aperture. Each DP half is exposed by
 * the sensor model on its own (it receives half the light).
 *
 * @param slFNumber f-number of the SL frames (> 0)
 * @param dpFNumber f-number of the lamp and ambient DP shots; NaN = the rig's lens f-number
 * @param slSensor sensor of the SL frames (per DP half)
 * @param lightSensor sensor of the lamp and ambient shots (per DP half)
 * @param noise false: the sensor's mean response only (saturation and quantisation, no shot or read
 *     noise), for tests of the composition
 * @param structuredLight SL radiance settings (ambient, projector power, background)
 * @param lighting lamp radiance settings (ambient, lamp power, highlight, background)
 * @param dp DP defocus renderer settings (its thread count is replaced by {@code threads})
 * @param ambientShot whether the take ends with one ambient-only DP shot (all lamps and projectors
 *     off: the reference frame for ambient subtraction)
 * @param lightShadows whether lamps cast shadows (one shadow map per lamp)
 * @param lightShadowMapSize lamp shadow-map size (px per side)
 * @param threads worker threads for every per-image pass (>= 1); results do not depend on it
 * @param seed sensor-noise seed: noise is keyed by (seed, camera, step, half)
 */
public record VirtualTakeConfig(
    double slFNumber,
    double dpFNumber,
    SensorModel slSensor,
    SensorModel lightSensor,
    boolean noise,
    StructuredLightRenderer.Config structuredLight,
    LightingRenderer.Config lighting,
    DpRenderConfig dp,
    boolean ambientShot,
    boolean lightShadows,
    int lightShadowMapSize,
    int threads,
    long seed) {
  /** Default SL f-number: f/11. */
  public static final double DEFAULT_SL_F_NUMBER = 11;

  /**
   * f/11 SL, lens f-number for DP, {@link SensorModel#defaults()} for both with noise, default
   * renderer settings, an ambient shot, lamp shadows on ({@link IlluminationScene#DEFAULT_LIGHT_SHADOW_MAP}),
   * 2 threads, seed 1.
   */
  public static VirtualTakeConfig defaults() {
    return new VirtualTakeConfig(DEFAULT_SL_F_NUMBER, Double.NaN, SensorModel.defaults(),
        SensorModel.defaults(), true, StructuredLightRenderer.Config.defaults(),
        LightingRenderer.Config.defaults(), DpRenderConfig.defaults(), true, true,
        IlluminationScene.DEFAULT_LIGHT_SHADOW_MAP, 2, 1);
  }

  /** A copy with another seed. */
  public VirtualTakeConfig withSeed(long s) {
    return new VirtualTakeConfig(slFNumber, dpFNumber, slSensor, lightSensor, noise, structuredLight,
        lighting, dp, ambientShot, lightShadows, lightShadowMapSize, threads, s);
  }

  /** A copy with another thread count. */
  public VirtualTakeConfig withThreads(int t) {
    return new VirtualTakeConfig(slFNumber, dpFNumber, slSensor, lightSensor, noise, structuredLight,
        lighting, dp, ambientShot, lightShadows, lightShadowMapSize, t, seed);
  }

  /** A copy with sensor noise on or off. */
  public VirtualTakeConfig withNoise(boolean on) {
    return new VirtualTakeConfig(slFNumber, dpFNumber, slSensor, lightSensor, on, structuredLight,
        lighting, dp, ambientShot, lightShadows, lightShadowMapSize, threads, seed);
  }

  /** A copy with lamp shadows on or off. */
  public VirtualTakeConfig withLightShadows(boolean on) {
    return new VirtualTakeConfig(slFNumber, dpFNumber, slSensor, lightSensor, noise, structuredLight,
        lighting, dp, ambientShot, on, lightShadowMapSize, threads, seed);
  }

  /** A copy with or without the ambient-only shot. */
  public VirtualTakeConfig withAmbientShot(boolean on) {
    return new VirtualTakeConfig(slFNumber, dpFNumber, slSensor, lightSensor, noise, structuredLight,
        lighting, dp, on, lightShadows, lightShadowMapSize, threads, seed);
  }

  /** A copy with another SL f-number. */
  public VirtualTakeConfig withSlFNumber(double n) {
    return new VirtualTakeConfig(n, dpFNumber, slSensor, lightSensor, noise, structuredLight,
        lighting, dp, ambientShot, lightShadows, lightShadowMapSize, threads, seed);
  }

  /** Throws {@link IllegalArgumentException} naming the first invalid field; returns this. */
  public VirtualTakeConfig check() {
    if (!(slFNumber > 0) || Double.isInfinite(slFNumber)) {
      throw new IllegalArgumentException("slFNumber must be finite and > 0, got " + slFNumber);
    }
    if (!Double.isNaN(dpFNumber) && (!(dpFNumber > 0) || Double.isInfinite(dpFNumber))) {
      throw new IllegalArgumentException("dpFNumber must be NaN or finite and > 0, got " + dpFNumber);
    }
    Objects.requireNonNull(slSensor, "slSensor").check();
    Objects.requireNonNull(lightSensor, "lightSensor").check();
    Objects.requireNonNull(structuredLight, "structuredLight").check();
    Objects.requireNonNull(lighting, "lighting").check();
    Objects.requireNonNull(dp, "dp");
    if (lightShadowMapSize < 8) {
      throw new IllegalArgumentException("lightShadowMapSize must be >= 8, got " + lightShadowMapSize);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    return this;
  }
}
