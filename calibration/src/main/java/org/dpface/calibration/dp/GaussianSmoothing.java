package org.dpface.calibration.dp;

import org.dpface.core.image.GrayF32;

/** Separable Gaussian smoothing of a float image (borders clamped), for the DP measurements. */
final class GaussianSmoothing {
  private GaussianSmoothing() {}

  /** A new image: {@code in} convolved with a Gaussian of σ {@code sigmaPx} (kernel radius ⌈3σ⌉). */
  static GrayF32 apply(GrayF32 in, double sigmaPx) {
    int r = (int) Math.ceil(3 * sigmaPx);
    double[] k = new double[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = Math.exp(-0.5 * i * i / (sigmaPx * sigmaPx));
      sum += k[i + r];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    int w = in.width();
    int h = in.height();
    GrayF32 tmp = new GrayF32(w, h);
    GrayF32 out = new GrayF32(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int i = -r; i <= r; i++) {
          s += k[i + r] * in.get(Math.min(w - 1, Math.max(0, x + i)), y);
        }
        tmp.set(x, y, (float) s);
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int i = -r; i <= r; i++) {
          s += k[i + r] * tmp.get(x, Math.min(h - 1, Math.max(0, y + i)));
        }
        out.set(x, y, (float) s);
      }
    }
    return out;
  }
}
