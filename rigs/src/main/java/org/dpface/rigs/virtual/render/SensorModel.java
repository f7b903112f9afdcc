package org.dpface.rigs.virtual.render;

import java.util.Objects;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;

/**
 * Linear sensor: radiance → electrons → raw digital numbers (DN) in a GrayU16, per pixel:
 *
 * <ol>
 *   <li>mean signal λ = max(0, L) · {@code electronsPerRadiance} (exposure time, aperture, pixel area
 *       and quantum efficiency folded into one factor);
 *   <li>shot noise: Poisson(λ), drawn exactly (Knuth's multiplication method) for λ &lt; {@link
 *       #POISSON_EXACT_BELOW}, else the Gaussian approximation λ + √λ · N(0, 1);
 *   <li>full-well saturation: min(that, {@code fullWellElectrons});
 *   <li>read noise: + {@code readNoiseElectrons} · N(0, 1);
 *   <li>DN = round({@code blackLevelDn} + {@code gainDnPerElectron} · electrons), clamped to [0,
 *       2^{@code adcBits} − 1]. Values are stored unshifted (a 12-bit sensor gives 0..4095).
 * </ol>
 *
 * Mean DN = black + gain · λ; variance (unsaturated, λ ≥ 20) = gain² · (λ + σ_read²) + 1/12
 * (quantisation). Noise is drawn from {@link CounterRng} keyed by (seed, frame, pixel index): same
 * inputs and seed give identical bytes for any thread count. Normals come from {@link ZigguratNormal}.
 * Where λ &gt; 64 and λ + 8√λ is below the full well, the shot and read normals are drawn as one
 * normal of variance λ + σ_read² (the clamps of steps 3 and 5 then act with probability below 10⁻¹⁴,
 * so this is the same distribution at half the draws).
 *
 * @param electronsPerRadiance electrons per unit radiance (> 0)
 * @param fullWellElectrons full-well capacity (> 0)
 * @param readNoiseElectrons read-noise σ in electrons (>= 0)
 * @param gainDnPerElectron conversion gain, DN per electron (> 0)
 * @param blackLevelDn dark (black) level in DN (>= 0, below the ADC maximum)
 * @param adcBits ADC resolution, 1..16 bits
 */
