package org.dpface.core.io;

/**
 * Perceptual colormaps for pictures, as lookup tables of packed {@code 0xRRGGBB} sRGB colours.
 *
 * <ul>
 *   <li><b>Turbo</b> (sequential): Mikhailov, "Turbo, An Improved Rainbow Colormap for Visualization",
 *       Google AI Blog, 2019. Here piecewise linear through 33 knots of the published 256-entry table
 *       (entries 0, 8, ..., 248, 255); the largest deviation from the full table is 1.8 levels of 255.
 *   <li><b>Diverging</b> blue-white-red: ColorBrewer "RdBu" with 11 classes (Brewer, colorbrewer2.org),
 *       reversed so negative values are blue, zero is near-white {@code #f7f7f7} and positive values red;
 *       piecewise linear between the 11 colours.
 * </ul>
 */
public final class Colormaps {
  /** Turbo knots: table index, then R G B in [0, 1]. */
  private static final float[][] TURBO_KNOTS = {
    {0, 0.18995f, 0.07176f, 0.23217f},
    {8, 0.22500f, 0.16354f, 0.45096f},
    {16, 0.25107f, 0.25237f, 0.63374f},
    {24, 0.26816f, 0.33825f, 0.78050f},
    {32, 0.27628f, 0.42118f, 0.89123f},
    {40, 0.27543f, 0.50115f, 0.96594f},
    {48, 0.25862f, 0.57958f, 0.99876f},
    {56, 0.21382f, 0.65886f, 0.97959f},
    {64, 0.15844f, 0.73551f, 0.92305f},
    {72, 0.11167f, 0.80569f, 0.84525f},
    {80, 0.09267f, 0.86554f, 0.76230f},
    {88, 0.12014f, 0.91193f, 0.68660f},
    {96, 0.19659f, 0.94901f, 0.59466f},
    {104, 0.30513f, 0.97697f, 0.48987f},
    {112, 0.42778f, 0.99419f, 0.38575f},
    {120, 0.54658f, 0.99907f, 0.29581f},
    {128, 0.64362f, 0.98999f, 0.23356f},
    {136, 0.72596f, 0.96470f, 0.20640f},
    {144, 0.80473f, 0.92452f, 0.20459f},
    {152, 0.87530f, 0.87267f, 0.21555f},
    {160, 0.93301f, 0.81236f, 0.22667f},
    {168, 0.97323f, 0.74682f, 0.22536f},
    {176, 0.99314f, 0.67408f, 0.20348f},
    {184, 0.99593f, 0.58703f, 0.16899f},
    {192, 0.98360f, 0.49291f, 0.12849f},
    {200, 0.95801f, 0.39958f, 0.08831f},
    {208, 0.92105f, 0.31489f, 0.05475f},
    {216, 0.87422f, 0.24526f, 0.03297f},
    {224, 0.81608f, 0.18462f, 0.01809f},
    {232, 0.74617f, 0.13098f, 0.00851f},
    {240, 0.66449f, 0.08436f, 0.00424f},
    {248, 0.57103f, 0.04474f, 0.00529f},
    {255, 0.47960f, 0.01583f, 0.01055f},
  };

  /** ColorBrewer RdBu (11), from most negative (dark blue) to most positive (dark red). */
  private static final int[] DIVERGING_KNOTS = {
    0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b,
    0x67001f,
  };

  /** Turbo lookup table, 256 entries. */
  private static final int[] TURBO = buildTurbo();

  /** Entries in the diverging table: odd, so that entry {@code (DIVERGING_SIZE - 1) / 2} is zero. */
  public static final int DIVERGING_SIZE = 511;

  /** Diverging lookup table; its middle entry is exactly the centre colour. */
  private static final int[] DIVERGING = buildDiverging(DIVERGING_SIZE);

  private Colormaps() {}

  /** Turbo colour of {@code t} in [0, 1] (clamped; NaN gives the middle entry) as {@code 0xRRGGBB}. */
  public static int turbo(double t) {
    return TURBO[lutIndex(t, TURBO.length)];
  }

  /** Diverging colour of {@code s} in [-1, 1] (clamped; NaN gives the centre) as {@code 0xRRGGBB}. */
  public static int diverging(double s) {
    return DIVERGING[lutIndex((s + 1) * 0.5, DIVERGING.length)];
  }

  /** The turbo table (256 packed colours); a copy. */
  public static int[] turboTable() {
    return TURBO.clone();
  }

  /** The diverging table ({@link #DIVERGING_SIZE} packed colours); a copy. */
  public static int[] divergingTable() {
    return DIVERGING.clone();
  }

  /** Nearest table entry of {@code t} in [0, 1] (clamped; NaN counts as 0.5). */
  static int lutIndex(double t, int size) {
    double c = Double.isNaN(t) ? 0.5 : Math.min(1.0, Math.max(0.0, t));
    return (int) (c * (size - 1) + 0.5);
  }

  static int turboEntry(int index) {
    return TURBO[index];
  }

  static int divergingEntry(int index) {
    return DIVERGING[index];
  }

  private static int[] buildTurbo() {
    int[] lut = new int[256];
    for (int k = 0; k + 1 < TURBO_KNOTS.length; k++) {
      float[] a = TURBO_KNOTS[k];
      float[] b = TURBO_KNOTS[k + 1];
      int i0 = (int) a[0];
      int i1 = (int) b[0];
      for (int i = i0; i <= i1; i++) {
        double f = (double) (i - i0) / (i1 - i0);
        lut[i] = pack(lerp(a[1], b[1], f), lerp(a[2], b[2], f), lerp(a[3], b[3], f));
      }
    }
    return lut;
  }

  private static int[] buildDiverging(int size) {
    int[] lut = new int[size];
    int segments = DIVERGING_KNOTS.length - 1;
    for (int i = 0; i < size; i++) {
      double p = (double) i * segments / (size - 1);
      int k = Math.min((int) p, segments - 1);
      double f = p - k;
      int a = DIVERGING_KNOTS[k];
      int b = DIVERGING_KNOTS[k + 1];
      lut[i] = pack(
          lerp((a >>> 16) / 255.0, (b >>> 16) / 255.0, f),
          lerp(((a >>> 8) & 0xFF) / 255.0, ((b >>> 8) & 0xFF) / 255.0, f),
          lerp((a & 0xFF) / 255.0, (b & 0xFF) / 255.0, f));
    }
    return lut;
  }

  private static double lerp(double a, double b, double f) {
    return a + (b - a) * f;
  }

  private static int pack(double r, double g, double b) {
    return (to8(r) << 16) | (to8(g) << 8) | to8(b);
  }

  private static int to8(double v) {
    return (int) Math.min(255, Math.max(0, Math.round(v * 255)));
  }
}
