package org.dpface.rigs.virtual.render;

import java.util.Objects;
import org.dpface.core.image.GrayF32;

/**
 * Sharp (camera defocus not applied) linear radiance under one lamp of the rig, from a {@link
 * SceneLookup}:
 *
 * <pre>
 *   L = ρ · (E_a + P · S · V) + k_s · P · S · V · (n·h)^s     where the subject is seen
 *   L = L_bg                                                   elsewhere
 * </pre>
 *
 * ρ grey albedo, E_a ambient irradiance, P lamp power (irradiance on a surface facing it, at D0 for a
 * point lamp), S = max(0, n·l)·falloff and V the lamp's visibility ({@link SceneLookup.LightMaps}),
 * and a mild white Blinn–Phong highlight (J. F. Blinn, "Models of light reflection for computer
 * synthesized pictures", SIGGRAPH 1977) with weight k_s and exponent s on the halfway cosine n·h,
 * cosine-weighted like the diffuse term; k_s = 0 gives pure Lambert. Same radiance units as {@link
 * StructuredLightRenderer}. Parallel over rows; identical output for any thread count.
 */
public final class LightingRenderer {
  /**
   * @param ambientIrradiance E_a (>= 0)
   * @param lightPower P (>= 0)
   * @param specularWeight k_s (>= 0; skin is about 0.02 to 0.08, see {@code SkinAlbedo#specularity})
   * @param shininess Blinn–Phong exponent s (>= 1)
   * @param backgroundRadiance radiance where no subject is seen (>= 0)
   */
  public record Config(
      double ambientIrradiance, double lightPower, double specularWeight, double shininess, double backgroundRadiance) {
    /** Ambient 0.05, power 1, specular 0.04 with exponent 30, background 0. */
    public static Config defaults() {
      return new Config(0.05, 1.0, 0.04, 30, 0);
    }

    /** Lambert only (no highlight). */
    public Config withoutSpecular() {
      return new Config(ambientIrradiance, lightPower, 0, shininess, backgroundRadiance);
    }

    /** Throws {@link IllegalArgumentException} naming the first invalid field. */
    public Config check() {
      requireNonNegative(ambientIrradiance, "ambientIrradiance");
      requireNonNegative(lightPower, "lightPower");
      requireNonNegative(specularWeight, "specularWeight");
      requireNonNegative(backgroundRadiance, "backgroundRadiance");
      if (!(shininess >= 1) || !Double.isFinite(shininess)) {
        throw new IllegalArgumentException("shininess must be finite and >= 1, got " + shininess);
      }
      return this;
    }

    private static void requireNonNegative(double v, String name) {
      if (!(v >= 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
      }
    }
  }

  private final Config config;
  private final RowExecutor rows;

  public LightingRenderer(Config config, RowExecutor rows) {
    this.config = Objects.requireNonNull(config, "config").check();
    this.rows = Objects.requireNonNull(rows, "rows");
  }

  public Config config() {
    return config;
  }

  /** Radiance under lamp {@code light} (scene order) into {@code out} (reshaped to the lookup size). */
  public void render(SceneLookup lookup, int light, GrayF32 out) {
    int w = lookup.width();
    out.reshape(w, lookup.height());
    SceneLookup.LightMaps m = lookup.light(light);
    float ambient = (float) config.ambientIrradiance();
    float power = (float) config.lightPower();
    double ks = config.specularWeight();
    double s = config.shininess();
    float background = (float) config.backgroundRadiance();
    rows.forEachBand(lookup.height(), (y0, y1) -> {
      byte[] mask = lookup.mask.data;
      byte[] lit = m.lit.data;
      float[] shading = m.shading.data;
      float[] halfway = m.halfway.data;
      float[] albedo = lookup.albedo.data;
      float[] o = out.data;
      for (int y = y0; y < y1; y++) {
        int orow = out.indexOf(0, y);
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          if (mask[i] == 0) {
            o[orow + x] = background;
            continue;
          }
          float radiance = albedo[i] * ambient;
          if (lit[i] != 0) {
            float e = power * shading[i];
            radiance += albedo[i] * e;
            if (ks > 0 && halfway[i] > 0) {
              radiance += (float) (ks * e * Math.pow(halfway[i], s));
            }
          }
          o[orow + x] = radiance;
        }
      }
    });
  }
}
