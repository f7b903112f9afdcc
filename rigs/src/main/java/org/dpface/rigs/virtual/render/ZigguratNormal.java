package org.dpface.rigs.virtual.render;

/**
 * Standard normal draws from {@link CounterRng} by the ziggurat method (G. Marsaglia, W. W. Tsang, "The
 * Ziggurat Method for Generating Random Variables", J. Stat. Software 5(8), 2000), with the layer index
 * and the abscissa taken from independent bits of one 64-bit hash (as J. A. Doornik recommends in "An
 * Improved Ziggurat Method to Generate Normal Random Samples", 2005). Exact in distribution: the
 * ziggurat is only a fast acceptance test in front of exact rejection sampling.
 *
 * <p>Algorithm overview, f(x) = exp(−x²/2), 256 layers of equal area V, x₁ = R (the tail start):
 * <ol>
 *   <li>one hash h: layer i = the low 8 bits, sign = bit 8, m = the top 53 bits as a uniform in [0, 1);
 *   <li>x = m · xᵢ; if m &lt; xᵢ₊₁ / xᵢ the point lies under the curve: return ±x (about 99% of draws);
 *   <li>layer 0 beyond R: the tail, by Marsaglia's exponential rejection (x = −ln(U₁)/R, y = −ln(U₂),
 *       accept if 2y &gt; x²; return ±(R + x));
 *   <li>otherwise the wedge: accept if f(xᵢ) + U · (f(xᵢ₊₁) − f(xᵢ)) &lt; f(x), else start over.
 * </ol>
 * Every hash is keyed by (frame key, pixel index, draw number): a draw starts at its {@code drawBase}
 * and each rejected attempt moves to the next draw number, so results never depend on thread order.
 */
public final class ZigguratNormal {
  /** Layers. */
  static final int LAYERS = 256;
  /** Right end of the base strip, where the tail starts. */
  static final double R = 3.6541528853610088;
  /** Area of each layer (the base strip includes the tail). */
  static final double V = 4.928673233974658e-3;

  /** Layer widths x₀ … x₂₅₆ (x₀ = V / f(R) the base strip's equivalent width, x₂₅₆ = 0). */
  static final double[] X = new double[LAYERS + 1];
  /** f(xᵢ). */
  static final double[] F = new double[LAYERS + 1];
  /** xᵢ₊₁ / xᵢ: the fast-acceptance threshold of layer i. */
  private static final double[] RATIO = new double[LAYERS];

  static {
    X[0] = V / Math.exp(-0.5 * R * R);
    X[1] = R;
    for (int i = 1; i < LAYERS - 1; i++) {
      X[i + 1] = Math.sqrt(-2 * Math.log(V / X[i] + Math.exp(-0.5 * X[i] * X[i])));
    }
    X[LAYERS] = 0;
    for (int i = 0; i <= LAYERS; i++) {
      F[i] = Math.exp(-0.5 * X[i] * X[i]);
    }
    for (int i = 0; i < LAYERS; i++) {
      RATIO[i] = X[i + 1] / X[i];
    }
  }

  private ZigguratNormal() {}

  /**
   * One N(0, 1) draw for (frame key, index), using draw numbers {@code drawBase}, {@code drawBase + 1},
   * … (one per attempt; more than one in about 1% of draws).
   *
   * @param frameKey {@link CounterRng#frameKey}
   */
  public static double draw(long frameKey, long index, int drawBase) {
    long h = CounterRng.keyedBits(frameKey, index, drawBase);
    int i = (int) (h & 0xFF);
    double m = (h >>> 11) * 0x1.0p-53;
    if (m < RATIO[i]) {
      // Sign from bit 8 without a branch (it is unpredictable): flip the sign bit.
      return Double.longBitsToDouble(Double.doubleToRawLongBits(m * X[i]) ^ ((h & 0x100L) << 55));
    }
    return slowDraw(frameKey, index, drawBase, h);
  }

  /** The rest of {@link #draw} when its first attempt (hash {@code h}) is not a fast acceptance. */
  private static double slowDraw(long frameKey, long index, int drawBase, long first) {
    int draw = drawBase + 1;
    long h = first;
    while (true) {
      int i = (int) (h & 0xFF);
      double m = (h >>> 11) * 0x1.0p-53;
      boolean negative = (h & 0x100) != 0;
      if (m < RATIO[i]) {
        double x = m * X[i];
        return negative ? -x : x;
      }
      if (i == 0) {
        double t;
        double y;
        do {
          t = -Math.log(CounterRng.keyedUniform(frameKey, index, draw++)) / R;
          y = -Math.log(CounterRng.keyedUniform(frameKey, index, draw++));
        } while (2 * y <= t * t);
        return negative ? -(R + t) : R + t;
      }
      double x = m * X[i];
      double u = CounterRng.keyedUniform(frameKey, index, draw++);
      if (F[i] + u * (F[i + 1] - F[i]) < Math.exp(-0.5 * x * x)) {
        return negative ? -x : x;
      }
      h = CounterRng.keyedBits(frameKey, index, draw++);
    }
  }
}
