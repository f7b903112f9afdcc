package org.dpface.rigs.virtual.render;

import java.util.Objects;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.ImageBase;

/**
 * Sharp (in-focus, camera defocus not applied) linear radiance of a structured-light frame:
 *
 * <pre>
 *   L = ρ · (E_a + P · g · V · p(u_p, v_p))      at pixels that see the subject
 *   L = L_bg                                       elsewhere
 * </pre>
 *
 * with ρ the grey albedo, E_a the ambient irradiance, P the projector power (irradiance on a
 * fronto-parallel surface at the working distance for drive level 1), g and V the geometry factor and
 * visibility of {@link SceneLookup.ProjectorMaps}, and p the pattern drive level after projector
 * defocus, sampled bilinearly at the projector pixel (u_p, v_p). Radiance is in units where a white
 * Lambertian surface under irradiance 1 has radiance 1 (the π is folded into the sensor's exposure).
 *
 * <p>Projector defocus: the blur σ(Z_p) = |c(Z_p)| / 4 ({@link ProjectorOptics}) depends on each
 * point's projector depth. Per frame the pattern is blurred at K levels whose variances σ_k² are evenly
 * spaced over the σ² range of the lit pixels (computed once per lookup); each pixel blends the two
 * levels bracketing its σ² linearly in σ², which reproduces the wanted second moment of the PSF
 * exactly (blending two Gaussians mixes their variances linearly). A frame is K separable blurs plus
 * one pass over the camera pixels; a whole sequence costs N such frames and no re-render. The blurs
 * are computed only over the projector region the lit pixels sample (found once per lookup).
 *
 * <p>Parallel over rows on the given {@link RowExecutor}; output identical for any thread count. Not
 * thread-safe (work buffers are fields).
 */
public final class StructuredLightRenderer {
  /**
   * @param ambientIrradiance E_a (>= 0)
   * @param projectorPower P (>= 0)
   * @param backgroundRadiance radiance where no subject is seen (>= 0)
   * @param maxBlurLevels K, the most defocus levels per frame (>= 1)
   */
  public record Config(double ambientIrradiance, double projectorPower, double backgroundRadiance, int maxBlurLevels) {
    /** Ambient 0.05, power 1, background 0, 3 blur levels. */
    public static Config defaults() {
      return new Config(0.05, 1.0, 0.0, 3);
    }

    /** Throws {@link IllegalArgumentException} naming the first invalid field. */
    public Config check() {
      if (!(ambientIrradiance >= 0) || !Double.isFinite(ambientIrradiance)) {
        throw new IllegalArgumentException("ambientIrradiance must be finite and >= 0, got " + ambientIrradiance);
      }
      if (!(projectorPower >= 0) || !Double.isFinite(projectorPower)) {
        throw new IllegalArgumentException("projectorPower must be finite and >= 0, got " + projectorPower);
      }
      if (!(backgroundRadiance >= 0) || !Double.isFinite(backgroundRadiance)) {
        throw new IllegalArgumentException("backgroundRadiance must be finite and >= 0, got " + backgroundRadiance);
      }
      if (maxBlurLevels < 1) {
        throw new IllegalArgumentException("maxBlurLevels must be >= 1, got " + maxBlurLevels);
      }
      return this;
    }
  }

  /** Levels whose σ² span is below this (px²) collapse to one level. */
  private static final double MIN_VARIANCE_SPAN = 0.01;

  private final Config config;
  private final RowExecutor rows;
  private final GrayF32 base = new GrayF32(1, 1);
  private final GrayF32 tmp = new GrayF32(1, 1);
  private GrayF32[] levels = new GrayF32[0];
  private double[] levelSigma = new double[0];
  private final GrayF32 levelPos = new GrayF32(1, 1);
  private SceneLookup cachedLookup;
  private int cachedCompute = -1;
  private int cachedProjector = -1;
  /** Projector pixels that {@link #sample} reads for the cached lookup: [readX0, readX1) × [readY0, readY1). */
  private int readX0;
  private int readY0;
  private int readX1;
  private int readY1;