public record SensorModel(
    double electronsPerRadiance,
    double fullWellElectrons,
    double readNoiseElectrons,
    double gainDnPerElectron,
    double blackLevelDn,
    int adcBits) {
  /** Below this mean (electrons) shot noise is drawn exactly from the Poisson law. */
  public static final double POISSON_EXACT_BELOW = 20;

  /** First counter draw number of the shot-noise normal (far above any Poisson draw). */
  private static final int SHOT_DRAW = 1 << 20;
  /** First counter draw number of the read-noise normal. */
  private static final int READ_DRAW = 1 << 21;
  /**
   * Shot and read noise are drawn as one normal of the summed variance where neither clamp can act:
   * mean above this (e-) and more than {@link #COMBINED_SIGMAS} shot σ from 0 and the full well.
   */
  private static final double COMBINED_ABOVE = 64;
  private static final double COMBINED_SIGMAS = 8;

  /**
   * A DSLR-like 14-bit sensor: radiance 1 → 20,000 e-, full well 30,000 e-, read noise 3 e-, black level
   * 512 DN, gain chosen so the full well reaches the ADC maximum.
   */
  public static SensorModel defaults() {
    double full = 30000;
    return new SensorModel(20000, full, 3, (16383 - 512) / full, 512, 14);
  }

  /** Throws {@link IllegalArgumentException} naming the first invalid field. */
  public SensorModel check() {
    if (!(electronsPerRadiance > 0) || !Double.isFinite(electronsPerRadiance)) {
      throw new IllegalArgumentException("electronsPerRadiance must be finite and > 0, got " + electronsPerRadiance);
    }
    if (!(fullWellElectrons > 0) || !Double.isFinite(fullWellElectrons)) {
      throw new IllegalArgumentException("fullWellElectrons must be finite and > 0, got " + fullWellElectrons);
    }
    if (!(readNoiseElectrons >= 0) || !Double.isFinite(readNoiseElectrons)) {
      throw new IllegalArgumentException("readNoiseElectrons must be finite and >= 0, got " + readNoiseElectrons);
    }
    if (!(gainDnPerElectron > 0) || !Double.isFinite(gainDnPerElectron)) {
      throw new IllegalArgumentException("gainDnPerElectron must be finite and > 0, got " + gainDnPerElectron);
    }
    if (adcBits < 1 || adcBits > 16) {
      throw new IllegalArgumentException("adcBits must be in [1, 16], got " + adcBits);
    }
    if (!(blackLevelDn >= 0) || !(blackLevelDn < maxDn())) {
      throw new IllegalArgumentException("blackLevelDn must be in [0, " + maxDn() + "), got " + blackLevelDn);
    }
    return this;
  }

  /** Largest DN the ADC outputs, 2^adcBits − 1. */
  public int maxDn() {
    return (1 << adcBits) - 1;
  }

  /** Expected DN of radiance {@code radiance} before clipping and quantisation. */
  public double meanDn(double radiance) {
    return blackLevelDn + gainDnPerElectron * Math.max(0, radiance) * electronsPerRadiance;
  }

  /**
   * Exposes {@code radiance} as frame {@code frameIndex} with noise seed {@code seed} into {@code out}
   * (reshaped to the radiance size). Parallel over rows of {@code rows}; the result does not depend on
   * the thread count. The pixel index keying the noise is y · width + x.
   */
  public void expose(GrayF32 radiance, long seed, long frameIndex, GrayU16 out, RowExecutor rows) {
    check();
    Objects.requireNonNull(rows, "rows");
    int w = radiance.width();
    out.reshape(w, radiance.height());
    int max = maxDn();
    long key = CounterRng.frameKey(seed, frameIndex);
    double readVariance = readNoiseElectrons * readNoiseElectrons;
    rows.forEachBand(radiance.height(), (y0, y1) -> {
      float[] in = radiance.data;
      short[] o = out.data;
      for (int y = y0; y < y1; y++) {
        int irow = radiance.indexOf(0, y);
        int orow = out.indexOf(0, y);
        for (int x = 0; x < w; x++) {
          long index = (long) y * w + x;
          double lambda = Math.max(0, in[irow + x]) * electronsPerRadiance;
          double e;
          if (lambda < POISSON_EXACT_BELOW) {
            e = Math.min(poisson(key, index, lambda), fullWellElectrons);
            if (readNoiseElectrons > 0) {
              e += readNoiseElectrons * ZigguratNormal.draw(key, index, READ_DRAW);
            }
          } else {
            double headroom = fullWellElectrons - lambda;
            if (lambda > COMBINED_ABOVE && headroom > 0
                && headroom * headroom > COMBINED_SIGMAS * COMBINED_SIGMAS * lambda) {
              e = lambda + Math.sqrt(lambda + readVariance) * ZigguratNormal.draw(key, index, SHOT_DRAW);
            } else {
              e = lambda + Math.sqrt(lambda) * ZigguratNormal.draw(key, index, SHOT_DRAW);
              e = Math.min(Math.max(e, 0), fullWellElectrons);
              if (readNoiseElectrons > 0) {
                e += readNoiseElectrons * ZigguratNormal.draw(key, index, READ_DRAW);
              }
            }
          }
          long dn = Math.round(blackLevelDn + gainDnPerElectron * e);
          o[orow + x] = (short) Math.min(max, Math.max(0, dn));
        }
      }
    });
  }

  /**
   * Exposes {@code radiance} without noise into {@code out} (reshaped to the radiance size): steps 1,
   * 3 and 5 of the class comment, DN = round(black + gain · min(full well, max(0, L) · e/L)), clamped.
   * Parallel over rows of {@code rows}.
   */
  public void exposeNoiseless(GrayF32 radiance, GrayU16 out, RowExecutor rows) {
    int w = radiance.width();
    out.reshape(w, radiance.height());
    int max = maxDn();
    rows.forEachBand(radiance.height(), (y0, y1) -> {
      for (int y = y0; y < y1; y++) {
        int i = radiance.indexOf(0, y);
        int o = out.indexOf(0, y);
        for (int x = 0; x < w; x++) {
          double e = Math.min(fullWellElectrons, Math.max(0, radiance.data[i + x]) * electronsPerRadiance);
          long dn = Math.round(blackLevelDn + gainDnPerElectron * e);
          out.data[o + x] = (short) Math.min(max, Math.max(0, dn));
        }
      }
    });
  }

  /** Exact Poisson(λ) draw (Knuth's multiplication method) from draws 0, 1, … of the pixel's key. */
  private static int poisson(long key, long index, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    double limit = Math.exp(-lambda);
    double p = CounterRng.keyedUniform(key, index, 0);
    int k = 0;
    int draw = 1;
    while (p > limit) {
      p *= CounterRng.keyedUniform(key, index, draw++);
      k++;
    }
    return k;
  }
}
