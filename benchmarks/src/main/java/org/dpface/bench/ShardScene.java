package org.dpface.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleIds;
import org.dpface.dataset.sample.SampleMetadata;
import org.dpface.dataset.sample.SampleShape;

/**
 * Shard-like samples for the HDF5 write benchmark, seeded: a face-sized ellipsoid cap at ~500 mm filling
 * ~55 % of the frame (mask), its planar depth (float32, 0 outside) and unit normals toward the camera,
 * and 12-bit DP views of a textured, shaded surface with Gaussian read noise (σ 2 DN) and a small
 * left/right shift — so each array compresses about as a real sample does (noise in the low bits,
 * smooth floats, runs of zeros outside the mask), not like zeros or white noise.
 */
final class ShardScene {
  private ShardScene() {}

  static List<Sample> samples(SampleShape shape, int count, long seed) {
    List<Sample> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(sample(shape, i, new SplittableRandom(seed * 1_000_003L + i)));
    }
    return out;
  }

  private static Sample sample(SampleShape shape, int index, SplittableRandom rnd) {
    int h = shape.height();
    int w = shape.width();
    int c = shape.channels();
    int n = h * w;
    float[] depth = new float[n];
    float[] normal = new float[3 * n];
    byte[] mask = new byte[n];
    short[] left = new short[n * c];
    short[] right = new short[n * c];
    double cx = w * (0.5 + 0.04 * rnd.nextGaussian());
    double cy = h * (0.5 + 0.04 * rnd.nextGaussian());
    double ax = 0.38 * w;
    double ay = 0.45 * h;
    double z0 = 480 + 40 * rnd.nextDouble();
    double bulge = 90;
    double fx = 2.5 * w;
    double phase = rnd.nextDouble() * 6.28;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        double u = (x - cx) / ax;
        double v = (y - cy) / ay;
        double r2 = u * u + v * v;
        double albedo = 0.6 + 0.25 * Math.sin(0.05 * x + phase) * Math.cos(0.07 * y);
        double shade;
        double shift = 0;
        if (r2 < 1) {
          double s = Math.sqrt(1 - r2);
          double z = z0 - bulge * s;
          depth[p] = (float) z;
          // gradient of z over pixels, turned into a camera-frame normal pointing at the camera
          double dzdx = bulge * u / (ax * s + 1e-9);
          double dzdy = bulge * v / (ay * s + 1e-9);
          double gx = dzdx * fx / z;
          double gy = dzdy * fx / z;
          double len = Math.sqrt(gx * gx + gy * gy + 1);
          normal[3 * p] = (float) (gx / len);
          normal[3 * p + 1] = (float) (gy / len);
          normal[3 * p + 2] = (float) (-1 / len);
          mask[p] = 1;
          shade = 0.3 + 0.7 / len;
          shift = 6000 / z - 12;
        } else {
          shade = 0.15;
        }
        for (int k = 0; k < c; k++) {
          double base = 3400 * albedo * shade;
          left[p * c + k] = (short) clamp(base * (1 + 0.002 * shift) + 2 * rnd.nextGaussian());
          right[p * c + k] = (short) clamp(base * (1 - 0.002 * shift) + 2 * rnd.nextGaussian());
        }
      }
    }
    float f = (float) fx;
    float[] k = {f, 0, w / 2f, 0, f, h / 2f, 0, 0, 1};
    float[] pose = {1, 0, 0, 10 * index, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    float[] dp = {6000f, -12f};
    String id = String.format("ses-01-take-%03d-cam%d-light-%d", index / 8, index % 8, index % 6);
    return new Sample(shape, new SampleIds(id, "sub-" + String.format("%04d", 1 + index % 5), "ses-01", "cam" + index % 8),
        new SampleMetadata("neutral", "forward", "front", "light-" + index % 6), left, right, depth, normal, mask, k, pose, dp);
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(4095, Math.round(v)));
  }
}
