package org.dpface.reconstruction.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;

/**
 * Test scene: renders projector frames into a camera through a known smooth warp (camera pixel to projector
 * coordinate, affine plus a mild quadratic term), bilinear sampling of the projector image (zero outside it),
 * a Gaussian blur, smoothly varying albedo, ambient light, seeded Gaussian noise and 8- or 16-bit
 * quantisation, with a shadowed disc (no projector light) and a saturated rectangle (gain x6).
 */
final class SyntheticCamera {
  final int camW;
  final int camH;
  final int projW;
  final int projH;
  double blurSigma = 1.0;
  double ambient = 0.03;
  double gain = 0.9;
  double noiseSigma = 0.004;
  boolean shadowAndSaturation = true;
  /** True projector coordinates per camera pixel (row-major). */
  final double[] trueU;
  final double[] trueV;
  final float[] albedo;

  SyntheticCamera(int camW, int camH, int projW, int projH) {
    this.camW = camW;
    this.camH = camH;
    this.projW = projW;
    this.projH = projH;
    trueU = new double[camW * camH];
    trueV = new double[camW * camH];
    albedo = new float[camW * camH];
    for (int y = 0; y < camH; y++) {
      for (int x = 0; x < camW; x++) {
        double xn = x / (double) camW;
        double yn = y / (double) camH;
        int i = y * camW + x;
        trueU[i] = projW * (-0.03 + 0.95 * xn + 0.03 * yn + 0.06 * (xn - 0.5) * (xn - 0.5));
        trueV[i] = projH * (-0.02 + 0.02 * xn + 0.96 * yn + 0.05 * (yn - 0.5) * (yn - 0.5));
        albedo[i] = (float) (0.55 + 0.3 * Math.sin(2 * Math.PI * 1.7 * xn) * Math.cos(2 * Math.PI * 1.3 * yn));
      }
    }
  }

  boolean inShadow(int x, int y) {
    double dx = x - 0.7 * camW;
    double dy = y - 0.3 * camH;
    double r = 0.08 * camW;
    return shadowAndSaturation && dx * dx + dy * dy <= r * r;
  }

  boolean inSaturated(int x, int y) {
    return shadowAndSaturation && x >= 0.15 * camW && x <= 0.3 * camW && y >= 0.6 * camH && y <= 0.8 * camH;
  }

  /** Renders every projector frame (8- or 16-bit images at projector size) into 8- or 16-bit camera frames. */
  List<ImageBase> render(List<? extends ImageBase> projectorFrames, int bits, long seed) {
    List<ImageBase> out = new ArrayList<>(projectorFrames.size());
    float[] s = new float[camW * camH];
    float[] tmp = new float[camW * camH];
    float[] kernel = gaussian(blurSigma);
    for (int f = 0; f < projectorFrames.size(); f++) {
      ImageBase p = projectorFrames.get(f);
      for (int i = 0; i < s.length; i++) {
        s[i] = (float) sample(p, trueU[i], trueV[i]);
      }
      blur(s, tmp, kernel);
      SplittableRandom rnd = new SplittableRandom(seed * 1000003L + f);
      ImageBase img = bits == 8 ? new GrayU8(camW, camH) : new GrayU16(camW, camH);
      double full = bits == 8 ? 255 : 65535;
      for (int y = 0; y < camH; y++) {
        for (int x = 0; x < camW; x++) {
          int i = y * camW + x;
          double light = inShadow(x, y) ? 0 : s[i] * gain * (inSaturated(x, y) ? 6 : 1);
          double v = ambient * albedo[i] + albedo[i] * light + noiseSigma * rnd.nextGaussian();
          int q = (int) Math.round(Math.max(0, Math.min(1, v)) * full);
          if (img instanceof GrayU8 g) {
            g.set(x, y, q);
          } else {
            ((GrayU16) img).set(x, y, q);
          }
        }
      }
      out.add(img);
    }
    return out;
  }

  private static double value(ImageBase p, int u, int v) {
    if (u < 0 || v < 0 || u >= p.width() || v >= p.height()) {
      return 0;
    }
    return p instanceof GrayU8 g ? g.get(u, v) / 255.0 : ((GrayU16) p).get(u, v) / 65535.0;
  }

  static double sample(ImageBase p, double u, double v) {
    int u0 = (int) Math.floor(u);
    int v0 = (int) Math.floor(v);
    double a = u - u0;
    double b = v - v0;
    return (1 - b) * ((1 - a) * value(p, u0, v0) + a * value(p, u0 + 1, v0))
        + b * ((1 - a) * value(p, u0, v0 + 1) + a * value(p, u0 + 1, v0 + 1));
  }

  private static float[] gaussian(double sigma) {
    if (sigma <= 0) {
      return new float[] {1f};
    }
    int r = (int) Math.ceil(3 * sigma);
    float[] k = new float[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      sum += k[i + r] = (float) Math.exp(-0.5 * i * i / (sigma * sigma));
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= (float) sum;
    }
    return k;
  }

  private void blur(float[] img, float[] tmp, float[] k) {
    int r = k.length / 2;
    for (int y = 0; y < camH; y++) {
      for (int x = 0; x < camW; x++) {
        float acc = 0;
        for (int j = -r; j <= r; j++) {
          acc += k[j + r] * img[y * camW + Math.min(camW - 1, Math.max(0, x + j))];
        }
        tmp[y * camW + x] = acc;
      }
    }
    for (int y = 0; y < camH; y++) {
      for (int x = 0; x < camW; x++) {
        float acc = 0;
        for (int j = -r; j <= r; j++) {
          acc += k[j + r] * tmp[Math.min(camH - 1, Math.max(0, y + j)) * camW + x];
        }
        img[y * camW + x] = acc;
      }
    }
  }
}