  public StructuredLightRenderer(Config config, RowExecutor rows) {
    this.config = Objects.requireNonNull(config, "config").check();
    this.rows = Objects.requireNonNull(rows, "rows");
  }

  public Config config() {
    return config;
  }

  /** σ (projector px) of each defocus level used for the current lookup and projector (copy). */
  public double[] levelSigmas() {
    return levelSigma.clone();
  }

  /**
   * Renders the frame that {@code pattern} (projector-sized GrayU8, GrayU16 or GrayF32) on projector
   * {@code projector} (scene order) produces in the lookup's camera, into {@code out} (reshaped).
   */
  public void render(SceneLookup lookup, int projector, ImageBase pattern, GrayF32 out) {
    Objects.requireNonNull(lookup, "lookup");
    ProjectorSource src = lookup.scene().projectors().get(projector);
    if (pattern.width() != src.model().width() || pattern.height() != src.model().height()) {
      throw new IllegalArgumentException("pattern is " + pattern.width() + "x" + pattern.height() + " but projector "
          + src.id() + " is " + src.model().width() + "x" + src.model().height());
    }
    prepare(lookup, projector, src);
    PatternBlur.toFloat(pattern, base);
    for (int k = 0; k < levelSigma.length; k++) {
      PatternBlur.gaussian(base, levelSigma[k], tmp, levels[k], rows, readX0, readY0, readX1, readY1);
    }
    int w = lookup.width();
    out.reshape(w, lookup.height());
    SceneLookup.ProjectorMaps m = lookup.projector(projector);
    float ambient = (float) config.ambientIrradiance();
    float power = (float) config.projectorPower();
    float background = (float) config.backgroundRadiance();
    int last = levelSigma.length - 1;
    rows.forEachBand(lookup.height(), (y0, y1) -> {
      byte[] mask = lookup.mask.data;
      byte[] lit = m.lit.data;
      float[] uv = m.uv.data;
      float[] geom = m.geometry.data;
      float[] albedo = lookup.albedo.data;
      float[] pos = levelPos.data;
      float[] o = out.data;
      for (int y = y0; y < y1; y++) {
        int orow = out.indexOf(0, y);
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          if (mask[i] == 0) {
            o[orow + x] = background;
            continue;
          }
          float e = ambient;
          if (lit[i] != 0) {
            float p;
            float t = pos[i];
            int k0 = Math.min((int) t, last);
            float a = t - k0;
            p = sample(levels[k0], uv[2 * i], uv[2 * i + 1]);
            if (a > 0 && k0 < last) {
              p += a * (sample(levels[k0 + 1], uv[2 * i], uv[2 * i + 1]) - p);
            }
            e += power * geom[i] * p;
          }
          o[orow + x] = albedo[i] * e;
        }
      }
    });
  }

  /** Bilinear sample of compact {@code img} at (u, v), coordinates clamped to the pixel-centre grid. */
  static float sample(GrayF32 img, float u, float v) {
    int w = img.width();
    int h = img.height();
    float cu = Math.min(Math.max(u, 0f), w - 1);
    float cv = Math.min(Math.max(v, 0f), h - 1);
    int x0 = Math.min((int) cu, w - 2 < 0 ? 0 : w - 2);
    int y0 = Math.min((int) cv, h - 2 < 0 ? 0 : h - 2);
    float fx = cu - x0;
    float fy = cv - y0;
    int x1 = Math.min(x0 + 1, w - 1);
    int y1 = Math.min(y0 + 1, h - 1);
    float[] d = img.data;
    float top = d[y0 * w + x0] + fx * (d[y0 * w + x1] - d[y0 * w + x0]);
    float bot = d[y1 * w + x0] + fx * (d[y1 * w + x1] - d[y1 * w + x0]);
    return top + fy * (bot - top);
  }

  /** Chooses defocus levels and per-pixel level positions once per (lookup compute, projector). */
  private void prepare(SceneLookup lookup, int projector, ProjectorSource src) {
    if (lookup == cachedLookup && lookup.computeCount() == cachedCompute && projector == cachedProjector) {
      return;
    }
    SceneLookup.ProjectorMaps m = lookup.projector(projector);
    ProjectorOptics optics = src.optics();
    double f = src.focalPx();
    int n = lookup.width() * lookup.height();
    levelPos.reshape(lookup.width(), lookup.height());
    double vMin = Double.POSITIVE_INFINITY;
    double vMax = 0;
    for (int i = 0; i < n; i++) {
      if (m.lit.data[i] != 0) {
        double s = optics.blurSigmaPx(f, m.depth.data[i]);
        vMin = Math.min(vMin, s * s);
        vMax = Math.max(vMax, s * s);
      }
    }
    if (vMin > vMax) {
      vMin = 0;
      vMax = 0;
    }
    int k = vMax - vMin < MIN_VARIANCE_SPAN ? 1 : config.maxBlurLevels();
    levelSigma = new double[k];
    for (int j = 0; j < k; j++) {
      double var = k == 1 ? 0.5 * (vMin + vMax) : vMin + (vMax - vMin) * j / (k - 1);
      levelSigma[j] = Math.sqrt(var);
    }
    if (levels.length != k) {
      GrayF32[] l = new GrayF32[k];
      for (int j = 0; j < k; j++) {
        l[j] = j < levels.length ? levels[j] : new GrayF32(1, 1);
      }
      levels = l;
    }
    for (int i = 0; i < n; i++) {
      float t = 0;
      if (k > 1 && m.lit.data[i] != 0) {
        double s = optics.blurSigmaPx(f, m.depth.data[i]);
        t = (float) Math.min(k - 1, Math.max(0, (s * s - vMin) / (vMax - vMin) * (k - 1)));
      }
      levelPos.data[i] = t;
    }
    // The projector region the lit pixels sample (bilinear: the floor and the next pixel; 1 px margin).
    float uMin = Float.POSITIVE_INFINITY;
    float uMax = Float.NEGATIVE_INFINITY;
    float vMin2 = Float.POSITIVE_INFINITY;
    float vMax2 = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (m.lit.data[i] != 0 && lookup.mask.data[i] != 0) {
        float u = m.uv.data[2 * i];
        float v = m.uv.data[2 * i + 1];
        if (Float.isNaN(u) || Float.isNaN(v)) {
          uMin = 0; // sample() reads clamped NaN as pixel 0: keep the whole image
          vMin2 = 0;
          uMax = Float.POSITIVE_INFINITY;
          vMax2 = Float.POSITIVE_INFINITY;
          continue;
        }
        uMin = Math.min(uMin, u);
        uMax = Math.max(uMax, u);
        vMin2 = Math.min(vMin2, v);
        vMax2 = Math.max(vMax2, v);
      }
    }
    int pw = src.model().width();
    int ph = src.model().height();
    if (uMin <= uMax && vMin2 <= vMax2) {
      readX0 = (int) Math.max(0, Math.floor(Math.min(Math.max(uMin, 0f), pw - 1)) - 1);
      readX1 = (int) Math.min(pw, Math.floor(Math.min(Math.max(uMax, 0f), pw - 1)) + 3);
      readY0 = (int) Math.max(0, Math.floor(Math.min(Math.max(vMin2, 0f), ph - 1)) - 1);
      readY1 = (int) Math.min(ph, Math.floor(Math.min(Math.max(vMax2, 0f), ph - 1)) + 3);
    } else {
      readX0 = 0;
      readY0 = 0;
      readX1 = 0;
      readY1 = 0;
    }
    cachedLookup = lookup;
    cachedCompute = lookup.computeCount();
    cachedProjector = projector;
  }
}
