package org.dpface.rigs.virtual.optics;

/**
 * Settings of {@link DualPixelRenderer}.
 *
 * @param threads worker threads of the renderer's bounded pool (1 = render on the calling thread);
 *     results are identical for every value
 * @param layerStepPx thickness of one depth layer in signed blur diameter (px). Pixels whose layers are
 *     adjacent add linearly (one continuous surface); a layer occludes the layers two or more steps
 *     behind it. So depth steps worth more than about one to two steps of blur are occlusions
 * @param maxBlurDiameterPx blur diameters are clamped to this (px); it bounds the cost per pixel
 * @param kernelStepPx quantisation of the blur diameter for the kernel bank (px); the DP disparity
 *     error from it is at most {@code k · kernelStepPx / 2} (0.0066 px at the default 1/32)
 * @param backgroundBlurPx signed blur diameter (px) given to pixels without a surface (depth ≤ 0, not
 *     finite, or mask 0), which form a layer behind everything; NaN = the blur of a point at infinity
 *     (clamped to {@code maxBlurDiameterPx})
 */
public record DpRenderConfig(
    int threads, double layerStepPx, double maxBlurDiameterPx, double kernelStepPx,
    double backgroundBlurPx) {
  public DpRenderConfig {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (!(layerStepPx > 0) || Double.isInfinite(layerStepPx)) {
      throw new IllegalArgumentException("layer step must be positive, got " + layerStepPx);
    }
    if (!(maxBlurDiameterPx > 0 && maxBlurDiameterPx <= 64)) {
      throw new IllegalArgumentException("max blur diameter must be in (0, 64] px, got "
          + maxBlurDiameterPx);
    }
    if (!(kernelStepPx > 0 && kernelStepPx <= maxBlurDiameterPx)) {
      throw new IllegalArgumentException("kernel step must be in (0, max blur], got " + kernelStepPx);
    }
    if (Double.isInfinite(backgroundBlurPx)) {
      throw new IllegalArgumentException("background blur must be finite or NaN");
    }
  }

  /**
   * Defaults: 1 thread, layer step 1 px, blur clamped at 12 px, kernel step 1/32 px, background blurred
   * as at infinity.
   */
  public static DpRenderConfig defaults() {
    return new DpRenderConfig(1, 1.0, 12.0, 1.0 / 32, Double.NaN);
  }

  /** A copy with another thread count. */
  public DpRenderConfig withThreads(int n) {
    return new DpRenderConfig(n, layerStepPx, maxBlurDiameterPx, kernelStepPx, backgroundBlurPx);
  }

  /** A copy with another background blur (NaN = at infinity). */
  public DpRenderConfig withBackgroundBlurPx(double px) {
    return new DpRenderConfig(threads, layerStepPx, maxBlurDiameterPx, kernelStepPx, px);
  }
}
