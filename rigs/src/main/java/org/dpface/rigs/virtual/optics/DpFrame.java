package org.dpface.rigs.virtual.optics;

import java.util.Arrays;
import org.dpface.core.image.GrayF32;

/**
 * Work buffers of one render of {@link DualPixelRenderer}: the per-half accumulation images over a
 * {@link DpLayers} classification. Reused across renders (reallocated only when the image grows).
 * Index 0 of every pair is the left view, 1 the right.
 */
final class DpFrame {
  int width;
  int height;
  /** The classification being rendered. */
  DpLayers layers;
  /** Per half and pixel: the last layer composited there with nonzero coverage (deferred occlusion). */
  final int[][] pendingLayer = new int[2][0];
  /** Current layer's scattered premultiplied radiance and coverage, per half. */
  final float[][] layerC = new float[2][0];
  final float[][] layerA = new float[2][0];
  /** Composited radiance and coverage, per half. */
  final float[][] accC = new float[2][0];
  final float[][] accA = new float[2][0];
  /** Transmittance through layers two or more steps in front, and the pending opacity of the last layer. */
  final float[][] trans = new float[2][0];
  final float[][] pending = new float[2][0];
  /** True when every background pixel has the same radiance {@link #backgroundValue} (set per render). */
  boolean backgroundUniform;
  float backgroundValue;
  /** True when this render uses the classification's {@link DpCompositePlan} (set per render). */
  boolean planned;

  /** Raw radiance and coverage of the farthest layer that reached the pixel (fills disocclusions). */
  final float[][] fillC = new float[2][0];
  final float[][] fillA = new float[2][0];

  void reshape(DpLayers l) {
    layers = l;
    int w = l.width;
    int h = l.height;
    width = w;
    height = h;
    int n = w * h;
    if (pendingLayer[0].length < n) {
      pendingLayer[0] = new int[n];
      pendingLayer[1] = new int[n];
      for (float[][] pair : new float[][][] {layerC, layerA, accC, accA, trans, pending, fillC, fillA}) {
        pair[0] = new float[n];
        pair[1] = new float[n];
      }
    }
  }

  /**
   * Decides whether the background layer has one radiance everywhere (then it can be gathered, see
   * {@code DpBandCompositor}); records it.
   */
  void checkUniformBackground(GrayF32 radiance) {
    DpLayers l = layers;
    int k = l.layerCount - 1;
    int first = l.layerStart[k];
    int end = l.layerStart[k + 1];
    backgroundUniform = first < end;
    if (!backgroundUniform) {
      return;
    }
    int[] order = l.order;
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

  /** Resets what a planned render accumulates: the composited and the layer radiance. */
  void resetRadiance() {
    int n = width * height;
    for (int h = 0; h < 2; h++) {
      Arrays.fill(accC[h], 0, n, 0f);
      Arrays.fill(layerC[h], 0, n, 0f);
    }
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
    Arrays.fill(pendingLayer[0], 0, n, -2);
    Arrays.fill(pendingLayer[1], 0, n, -2);
  }

}
