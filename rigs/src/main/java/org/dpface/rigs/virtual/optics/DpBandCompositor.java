package org.dpface.rigs.virtual.optics;

import java.util.Arrays;
import org.dpface.core.image.GrayF32;
import org.dpface.rigs.SplitAxis;

/**
 * Renders the output rows [y0, y1) of a classified {@link DpFrame}: for every depth layer, front to
 * back, scatters the layer's pixels with their half-aperture kernels (only taps that land in the band),
 * then composites the layer into the accumulators. Bands touch disjoint rows and every output pixel
 * receives its contributions in the same order (sources in raster order, taps in kernel order) for any
 * band partition, so the result does not depend on the number of threads.
 */
final class DpBandCompositor {
  /** Coverage below which a layer does not count as having reached a pixel (for hole filling). */
  static final float REACH_EPS = 1e-6f;

  private DpBandCompositor() {}

  static void renderBand(DpFrame f, GrayF32 radiance, int y0, int y1) {
    renderBand(f, radiance, y0, y1, null);
  }

  /** {@link #renderBand}, recording the composite into {@code plan} when not null. */
  static void renderBand(DpFrame f, GrayF32 radiance, int y0, int y1, DpCompositePlan.Builder plan) {
    DpLayers l = f.layers;
    for (int k = 0; k < l.layerCount; k++) {
      int first = l.layerStart[k];
      int end = l.layerStart[k + 1];
      if (first == end) {
        continue;
      }
      int r = l.layerRadius[k];
      int ylo = Math.max(y0, l.minY[k] - r);
      int yhi = Math.min(y1, l.maxY[k] + r + 1);
      if (ylo >= yhi) {
        continue;
      }
      int xlo = Math.max(0, l.minX[k] - r);
      int xhi = Math.min(l.width, l.maxX[k] + r + 1);
      if (k == l.layerCount - 1 && f.backgroundUniform) {
        compositeLayer(f, k, true, xlo, xhi, ylo, yhi, plan);
      } else {
        scatterLayer(f, radiance, first, end, r, ylo, yhi, true);
        compositeLayer(f, k, false, xlo, xhi, ylo, yhi, plan);
      }
      if (plan != null) {
        plan.endLayer(k);
      }
    }
  }

  /**
   * Renders rows [y0, y1) with the classification's {@link DpCompositePlan} (uniform background only):
   * per layer, scatters the radiance alone and adds c · T at the planned pixels; the coverage side comes
   * from the plan. Same bytes as {@link #renderBand}.
   */
  static void renderBandPlanned(DpFrame f, GrayF32 radiance, int y0, int y1) {
    DpLayers l = f.layers;
    DpCompositePlan p = l.plan;
    int w = l.width;
    float v0 = f.backgroundValue;
    int background = l.layerCount - 1;
    for (int k = 0; k < l.layerCount; k++) {
      int first = l.layerStart[k];
      int end = l.layerStart[k + 1];
      if (first == end) {
        continue;
      }
      int r = l.layerRadius[k];
      int ylo = Math.max(y0, l.minY[k] - r);
      int yhi = Math.min(y1, l.maxY[k] + r + 1);
      if (ylo >= yhi) {
        continue;
      }
      boolean bg = k == background;
      if (!bg) {
        scatterLayer(f, radiance, first, end, r, ylo, yhi, false);
      }
      for (int h = 0; h < 2; h++) {
        int[] px = p.pixel[h];
        float[] tr = p.transmittance[h];
        float[] cov = p.coverage[h];
        float[] lc = f.layerC[h];
        float[] cc = f.accC[h];
        float[] fc = f.fillC[h];
        int s0 = lowerBound(px, p.start[h][k], p.start[h][k + 1], 2 * ylo * w);
        int s1 = lowerBound(px, s0, p.start[h][k + 1], 2 * yhi * w);
        for (int s = s0; s < s1; s++) {
          int code = px[s];
          int i = code >>> 1;
          float c = bg ? v0 * cov[s] : lc[i];
          cc[i] += c * tr[s];
          if ((code & 1) != 0) {
            fc[i] = c;
          }
        }
        if (!bg) {
          int xlo = Math.max(0, l.minX[k] - r);
          int xhi = Math.min(w, l.maxX[k] + r + 1);
          for (int y = ylo; y < yhi; y++) {
            Arrays.fill(lc, y * w + xlo, y * w + xhi, 0f);
          }
        }
      }
    }
  }

