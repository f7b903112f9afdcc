package org.dpface.rigs.virtual.optics;

import java.util.Arrays;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.SplitAxis;

/**
 * The depth-layer classification of one view for {@link DualPixelRenderer}: per pixel its blur kernel
 * and depth layer, the pixels sorted by layer, each layer's extent, and the background layer's coverage
 * per DP half (it depends only on the classification). It depends on the depth, the mask, the optics
 * and the renderer settings, not on the radiance: compute it once with {@link
 * DualPixelRenderer#classify} and reuse it for every frame of a fixed view (e.g. all structured-light
 * frames of a camera) with {@link DualPixelRenderer#renderPair(GrayF32, DpLayers, GrayF32, GrayF32)}.
 * Immutable once built; safe to share between renderers and threads. Made by {@code classify} it also
 * holds the {@link DpCompositePlan} of a uniform background (the radiance-independent side of the
 * composite), so a frame costs one radiance scatter and a sparse accumulation; about 70 bytes per
 * pixel in all for a face at 480 × 640.
 */
public final class DpLayers {
  int width;
  int height;
  /** Settings it was classified with (threads ignored). */
  DpRenderConfig config;
  DpKernelBank bank;
  SplitAxis axis;
  /** Per pixel: bank index · 2 + (1 if the blur is negative, i.e. the halves swap). */
  int[] kernelCode = new int[0];
  /** Per pixel: its depth layer, 0 = nearest. */
  int[] layerOf = new int[0];
  /** Pixel indices (y · width + x) sorted by layer, raster order inside a layer. */
  int[] order = new int[0];
  /** Layer count including the background layer; layer k's pixels are order[start[k] .. start[k+1]). */
  int layerCount;
  int[] layerStart = new int[0];
  int[] minX = new int[0];
  int[] maxX = new int[0];
  int[] minY = new int[0];
  int[] maxY = new int[0];
  int[] layerRadius = new int[0];

  /** Kernel of each bank index used by this classification (a plain-array view of the bank). */
  DpKernelBank.Kernel[] kernels = new DpKernelBank.Kernel[0];
  /**
   * Integral image of the background indicator, (width + 1) × (height + 1): entry (x, y) counts the
   * background pixels in [0, x) × [0, y). Lets the background layer be gathered only where it borders
   * the surface or the image edge.
   */
  int[] backgroundIntegral = new int[0];
  /**
   * Per half: the background layer's coverage (sum of the kernel taps whose source is a background
   * pixel inside the image) at every pixel, for the uniform-background path of {@code DpBandCompositor}.
   */
  final float[][] backgroundCoverage = new float[2][0];

  /** The composite plan for a uniform background, or null (built by {@link DualPixelRenderer#classify}). */
  DpCompositePlan plan;

  DpLayers() {}

  /** Width of the classified view (px). */
  public int width() {
    return width;
  }

  /** Height of the classified view (px). */
  public int height() {
    return height;
  }

  /** Number of layers including the background layer. */
  public int layerCount() {
    return layerCount;
  }

  void reshape(int w, int h) {
    width = w;
    height = h;
    int n = w * h;
    if (backgroundIntegral.length < (w + 1) * (h + 1)) {
      backgroundIntegral = new int[(w + 1) * (h + 1)];
    }
    if (kernelCode.length < n) {
      kernelCode = new int[n];
      layerOf = new int[n];
      order = new int[n];
      backgroundCoverage[0] = new float[n];
      backgroundCoverage[1] = new float[n];
    }
  }

