package org.dpface.rigs.virtual.optics;

import java.util.Arrays;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;

/**
 * Work buffers of one render of {@link DualPixelRenderer}: the per-pixel classification into depth
 * layers and kernels, the pixels sorted by layer, and the per-half accumulation images. Reused across
 * renders (reallocated only when the image grows). Index 0 of every pair is the left view, 1 the right.
 */
final class DpFrame {
  int width;
  int height;
  /** Per pixel: bank index · 2 + (1 if the blur is negative, i.e. the halves swap). */
  int[] kernelCode = new int[0];
  /** Per pixel: its depth layer, 0 = nearest. */
  int[] layerOf = new int[0];
  /** Pixel indices (y · width + x) sorted by layer, raster order inside a layer. */
  int[] order = new int[0];
  /** Per pixel: the last layer composited there (for deferred occlusion). */
  int[] pendingLayer = new int[0];
  /** Layer count including the background layer; layer k's pixels are order[start[k] .. start[k+1]). */
  int layerCount;
  int[] layerStart = new int[0];
  int[] minX = new int[0];
  int[] maxX = new int[0];
  int[] minY = new int[0];
  int[] maxY = new int[0];
  int[] layerRadius = new int[0];

  /** Current layer's scattered premultiplied radiance and coverage, per half. */
  final float[][] layerC = new float[2][0];
  final float[][] layerA = new float[2][0];
  /** Composited radiance and coverage, per half. */
  final float[][] accC = new float[2][0];
  final float[][] accA = new float[2][0];
  /** Transmittance through layers two or more steps in front, and the pending opacity of the last layer. */
  final float[][] trans = new float[2][0];
  final float[][] pending = new float[2][0];
  /**
   * Integral image of the background indicator, (width + 1) × (height + 1): entry (x, y) counts the
   * background pixels in [0, x) × [0, y). Lets the background layer be gathered only where it borders
   * the surface or the image edge.
   */
  int[] backgroundIntegral = new int[0];
  /** True when every background pixel has the same radiance {@link #backgroundValue} (set per render). */
  boolean backgroundUniform;
  float backgroundValue;

  /** Raw radiance and coverage of the farthest layer that reached the pixel (fills disocclusions). */
  final float[][] fillC = new float[2][0];
  final float[][] fillA = new float[2][0];

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
      pendingLayer = new int[n];
      backgroundIntegral = new int[(w + 1) * (h + 1)];
      for (float[][] pair : new float[][][] {layerC, layerA, accC, accA, trans, pending, fillC, fillA}) {
        pair[0] = new float[n];
        pair[1] = new float[n];
      }
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
      layerRadius[k] = Math.max(layerRadius[k], bank.kernel(kernelCode[i] >> 1).radius);
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

  /**
   * Decides whether the background layer has one radiance everywhere (then it can be gathered, see
   * {@code DpBandCompositor}); records it.
   */
  void checkUniformBackground(GrayF32 radiance) {
    int k = layerCount - 1;
    int first = layerStart[k];
    int end = layerStart[k + 1];
    backgroundUniform = first < end;
    if (!backgroundUniform) {
      return;
    }
    int i0 = order[first];
    float v0 = radiance.data[radiance.indexOf(i0 % width, i0 / width)];
    for (int s = first + 1; s < end; s++) {
      int i = order[s];
      if (Float.floatToRawIntBits(radiance.data[radiance.indexOf(i % width, i / width)])
          != Float.floatToRawIntBits(v0)) {
        backgroundUniform = false;
        return;
      }
    }
    backgroundValue = v0;
  }

  /** Background pixels in the box [x0, x1) × [y0, y1) (clipped to the image by the caller). */
  int backgroundCount(int x0, int y0, int x1, int y1) {
    int iw = width + 1;
    int[] ii = backgroundIntegral;
    return ii[y1 * iw + x1] - ii[y0 * iw + x1] - ii[y1 * iw + x0] + ii[y0 * iw + x0];
  }

  /** Resets the accumulation images: nothing composited, full transmittance. */
  void resetAccumulators() {
    int n = width * height;
    for (int h = 0; h < 2; h++) {
      Arrays.fill(layerC[h], 0, n, 0f);
      Arrays.fill(layerA[h], 0, n, 0f);
      Arrays.fill(accC[h], 0, n, 0f);
      Arrays.fill(accA[h], 0, n, 0f);
      Arrays.fill(trans[h], 0, n, 1f);
      Arrays.fill(pending[h], 0, n, 0f);
      Arrays.fill(fillC[h], 0, n, 0f);
      Arrays.fill(fillA[h], 0, n, 0f);
    }
    Arrays.fill(pendingLayer, 0, n, -2);
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
