package org.dpface.rigs.virtual.render;

import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;

/**
 * Pattern preparation for {@link StructuredLightRenderer}: conversion of a projector image to linear
 * float drive levels in [0, 1], and a separable Gaussian blur (projector defocus, see {@link
 * ProjectorOptics#blurSigmaPx}). Outside the projector image there is no light, so the blur pads with
 * zeros; the kernel has unit sum (light is conserved inside the image).
 */
public final class PatternBlur {
  /** Below this σ (projector pixels) the blur is skipped. */
  public static final double MIN_SIGMA_PX = 0.05;
  /** Kernel radius in σ. */
  public static final double RADIUS_SIGMAS = 3.0;

  private PatternBlur() {}

  /**
   * Writes {@code pattern} as float drive levels into {@code out} (reshaped to its size): GrayU8 / 255,
   * GrayU16 / 65535, GrayF32 copied as is (expected in [0, 1]).
   */
  public static void toFloat(ImageBase pattern, GrayF32 out) {
    int w = pattern.width();
    int h = pattern.height();
    out.reshape(w, h);
    float[] o = out.data;
    switch (pattern) {
      case GrayU8 p -> {
        for (int y = 0; y < h; y++) {
          int s = p.indexOf(0, y);
          for (int x = 0; x < w; x++) {
            o[y * w + x] = (p.data[s + x] & 0xFF) * (1f / 255f);
          }
        }
      }
      case GrayU16 p -> {
        for (int y = 0; y < h; y++) {
          int s = p.indexOf(0, y);
          for (int x = 0; x < w; x++) {
            o[y * w + x] = (p.data[s + x] & 0xFFFF) * (1f / 65535f);
          }
        }
      }
      case GrayF32 p -> {
        for (int y = 0; y < h; y++) {
          System.arraycopy(p.data, p.indexOf(0, y), o, y * w, w);
        }
      }
      default -> throw new IllegalArgumentException(
          "pattern must be GrayU8, GrayU16 or GrayF32, got " + pattern.getClass().getSimpleName());
    }
  }

  /**
   * Normalised sampled-Gaussian kernel whose discrete variance is exactly σ² (px²), radius ceil(3σ) + 1.
   * A Gaussian sampled at integer taps has less variance than σ² when σ is below about 1 px, so the
   * kernel's own width σ' is solved for (bisection; the sampled variance grows monotonically with σ')
   * so that the defocus second moment is right at every σ.
   */
  public static float[] kernel(double sigma) {
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("sigma must be finite and > 0, got " + sigma);
    }
    int r = (int) Math.ceil(RADIUS_SIGMAS * sigma) + 1;
    double target = sigma * sigma;
    double lo = 1e-3;
    double hi = 4 * sigma + 1;
    for (int it = 0; it < 60; it++) {
      double mid = 0.5 * (lo + hi);
      if (sampledVariance(mid, r) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double sp = 0.5 * (lo + hi);
    float[] k = new float[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      sum += Math.exp(-0.5 * i * i / (sp * sp));
    }
    for (int i = -r; i <= r; i++) {
      k[i + r] = (float) (Math.exp(-0.5 * i * i / (sp * sp)) / sum);
    }
    return k;
  }

  private static double sampledVariance(double s, int r) {
    double sum = 0;
    double m2 = 0;
    for (int i = -r; i <= r; i++) {
      double w = Math.exp(-0.5 * i * i / (s * s));
      sum += w;
      m2 += w * i * i;
    }
    return m2 / sum;
  }

  /**
   * Separable Gaussian blur of compact {@code src} into {@code dst} (reshaped) via {@code tmp}
   * (reshaped), zero padded. σ below {@link #MIN_SIGMA_PX} copies. Parallel over rows.
   */
  public static void gaussian(GrayF32 src, double sigma, GrayF32 tmp, GrayF32 dst, RowExecutor rows) {
    gaussian(src, sigma, tmp, dst, rows, 0, 0, src.width(), src.height());
  }

  /**
   * {@link #gaussian(GrayF32, double, GrayF32, GrayF32, RowExecutor)} computed only in the region
   * [x0, x1) × [y0, y1) of {@code dst} (clipped to the image), for a caller that reads nothing else:
   * there the values are the same bytes as the full blur (the image edges, not the region's, bound the
   * kernel); elsewhere {@code dst} is left as it was.
   */
  public static void gaussian(GrayF32 src, double sigma, GrayF32 tmp, GrayF32 dst, RowExecutor rows,
      int x0, int y0, int x1, int y1) {
    int w = src.width();
    int h = src.height();
    dst.reshape(w, h);
    if (!(sigma >= MIN_SIGMA_PX)) {
      dst.setTo(src);
      return;
    }
    int cx0 = Math.max(0, x0);
    int cx1 = Math.min(w, x1);
    int cy0 = Math.max(0, y0);
    int cy1 = Math.min(h, y1);
    if (cx0 >= cx1 || cy0 >= cy1) {
      return;
    }
    tmp.reshape(w, h);
    float[] k = kernel(sigma);
    int r = k.length / 2;
    float[] s = src.data;
    float[] t = tmp.data;
    float[] d = dst.data;
    int ty0 = Math.max(0, cy0 - r);
    int ty1 = Math.min(h, cy1 + r);
    rows.forEachBand(ty1 - ty0, (b0, b1) -> {
      for (int y = ty0 + b0; y < ty0 + b1; y++) {
        int row = src.indexOf(0, y);
        int out = y * w;
        // Tap-outer so the inner loop runs over x (vectorisable); every output still sums its taps in
        // increasing source order from 0, so the result is the same as a per-pixel dot product.
        for (int x = cx0; x < cx1; x++) {
          t[out + x] = 0;
        }
        for (int o = -r; o <= r; o++) {
          float kd = k[o + r];
          int xa = Math.max(cx0, -o);
          int xb = Math.min(cx1, w - o);
          int in = row + o;
          for (int x = xa; x < xb; x++) {
            t[out + x] += kd * s[in + x];
          }
        }
      }
    });
    rows.forEachBand(cy1 - cy0, (b0, b1) -> {
      for (int y = cy0 + b0; y < cy0 + b1; y++) {
        int a = Math.max(0, y - r);
        int b = Math.min(h - 1, y + r);
        int out = y * w;
        for (int x = cx0; x < cx1; x++) {
          d[out + x] = 0;
        }
        for (int j = a; j <= b; j++) {
          float kj = k[j - y + r];
          int in = j * w;
          for (int x = cx0; x < cx1; x++) {
            d[out + x] += kj * t[in + x];
          }
        }
      }
    });
  }
}