  /**
   * Classifies every pixel: blur diameter from depth (or the background blur), its kernel code and its
   * layer; sorts pixels by layer and records each layer's bounding box and largest kernel radius.
   */
  void classify(GrayF32 depthMm, GrayU8 mask, ThinLensDp optics, DpKernelBank bank,
      double layerStepPx, double backgroundBlurPx) {
    int w = width;
    double maxBlur = bank.maxDiameterPx();
    double minBlur = Double.POSITIVE_INFINITY;
    double maxSurfaceBlur = Double.NEGATIVE_INFINITY;
    for (int y = 0; y < height; y++) {
      int di = depthMm.indexOf(0, y);
      int mi = mask == null ? 0 : mask.indexOf(0, y);
      for (int x = 0; x < w; x++) {
        float z = depthMm.data[di + x];
        boolean valid = z > 0 && z < Float.POSITIVE_INFINITY && (mask == null || mask.data[mi + x] != 0);
        int i = y * w + x;
        double c;
        if (valid) {
          c = clamp(optics.blurDiameterPx(z), maxBlur);
          minBlur = Math.min(minBlur, c);
          maxSurfaceBlur = Math.max(maxSurfaceBlur, c);
          layerOf[i] = 0;
        } else {
          c = clamp(backgroundBlurPx, maxBlur);
          layerOf[i] = -1;
        }
        kernelCode[i] = bank.indexOf(c) * 2 + (c < 0 ? 1 : 0);
        order[i] = Float.floatToRawIntBits((float) c); // temporary: the blur, read back below
      }
    }
    long base = minBlur == Double.POSITIVE_INFINITY ? 0 : (long) Math.floor(minBlur / layerStepPx);
    int surfaceLayers = minBlur == Double.POSITIVE_INFINITY ? 0
        : (int) ((long) Math.floor(maxSurfaceBlur / layerStepPx) - base + 1);
    // The background sits two steps behind the farthest surface layer, so every surface layer occludes it.
    int background = surfaceLayers + 1;
    layerCount = background + 1;
    ensureLayers(layerCount);
    int maxCode = 0;
    for (int i = 0; i < w * height; i++) {
      maxCode = Math.max(maxCode, kernelCode[i] >> 1);
    }
    if (kernels.length < maxCode + 1) {
      kernels = new DpKernelBank.Kernel[maxCode + 1];
    }
    Arrays.fill(kernels, null);
    for (int i = 0; i < w * height; i++) {
      int k = kernelCode[i] >> 1;
      if (kernels[k] == null) {
        kernels[k] = bank.kernel(k);
      }
    }
    int[] counts = new int[layerCount + 1];
    for (int i = 0; i < w * height; i++) {
      int layer;
      if (layerOf[i] < 0) {
        layer = background;
      } else {
        double c = Float.intBitsToFloat(order[i]);
        layer = (int) ((long) Math.floor(c / layerStepPx) - base);
      }
      layerOf[i] = layer;
      counts[layer + 1]++;
    }
    for (int k = 0; k < layerCount; k++) {
      counts[k + 1] += counts[k];
    }
    System.arraycopy(counts, 0, layerStart, 0, layerCount + 1);
    Arrays.fill(minX, 0, layerCount, Integer.MAX_VALUE);
    Arrays.fill(minY, 0, layerCount, Integer.MAX_VALUE);
    Arrays.fill(maxX, 0, layerCount, -1);
    Arrays.fill(maxY, 0, layerCount, -1);
    Arrays.fill(layerRadius, 0, layerCount, 0);
    for (int i = 0; i < w * height; i++) {
      int k = layerOf[i];
      order[counts[k]++] = i;
      int x = i % w;
      int y = i / w;
      minX[k] = Math.min(minX[k], x);
      maxX[k] = Math.max(maxX[k], x);
      minY[k] = Math.min(minY[k], y);
      maxY[k] = Math.max(maxY[k], y);
      layerRadius[k] = Math.max(layerRadius[k], kernels[kernelCode[i] >> 1].radius);
    }
    int[] ii = backgroundIntegral;
    int iw = w + 1;
    Arrays.fill(ii, 0, iw, 0);
    for (int y = 0; y < height; y++) {
      int rowSum = 0;
      int row = (y + 1) * iw;
      ii[row] = 0;
      for (int x = 0; x < w; x++) {
        rowSum += layerOf[y * w + x] == background ? 1 : 0;
        ii[row + x + 1] = ii[row - iw + x + 1] + rowSum;
      }
    }
  }

  /** Background pixels in the box [x0, x1) × [y0, y1) (clipped to the image by the caller). */
  int backgroundCount(int x0, int y0, int x1, int y1) {
    int iw = width + 1;
    int[] ii = backgroundIntegral;
    return ii[y1 * iw + x1] - ii[y0 * iw + x1] - ii[y1 * iw + x0] + ii[y0 * iw + x0];
  }

  private void ensureLayers(int n) {
    if (layerStart.length < n + 1) {
      layerStart = new int[n + 1];
      minX = new int[n];
      maxX = new int[n];
      minY = new int[n];
      maxY = new int[n];
      layerRadius = new int[n];
    }
  }

  private static double clamp(double c, double max) {
    return c > max ? max : c < -max ? -max : c;
  }
}
