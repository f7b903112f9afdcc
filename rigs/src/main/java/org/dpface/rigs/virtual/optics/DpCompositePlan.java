package org.dpface.rigs.virtual.optics;

import java.util.Arrays;

/**
 * The radiance-independent part of compositing a {@link DpLayers} classification with a uniform
 * background. In {@code DpBandCompositor} every coverage quantity (each layer's scattered coverage, the
 * transmittance T in front of it, the composited coverage, which layer fills a disocclusion) depends
 * only on the classification; only the premultiplied radiance depends on the frame. The plan records,
 * per half and layer, every pixel the layer reaches with the T it is attenuated by and whether it is the
 * fill candidate there, plus the final composited and fill coverage. A frame then scatters radiance
 * only and adds c · T at the recorded pixels: the same float operations on the same values as the full
 * composite, so the same bytes, at a fraction of the work.
 *
 * <p>Entries of half h and layer k are [{@code start[h][k]}, {@code start[h][k + 1]}), in raster order;
 * {@code pixel} holds 2 · index + (1 if the layer becomes the pixel's fill layer).
 */
final class DpCompositePlan {
  final int[][] start = new int[2][];
  final int[][] pixel = new int[2][];
  final float[][] transmittance = new float[2][];
  /** The layer's coverage at the pixel (used for the uniform background: its radiance is v0 · a). */
  final float[][] coverage = new float[2][];
  /** Final composited coverage and fill coverage per half and pixel. */
  final float[][] accA = new float[2][];
  final float[][] fillA = new float[2][];

  /** Collects the entries while the coverage-only composite runs, layer by layer. */
  static final class Builder {
    private final int[][] start;
    private final int[][] pixel = new int[2][];
    private final float[][] t = new float[2][];
    private final float[][] a = new float[2][];
    private final int[] size = new int[2];

    Builder(int layerCount, int initialCapacity) {
      start = new int[2][layerCount + 1];
      for (int h = 0; h < 2; h++) {
        pixel[h] = new int[initialCapacity];
        t[h] = new float[initialCapacity];
        a[h] = new float[initialCapacity];
      }
    }

    /**
     * Ends layer k: the entries added since the last layer ended are layer k's (layers end in
     * increasing order; a layer that never ends is empty).
     */
    void endLayer(int k) {
      for (int h = 0; h < 2; h++) {
        Arrays.fill(start[h], k + 1, start[h].length, size[h]);
      }
    }

    void add(int h, int index, float transmittance, float coverage, boolean fill) {
      int n = size[h];
      if (n == pixel[h].length) {
        int cap = Math.max(16, n + (n >> 1));
        pixel[h] = Arrays.copyOf(pixel[h], cap);
        t[h] = Arrays.copyOf(t[h], cap);
        a[h] = Arrays.copyOf(a[h], cap);
      }
      pixel[h][n] = 2 * index + (fill ? 1 : 0);
      t[h][n] = transmittance;
      a[h][n] = coverage;
      size[h] = n + 1;
    }

    DpCompositePlan build(DpFrame f) {
      DpCompositePlan p = new DpCompositePlan();
      int n = f.width * f.height;
      for (int h = 0; h < 2; h++) {
        p.start[h] = start[h];
        p.pixel[h] = Arrays.copyOf(pixel[h], size[h]);
        p.transmittance[h] = Arrays.copyOf(t[h], size[h]);
        p.coverage[h] = Arrays.copyOf(a[h], size[h]);
        p.accA[h] = Arrays.copyOf(f.accA[h], n);
        p.fillA[h] = Arrays.copyOf(f.fillA[h], n);
      }
      return p;
    }
  }
}
