package org.dpface.rigs.virtual.render;

/**
 * Counter-based random numbers: every draw is a pure function of (seed, frame, pixel index, draw
 * number), so noise does not depend on thread count or order. The hash is the SplitMix64 finaliser
 * (G. L. Steele, D. Lea, C. H. Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014)
 * applied twice over the mixed key.
 */
public final class CounterRng {
  private CounterRng() {}

  /** SplitMix64 finaliser (a bijection on 64-bit values with full avalanche). */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** 64 random bits for (seed, frame, index, draw); equals {@code keyedBits(frameKey(seed, frame), index, draw)}. */
  public static long bits(long seed, long frame, long index, int draw) {
    return keyedBits(frameKey(seed, frame), index, draw);
  }

  /** The part of the key that depends only on (seed, frame): hoist it out of per-pixel loops. */
  public static long frameKey(long seed, long frame) {
    return mix(seed + 0x9e3779b97f4a7c15L * (frame + 1));
  }

  /** 64 random bits for (frame key, index, draw). */
  public static long keyedBits(long frameKey, long index, int draw) {
    return mix(frameKey ^ mix(index * 0x632be59bd9b4e019L + draw * 0xd1b54a32d192ed03L + 0x8cb92ba72f3d8dd7L));
  }

  /** Uniform in (0, 1] with 53 random bits, for (frame key, index, draw). */
  public static double keyedUniform(long frameKey, long index, int draw) {
    return ((keyedBits(frameKey, index, draw) >>> 11) + 1) * 0x1.0p-53;
  }

  /** Uniform in (0, 1] with 53 random bits. */
  public static double uniform(long seed, long frame, long index, int draw) {
    return ((bits(seed, frame, index, draw) >>> 11) + 1) * 0x1.0p-53;
  }
}
