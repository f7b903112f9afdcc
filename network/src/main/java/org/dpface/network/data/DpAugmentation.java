package org.dpface.network.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.SplittableRandom;
import org.dpface.rigs.SplitAxis;

/**
 * Training-time augmentation of DP samples that keeps the DP geometry valid: the disparity label
 * d = a / Z + b (right(p + d) ≈ left(p) along the split axis) still describes the augmented pair, and
 * depth, normals and intrinsics are transformed with the pixels. Seeded by the caller's generator;
 * validation never augments.
 *
 * <p>Photometric (same parameters for both views, so their relation is untouched): intensities
 * (linear, about [0, 1]) are multiplied by a gain g, clipped to [0, 1] (the gain matters through
 * saturation, since {@code DpBatch} divides by the mean), raised to a power γ, and Gaussian noise of a
 * standard deviation σ drawn per sample is added independently to every pixel of both views (as
 * sensor noise is), then clipped at 0. σ is relative: a fraction of the pair's mean intensity after
 * gain and γ, the unit {@code DpBatch}'s normalisation sees, so the same setting perturbs a dim and a
 * bright capture equally (an absolute σ of 0.01 buried the sub-pixel DP shift of dim captures, whose
 * mean intensity is about 0.01).
 *
 * <p>Geometric (only exact ones):
 * <ul>
 *   <li>flip across the split axis (rows reversed, (u, v) ↦ (u, H − 1 − v)): disparity is along u and
 *       unchanged; the DP point-spread functions are symmetric across the split axis (uniform disc
 *       halves), so the flipped pair is a pair the optics could produce; normal y and cy' = H − 1 − cy
 *       change sign/side;
 *   <li>mirror along the split axis with the views swapped: L'(u) = R(W − 1 − u), R'(u) = L(W − 1 − u).
 *       From R(x + d) ≈ L(x): R'(u + d) = L(W − 1 − u − d) ≈ R(W − 1 − u) = L'(u), so d keeps its value
 *       and sign (a mirror without the swap would negate it, which a / Z + b cannot express); the left
 *       half-aperture PSF is the mirror image of the right one ({@code DpKernelBank}), so the swapped
 *       views again have left/right PSFs; normal x and cx' = W − 1 − cx change.
 * </ul>
 *
 * @param gainMin smallest gain
 * @param gainMax largest gain
 * @param gammaMin smallest γ
 * @param gammaMax largest γ
 * @param noiseMax largest noise σ as a fraction of the pair's mean intensity; σ is uniform in
 *     [0, noiseMax]
 * @param flipRowsProbability probability of the flip across the split axis
 * @param mirrorSwapProbability probability of the mirror along the split axis with swapped views
 */