  /**
   * Scatters the layer's sources order[first, end) into rows [ylo, yhi) of the layer buffers: their
   * premultiplied radiance, and with {@code coverage} their unit coverage too (without it, as for a
   * planned render whose coverage is in the plan, sources of zero radiance add nothing and are skipped).
   */
  private static void scatterLayer(DpFrame f, GrayF32 radiance, int first, int end, int r, int ylo,
      int yhi, boolean coverage) {
    DpLayers l = f.layers;
    SplitAxis axis = l.axis;
    int w = f.width;
    int[] order = l.order;
    int from = lowerBound(order, first, end, Math.max(0, ylo - r) * w);
    int until = Math.min((yhi + r) * w, w * f.height);
    float[] cl = f.layerC[0];
    float[] cr = f.layerC[1];
    float[] al = f.layerA[0];
    float[] ar = f.layerA[1];
    float[] rad = radiance.data;
    DpKernelBank.Kernel[] kernels = l.kernels;
    int[] kernelCode = l.kernelCode;
    for (int s = from; s < end; s++) {
      int i = order[s];
      if (i >= until) {
        break;
      }
      int x = i % w;
      int y = i / w;
      float v = rad[radiance.indexOf(x, y)];
      if (v == 0f && !coverage) {
        continue; // adds zeros
      }
      int code = kernelCode[i];
      DpKernelBank.Kernel kern = kernels[code >> 1];
      boolean swap = (code & 1) != 0;
      float[] wl = swap ? kern.right : kern.left;
      float[] wr = swap ? kern.left : kern.right;
      int[] dx = kern.dx(axis);
      int[] dy = kern.dy(axis);
      int n = wl.length;
      int kr = kern.radius;
      if (y - kr >= ylo && y + kr < yhi && x - kr >= 0 && x + kr < w) {
        if (!coverage) {
          for (int t = 0; t < n; t++) {
            int o = i + dy[t] * w + dx[t];
            cl[o] += v * wl[t];
            cr[o] += v * wr[t];
          }
        } else if (v == 0f) {
          for (int t = 0; t < n; t++) {
            int o = i + dy[t] * w + dx[t];
            al[o] += wl[t];
            ar[o] += wr[t];
          }
        } else {
          for (int t = 0; t < n; t++) {
            int o = i + dy[t] * w + dx[t];
            float a = wl[t];
            float b = wr[t];
            cl[o] += v * a;
            cr[o] += v * b;
            al[o] += a;
            ar[o] += b;
          }
        }
      } else {
        for (int t = 0; t < n; t++) {
          int yy = y + dy[t];
          int xx = x + dx[t];
          if (yy < ylo || yy >= yhi || xx < 0 || xx >= w) {
            continue;
          }
          int o = yy * w + xx;
          float a = wl[t];
          float b = wr[t];
          cl[o] += v * a;
          cr[o] += v * b;
          if (coverage) {
            al[o] += a;
            ar[o] += b;
          }
        }
      }
    }
  }

  /**
   * The background layer's coverage per half for rows [y0, y1) into {@code l.backgroundCoverage}: the
   * sum of the kernel taps whose source p − offset is a background pixel inside the image. Where the
   * kernel's bounding box around p holds only background (and lies inside the image) that is the whole
   * kernel sum; where it holds none it is 0; only pixels near the surface's silhouette or the image edge
   * are gathered tap by tap. When the background radiance is one value v0 (the usual dark or flat
   * backdrop) the layer's scatter is v0 times this coverage: same result as the scatter up to float
   * summation order, at a fraction of its cost (the background's as-at-infinity blur is the largest
   * kernel of the frame), and it is computed once per classification, not per frame.
   */
  static void backgroundCoverageBand(DpLayers l, int y0, int y1) {
    int w = l.width;
    int h = l.height;
    int background = l.layerCount - 1;
    float[] al = l.backgroundCoverage[0];
    float[] ar = l.backgroundCoverage[1];
    if (l.layerStart[background] == l.layerStart[background + 1]) {
      Arrays.fill(al, y0 * w, y1 * w, 0f);
      Arrays.fill(ar, y0 * w, y1 * w, 0f);
      return;
    }
    int code = l.kernelCode[l.order[l.layerStart[background]]];
    DpKernelBank.Kernel kern = l.kernels[code >> 1];
    SplitAxis axis = l.axis;
    boolean swap = (code & 1) != 0;
    float[] wl = swap ? kern.right : kern.left;
    float[] wr = swap ? kern.left : kern.right;
    int[] dx = kern.dx(axis);
    int[] dy = kern.dy(axis);
    int n = wl.length;
    float sumL = 0f;
    float sumR = 0f;
    for (int t = 0; t < n; t++) {
      sumL += wl[t];
      sumR += wr[t];
    }
    int kr = kern.radius;
    int box = (2 * kr + 1) * (2 * kr + 1);
    int[] layerOf = l.layerOf;
    for (int y = y0; y < y1; y++) {
      int by0 = y - kr;
      int by1 = y + kr + 1;
      boolean rowInside = by0 >= 0 && by1 <= h;
      int cy0 = Math.max(0, by0);
      int cy1 = Math.min(h, by1);
      for (int x = 0; x < w; x++) {
        int x0 = x - kr;
        int x1 = x + kr + 1;
        int count = l.backgroundCount(Math.max(0, x0), cy0, Math.min(w, x1), cy1);
        float a;
        float b;
        if (count == 0) {
          a = 0f;
          b = 0f;
        } else if (count == box && rowInside && x0 >= 0 && x1 <= w) {
          a = sumL;
          b = sumR;
        } else {
          a = 0f;
          b = 0f;
          for (int t = 0; t < n; t++) {
            int sx = x - dx[t];
            int sy = y - dy[t];
            if (sx < 0 || sx >= w || sy < 0 || sy >= h || layerOf[sy * w + sx] != background) {
              continue;
            }
            a += wl[t];
            b += wr[t];
          }
        }
        int o = y * w + x;
        al[o] = a;
        ar[o] = b;
      }
    }
  }

