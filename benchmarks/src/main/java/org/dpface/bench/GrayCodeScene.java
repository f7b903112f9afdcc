package org.dpface.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_structured_light.GrayCodePattern;
import org.dpface.core.image.GrayU8;
import org.dpface.reconstruction.codec.Sequences;
import org.dpface.reconstruction.struct.SequenceDescription;

/**
 * Input of the Gray-code decode benchmark: OpenCV {@code GrayCodePattern}'s own patterns for a 1024 x 768
 * projector (20 pattern/inverse pairs, then white and black: 42 frames, {@link Sequences#openCvGrayCode}
 * order) as an 8-bit 1280 x 1024 camera sees them. Each camera pixel looks up the projector image through a
 * fixed mild homography (about 0.85 projector px per camera px, 2 degrees of rotation, slight perspective;
 * pixels that see no projector pixel get ambient light only) with bilinear resampling, times a smooth
 * albedo (0.45 .. 0.95), plus ambient light and seeded Gaussian noise (sigma 1 DN). Holds the frames both as
 * dpface {@link GrayU8} images and as OpenCV {@link Mat}s; close it to free the native memory.
 */
final class GrayCodeScene implements AutoCloseable {
  static final int CAM_W = 1280;
  static final int CAM_H = 1024;
  static final int PROJ_W = 1024;
  static final int PROJ_H = 768;

  final SequenceDescription sequence = Sequences.openCvGrayCode(PROJ_W, PROJ_H);
  final List<GrayU8> frames = new ArrayList<>();
  final GrayCodePattern peer = GrayCodePattern.create(PROJ_W, PROJ_H);
  final MatVector captured = new MatVector();
  private final ExecutorService pool;

  GrayCodeScene(long seed, int maxThreads) {
    List<GrayU8> projector = new ArrayList<>();
    try (MatVector pats = new MatVector(); Mat black = new Mat(); Mat white = new Mat()) {
      if (!peer.generate(pats)) {
        throw new IllegalStateException("GrayCodePattern.generate failed");
      }
      peer.getImagesForShadowMasks(black, white);
      for (long i = 0; i < pats.size(); i++) {
        projector.add(toGray(pats.get(i)));
      }
      projector.add(toGray(white));
      projector.add(toGray(black));
    }
    if (projector.size() != sequence.size()) {
      throw new IllegalStateException("OpenCV made " + projector.size() + " frames, expected " + sequence.size());
    }
    render(projector, seed);
    for (GrayU8 f : frames) {
      try (Mat m = toMat(f)) {
        captured.push_back(m);
      }
    }
    pool = Executors.newFixedThreadPool(Math.max(1, maxThreads), r -> {
      Thread t = new Thread(r, "bench-graycode");
      t.setDaemon(true);
      return t;
    });
  }

  /** Total bytes of all frames. */
  long bytes() {
    return (long) frames.size() * CAM_W * CAM_H;
  }

  private void render(List<GrayU8> projector, long seed) {
    int n = CAM_W * CAM_H;
    float[] u = new float[n];
    float[] v = new float[n];
    float[] albedo = new float[n];
    double c = Math.cos(Math.toRadians(2));
    double s = Math.sin(Math.toRadians(2));
    double k = 0.85;
    for (int y = 0; y < CAM_H; y++) {
      for (int x = 0; x < CAM_W; x++) {
        double xc = x - CAM_W / 2.0;
        double yc = y - CAM_H / 2.0;
        double w = 1 + 4e-5 * xc + 2e-5 * yc;
        int i = y * CAM_W + x;
        u[i] = (float) ((k * (c * xc - s * yc)) / w + PROJ_W / 2.0 - 0.5);
        v[i] = (float) ((k * (s * xc + c * yc)) / w + PROJ_H / 2.0 - 0.5);
        albedo[i] = (float) (0.7 + 0.25 * Math.sin(x * 0.011) * Math.cos(y * 0.007));
      }
    }
    for (int f = 0; f < projector.size(); f++) {
      GrayU8 p = projector.get(f);
      GrayU8 img = new GrayU8(CAM_W, CAM_H);
      SplittableRandom rnd = new SplittableRandom(seed * 1000003L + f);
      for (int i = 0; i < n; i++) {
        double light = sample(p, u[i], v[i]);
        double val = 255 * albedo[i] * (0.04 + 0.9 * light) + rnd.nextGaussian();
        img.data[i] = (byte) Math.max(0, Math.min(255, Math.round(val)));
      }
      frames.add(img);
    }
  }

