package org.dpface.reconstruction.codec;

/**
 * Thresholds of {@link PatternDecoder}. Intensities are relative to the input's full scale (255 for 8-bit,
 * 65535 for 16-bit frames), so one configuration serves both depths.
 *
 * @param shadowThreshold minimum white minus black (fraction of full scale); below it a pixel is SHADOW.
 *     Without white/black frames the largest pattern-minus-inverse difference stands in for it
 * @param saturationLevel a pixel with any frame at or above this fraction of full scale is SATURATED
 *     (a value above 1 disables the check)
 * @param minBitContrast minimum |pattern - inverse| / (white - black) for a decisive Gray bit
 * @param minModulation minimum phase amplitude / (white - black) (ideal sinusoid: 0.5)
 */
public record DecoderConfig(double shadowThreshold, double saturationLevel, double minBitContrast,
    double minModulation) {
  public DecoderConfig {
    check("shadowThreshold", shadowThreshold, 0, 1);
    check("saturationLevel", saturationLevel, 0, Double.MAX_VALUE);
    check("minBitContrast", minBitContrast, 0, 1);
    check("minModulation", minModulation, 0, 0.5);
  }

  private static void check(String name, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
    }
  }

  /** Defaults: shadow below 4% of full scale, saturation at 98%, bit contrast 20%, modulation 15%. */
  public static DecoderConfig defaults() {
    return new DecoderConfig(0.04, 0.98, 0.2, 0.15);
  }
}