  /**
   * Composites layer k over what is in front of it, per half h: the layer's premultiplied radiance and
   * coverage are attenuated by the transmittance T of the layers two or more steps in front (the
   * adjacent layer is the same surface and adds linearly); then the previous layer's opacity
   * min(1, 2a) is folded into T. Clears the layer buffers in the region. With {@code
   * uniformBackground} the layer is the background of uniform radiance v0: coverage a from {@link
   * DpLayers#backgroundCoverage}, radiance v0 · a (what the scatter would give, see {@link
   * #backgroundCoverageBand}).
   */
  private static void compositeLayer(DpFrame f, int k, boolean uniformBackground, int xlo, int xhi,
      int ylo, int yhi, DpCompositePlan.Builder plan) {
    int w = f.width;
    float v0 = f.backgroundValue;
    for (int h = 0; h < 2; h++) {
      float[] lc = f.layerC[h];
      float[] la = uniformBackground ? f.layers.backgroundCoverage[h] : f.layerA[h];
      float[] cc = f.accC[h];
      float[] ca = f.accA[h];
      float[] tr = f.trans[h];
      float[] pe = f.pending[h];
      float[] fc = f.fillC[h];
      float[] fa = f.fillA[h];
      int[] pendingLayer = f.pendingLayer[h];
      for (int y = ylo; y < yhi; y++) {
        int row = y * w;
        for (int i = row + xlo; i < row + xhi; i++) {
          float a = la[i];
          if (a == 0f) {
            // Not reached (then the radiance is 0 too): adds nothing, and leaving the pending opacity
            // in place folds it into T at the next layer that reaches the pixel, before that layer
            // adds, exactly as folding it now would.
            continue;
          }
          int pl = pendingLayer[i];
          float t = tr[i];
          float p = pe[i];
          if (pl <= k - 2) {
            t *= 1f - p;
          }
          float c = uniformBackground ? v0 * a : lc[i];
          cc[i] += c * t;
          if (plan != null) {
            plan.add(h, i, t, a, a > REACH_EPS);
          }
          ca[i] += a * t;
          if (pl == k - 1) {
            t *= 1f - p;
          }
          tr[i] = t;
          float alpha = 2f * a;
          pe[i] = alpha > 1f ? 1f : alpha;
          pendingLayer[i] = k;
          if (a > REACH_EPS) {
            fc[i] = c;
            fa[i] = a;
          }
          if (!uniformBackground) {
            lc[i] = 0f;
            la[i] = 0f;
          }
        }
      }
    }
  }

  /**
   * Writes one half's output for rows [y0, y1): where the composited coverage A reaches 1/2 (full) the
   * radiance is normalised, 0.5 · C / A; where it falls short (disocclusion behind a blurred occluder,
   * image border) the missing coverage is filled with the normalised radiance of the farthest layer that
   * reached the pixel, C + (1/2 − A) · c_far / a_far.
   */
  static void resolveBand(DpFrame f, int h, GrayF32 out, boolean add, int y0, int y1) {
    int w = f.width;
    float[] cc = f.accC[h];
    float[] ca = f.planned ? f.layers.plan.accA[h] : f.accA[h];
    float[] fc = f.fillC[h];
    float[] fa = f.planned ? f.layers.plan.fillA[h] : f.fillA[h];
    for (int y = y0; y < y1; y++) {
      int o = out.indexOf(0, y);
      int row = y * w;
      for (int x = 0; x < w; x++) {
        int i = row + x;
        float c = cc[i];
        float a = ca[i];
        float v;
        if (a >= 0.5f) {
          v = 0.5f * c / a;
        } else {
          float fill = fa[i] > 0f ? fc[i] / fa[i] : a > 0f ? c / a : 0f;
          v = c + (0.5f - a) * fill;
        }
        if (add) {
          out.data[o + x] += v;
        } else {
          out.data[o + x] = v;
        }
      }
    }
  }

  /** First position in order[from, to) whose value is at least {@code key} (order is ascending there). */
  private static int lowerBound(int[] order, int from, int to, int key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (order[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