  private static double sample(GrayU8 p, float u, float v) {
    int u0 = (int) Math.floor(u);
    int v0 = (int) Math.floor(v);
    double a = u - u0;
    double b = v - v0;
    return ((1 - b) * ((1 - a) * value(p, u0, v0) + a * value(p, u0 + 1, v0))
        + b * ((1 - a) * value(p, u0, v0 + 1) + a * value(p, u0 + 1, v0 + 1))) / 255.0;
  }

  private static int value(GrayU8 p, int u, int v) {
    return u < 0 || v < 0 || u >= p.width() || v >= p.height() ? 0 : p.data[p.indexOf(u, v)] & 0xFF;
  }

  private static GrayU8 toGray(Mat m) {
    GrayU8 g = new GrayU8(m.cols(), m.rows());
    BytePointer d = m.data();
    for (int y = 0; y < m.rows(); y++) {
      d.position(y * m.step()).get(g.data, g.indexOf(0, y), m.cols());
    }
    return g;
  }

  private static Mat toMat(GrayU8 g) {
    Mat m = new Mat(g.height(), g.width(), opencv_core.CV_8UC1);
    BytePointer d = m.data();
    for (int y = 0; y < g.height(); y++) {
      d.position(y * m.step()).put(g.data, g.indexOf(0, y), g.width());
    }
    return m;
  }

  /**
   * OpenCV's dense decode: {@code getProjPixel} for every camera pixel, rows split into {@code threads}
   * equal bands, each band on its own thread with its own {@link Point}. Writes the projector column and
   * row per pixel into {@code x} and {@code y}, -1 where OpenCV reports an error.
   */
  void decodeOpenCv(int threads, int[] x, int[] y) {
    runBands(threads, (r0, r1) -> {
      try (Point p = new Point()) {
        for (int row = r0; row < r1; row++) {
          for (int col = 0; col < CAM_W; col++) {
            int i = row * CAM_W + col;
            if (peer.getProjPixel(captured, col, row, p)) {
              x[i] = -1;
              y[i] = -1;
            } else {
              x[i] = p.x();
              y[i] = p.y();
            }
          }
        }
      }
      return 0;
    });
  }

  /** The read-once bound: sums every byte of every frame once, rows split into {@code threads} bands. */
  long readOnce(int threads) {
    return runBands(threads, (r0, r1) -> {
      long sum = 0;
      for (GrayU8 f : frames) {
        byte[] d = f.data;
        for (int i = r0 * CAM_W, end = r1 * CAM_W; i < end; i++) {
          sum += d[i] & 0xFF;
        }
      }
      return sum;
    });
  }

  /** Work on rows [r0, r1); returns a value summed over the bands. */
  interface Band {
    long run(int r0, int r1);
  }

  private long runBands(int threads, Band band) {
    if (threads == 1) {
      return band.run(0, CAM_H);
    }
    List<Future<Long>> parts = new ArrayList<>();
    for (int t = 1; t < threads; t++) {
      int r0 = CAM_H * t / threads;
      int r1 = CAM_H * (t + 1) / threads;
      parts.add(pool.submit(() -> band.run(r0, r1)));
    }
    long sum = band.run(0, CAM_H / threads);
    try {
      for (Future<Long> f : parts) {
        sum += f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return sum;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    captured.close();
    peer.close();
  }
}