public record DpAugmentation(double gainMin, double gainMax, double gammaMin, double gammaMax,
    double noiseMax, double flipRowsProbability, double mirrorSwapProbability) {
  public DpAugmentation {
    if (!(gainMin > 0 && gainMax >= gainMin) || !(gammaMin > 0 && gammaMax >= gammaMin)
        || !(noiseMax >= 0) || !(flipRowsProbability >= 0 && flipRowsProbability <= 1)
        || !(mirrorSwapProbability >= 0 && mirrorSwapProbability <= 1)) {
      throw new IllegalArgumentException("augmentation needs 0 < gainMin <= gainMax, 0 < gammaMin <= "
          + "gammaMax, noiseMax >= 0 and probabilities in [0, 1]");
    }
  }

  /** No augmentation (identity; draws nothing from the generator). */
  public static DpAugmentation none() {
    return new DpAugmentation(1, 1, 1, 1, 0, 0, 0);
  }

  /**
   * The {@code dpface train} defaults: gain 0.7–1.4, γ 0.8–1.25, σ ≤ 2 % of the mean intensity, both
   * flips at 1/2.
   */
  public static DpAugmentation defaults() {
    return new DpAugmentation(0.7, 1.4, 0.8, 1.25, 0.02, 0.5, 0.5);
  }

  /** True when {@link #apply} is the identity. */
  @JsonIgnore
  public boolean isIdentity() {
    return gainMin == 1 && gainMax == 1 && gammaMin == 1 && gammaMax == 1 && noiseMax == 0
        && flipRowsProbability == 0 && mirrorSwapProbability == 0;
  }

  /**
   * The augmented sample (new arrays) for a sample split along the width; {@code s} itself when
   * {@link #isIdentity()}.
   */
  public DpSample apply(DpSample s, SplittableRandom rng) {
    if (s.splitAxis() != SplitAxis.HORIZONTAL) {
      throw new IllegalArgumentException("sample " + s.sampleId() + " must be split along the width");
    }
    if (isIdentity()) {
      return s;
    }
    double gain = uniform(rng, gainMin, gainMax);
    double gamma = uniform(rng, gammaMin, gammaMax);
    double sigma = noiseMax > 0 ? rng.nextDouble() * noiseMax : 0;
    boolean flipRows = rng.nextDouble() < flipRowsProbability;
    boolean mirror = rng.nextDouble() < mirrorSwapProbability;
    long noiseSeed = rng.nextLong();
    DpSample g = geometric(s, flipRows, mirror);
    SplittableRandom noise = new SplittableRandom(noiseSeed);
    tone(g.left(), gain, gamma);
    tone(g.right(), gain, gamma);
    if (sigma > 0) {
      double level = (mean(g.left()) + mean(g.right())) / 2;
      addNoise(g.left(), sigma * level, noise);
      addNoise(g.right(), sigma * level, noise);
    }
    return g;
  }

  private static double uniform(SplittableRandom rng, double lo, double hi) {
    return hi > lo ? rng.nextDouble(lo, hi) : lo;
  }

  /** In place: clip(g·x, 0, 1)^γ. */
  static void tone(float[] x, double gain, double gamma) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.pow(Math.min(1, Math.max(0, gain * x[i])), gamma);
    }
  }

  /** In place: x + N(0, σ²), clipped at 0 ({@code sigma} in intensity units). */
  static void addNoise(float[] x, double sigma, SplittableRandom noise) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.max(0, x[i] + sigma * gaussian(noise));
    }
  }

  private static double mean(float[] x) {
    double sum = 0;
    for (float v : x) {
      sum += v;
    }
    return x.length == 0 ? 0 : sum / x.length;
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * A copy of {@code s} with rows reversed and/or mirrored along the width with the views swapped
   * (see the class comment); always copies, so the photometric step may write in place.
   */
  static DpSample geometric(DpSample s, boolean flipRows, boolean mirrorSwap) {
    int w = s.width();
    int h = s.height();
    int n = s.pixels();
    float[] l = new float[n];
    float[] r = new float[n];
    float[] z = new float[n];
    float[] nn = new float[3 * n];
    byte[] m = new byte[n];
    float[] srcL = mirrorSwap ? s.right() : s.left();
    float[] srcR = mirrorSwap ? s.left() : s.right();
    float sx = mirrorSwap ? -1 : 1;
    float sy = flipRows ? -1 : 1;
    for (int y = 0; y < h; y++) {
      int ys = flipRows ? h - 1 - y : y;
      for (int x = 0; x < w; x++) {
        int xs = mirrorSwap ? w - 1 - x : x;
        int src = ys * w + xs;
        int dst = y * w + x;
        l[dst] = srcL[src];
        r[dst] = srcR[src];
        z[dst] = s.depthMm()[src];
        m[dst] = s.mask()[src];
        nn[3 * dst] = sx * s.normal()[3 * src];
        nn[3 * dst + 1] = sy * s.normal()[3 * src + 1];
        nn[3 * dst + 2] = s.normal()[3 * src + 2];
      }
    }
    double[] k = s.intrinsics().clone();
    if (mirrorSwap) {
      k[2] = w - 1 - k[2];
    }
    if (flipRows) {
      k[3] = h - 1 - k[3];
    }
    return new DpSample(w, h, l, r, z, nn, m, s.a(), s.b(), s.splitAxis(), k, s.sampleId(),
        s.subjectId(), s.metadata());
  }
}
