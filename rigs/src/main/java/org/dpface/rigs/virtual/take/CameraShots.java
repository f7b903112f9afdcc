package org.dpface.rigs.virtual.take;

import java.util.List;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.ImageBase;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.virtual.optics.DpLayers;
import org.dpface.rigs.virtual.optics.DualPixelRenderer;
import org.dpface.rigs.virtual.optics.ThinLensDp;
import org.dpface.rigs.virtual.render.LightingRenderer;
import org.dpface.rigs.virtual.render.RowExecutor;
import org.dpface.rigs.virtual.render.SceneLookup;
import org.dpface.rigs.virtual.render.SensorModel;
import org.dpface.rigs.virtual.render.StructuredLightRenderer;

/**
 * The per-camera state of a {@link VirtualTake}: the scene lookup, the radiance renderers with their
 * caches, the optics at both apertures and the work images. Callers hold this object's monitor while
 * rendering (one step of one camera at a time).
 */
final class CameraShots {
  final int index;
  final CameraSpec spec;
  final SceneLookup lookup = new SceneLookup();
  final ThinLensDp dpOptics;
  final ThinLensDp slOptics;
  private final StructuredLightRenderer structuredLight;
  private final LightingRenderer lighting;
  private final GrayF32 radiance = new GrayF32(1, 1);
  private final GrayF32 leftF = new GrayF32(1, 1);
  private final GrayF32 rightF = new GrayF32(1, 1);
  /** Depth-layer classifications at the SL and the DP aperture, made on first use and then kept. */
  private DpLayers slLayers;
  private DpLayers dpLayers;

  CameraShots(int index, CameraSpec spec, VirtualTakeConfig cfg, RowExecutor rows) {
    this.index = index;
    this.spec = spec;
    ThinLensDp lens = ThinLensDp.of(spec);
    this.dpOptics = Double.isNaN(cfg.dpFNumber()) ? lens : lens.withFNumber(cfg.dpFNumber());
    this.slOptics = lens.withFNumber(cfg.slFNumber());
    this.structuredLight = new StructuredLightRenderer(cfg.structuredLight(), rows);
    this.lighting = new LightingRenderer(cfg.lighting(), rows);
  }

  /** Sharp linear radiance of {@code step} into {@code out}. */
  void radiance(TakeStep step, List<? extends ImageBase> patterns, VirtualTakeConfig cfg, GrayF32 out) {
    switch (step.kind()) {
      case STRUCTURED_LIGHT -> structuredLight.render(lookup, step.sourceIndex(), patterns.get(step.patternIndex()), out);
      case LIGHT -> lighting.render(lookup, step.sourceIndex(), out);
      case AMBIENT -> ambient(cfg.lighting(), out);
    }
  }

  private void ambient(LightingRenderer.Config c, GrayF32 out) {
    int w = lookup.width();
    int h = lookup.height();
    out.reshape(w, h);
    float ambient = (float) c.ambientIrradiance();
    float background = (float) c.backgroundRadiance();
    for (int y = 0; y < h; y++) {
      int o = out.indexOf(0, y);
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        out.data[o + x] = lookup.mask.data[i] == 0 ? background : lookup.albedo.data[i] * ambient;
      }
    }
  }

  ThinLensDp optics(TakeStep step) {
    return step.kind() == TakeStep.Kind.STRUCTURED_LIGHT ? slOptics : dpOptics;
  }

  /** The DP pair before the sensor (linear radiance per half) into {@code left}, {@code right}. */
  void linearPair(TakeStep step, List<? extends ImageBase> patterns, VirtualTakeConfig cfg,
      DualPixelRenderer dp, GrayF32 left, GrayF32 right) {
    radiance(step, patterns, cfg, radiance);
    dp.renderPair(radiance, layers(step, dp), left, right);
  }

  /** The classification of the lookup's depth at the step's aperture (camera-only: kept for all steps). */
  private DpLayers layers(TakeStep step, DualPixelRenderer dp) {
    if (step.kind() == TakeStep.Kind.STRUCTURED_LIGHT) {
      if (slLayers == null) {
        slLayers = dp.classify(lookup.depth, lookup.mask, slOptics);
      }
      return slLayers;
    }
    if (dpLayers == null) {
      dpLayers = dp.classify(lookup.depth, lookup.mask, dpOptics);
    }
    return dpLayers;
  }

  /** The exposed DP pair. */
  void rawPair(TakeStep step, int stepCount, List<? extends ImageBase> patterns, VirtualTakeConfig cfg,
      DualPixelRenderer dp, RowExecutor rows, GrayU16 left, GrayU16 right) {
    linearPair(step, patterns, cfg, dp, leftF, rightF);
    SensorModel sensor = step.kind() == TakeStep.Kind.STRUCTURED_LIGHT ? cfg.slSensor() : cfg.lightSensor();
    long frame = ((long) index * stepCount + step.index()) * 2;
    expose(sensor, cfg, leftF, frame, left, rows);
    expose(sensor, cfg, rightF, frame + 1, right, rows);
  }

  private static void expose(SensorModel sensor, VirtualTakeConfig cfg, GrayF32 in, long frame, GrayU16 out,
      RowExecutor rows) {
    if (cfg.noise()) {
      sensor.expose(in, cfg.seed(), frame, out, rows);
    } else {
      sensor.exposeNoiseless(in, out, rows);
    }
  }
}
