package org.dpface.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.image.InterleavedU8;

/**
 * Pictures people look at (not data): depth, normal, signed-error and gray maps rendered to 8-bit RGB
 * {@link InterleavedU8} images (3 bands, R G B), which callers can compose ({@link #sideBySide}) and save
 * ({@link #writePng}). Invalid pixels are black (0, 0, 0).
 *
 * <p>Every renderer takes an output image that is reshaped to the input's size (allocated when null) and
 * returned; inputs may have any stride / start index.
 */
public final class Pictures {
  /** Default lower percentile for robust depth ranges. */
  public static final double LOW_PERCENTILE = 0.02;
  /** Default upper percentile for robust depth ranges. */
  public static final double HIGH_PERCENTILE = 0.98;

  private static final int HISTOGRAM_BINS = 1 << 16;

  private Pictures() {}

  /**
   * Depth map (planar Z in mm, 0 / negative / non-finite = invalid) in the turbo colormap over the robust
   * range [{@link #LOW_PERCENTILE}, {@link #HIGH_PERCENTILE}] of the valid depths. Allocates the output.
   */
  public static InterleavedU8 depth(GrayF32 depthMm) {
    float[] range = validRange(depthMm, LOW_PERCENTILE, HIGH_PERCENTILE);
    if (Float.isNaN(range[0])) {
      range[0] = 0;
      range[1] = 1; // no valid pixel: the picture is all black anyway
    }
    return depth(depthMm, range[0], range[1], null);
  }

  /**
   * Depth map in the turbo colormap: {@code minMm} and nearer get turbo(0) (dark blue), {@code maxMm} and
   * farther turbo(1) (dark red); invalid pixels (depth &le; 0 or non-finite) are black.
   *
   * @param output reshaped to the depth map's size; allocated when null; must have 3 bands
   */
  public static InterleavedU8 depth(GrayF32 depthMm, float minMm, float maxMm, InterleavedU8 output) {
    if (!(maxMm > minMm)) {
      throw new IllegalArgumentException("need minMm < maxMm, got [" + minMm + ", " + maxMm + "]");
    }
    InterleavedU8 out = prepare(depthMm, output);
    double scale = 255.0 / ((double) maxMm - minMm);
    for (int y = 0; y < depthMm.height(); y++) {
      int i = depthMm.indexOf(0, y);
      int o = out.indexOf(0, y);
      for (int x = 0; x < depthMm.width(); x++, i++, o += 3) {
        float z = depthMm.data[i];
        if (!(z > 0) || z == Float.POSITIVE_INFINITY) {
          put(out.data, o, 0);
          continue;
        }
        double t = (z - minMm) * scale + 0.5;
        int k = t <= 0 ? 0 : t >= 255 ? 255 : (int) t;
        put(out.data, o, Colormaps.turboEntry(k));
      }
    }
    return out;
  }

  /**
   * Percentiles of the valid depths ({@code > 0}, finite), e.g. (0.02, 0.98) for a robust display range.
   * The p-th percentile is the value of rank {@code p * (n - 1)} among the n valid values.
   *
   * <p>Algorithm: a 65536-bin histogram between the minimum and maximum finds the bin holding the rank; a
   * second 65536-bin histogram over that bin refines it, and the value is interpolated inside the final
   * bin. The result is exact to about (max - min) / 2^32 even with far outliers, in four passes over the
   * image and two 256 KiB histograms (allocated). Returns {@code {NaN, NaN}} when no pixel is valid.
   */
  public static float[] validRange(GrayF32 depthMm, double lowFraction, double highFraction) {
    if (!(lowFraction >= 0 && lowFraction <= highFraction && highFraction <= 1)) {
      throw new IllegalArgumentException(
          "need 0 <= low <= high <= 1, got " + lowFraction + ", " + highFraction);
    }
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    long n = 0;
    for (int y = 0; y < depthMm.height(); y++) {
      int i = depthMm.indexOf(0, y);
      for (int x = 0; x < depthMm.width(); x++, i++) {
        float z = depthMm.data[i];
        if (z > 0 && z != Float.POSITIVE_INFINITY) {
          min = Math.min(min, z);
          max = Math.max(max, z);
          n++;
        }
      }
    }
    if (n == 0) {
      return new float[] {Float.NaN, Float.NaN};
    }
    if (min == max) {
      return new float[] {min, max};
    }
    int[] coarse = new int[HISTOGRAM_BINS];
    double scale0 = HISTOGRAM_BINS / ((double) max - min);
    for (int y = 0; y < depthMm.height(); y++) {
      int i = depthMm.indexOf(0, y);
      for (int x = 0; x < depthMm.width(); x++, i++) {
        float z = depthMm.data[i];
        if (z > 0 && z != Float.POSITIVE_INFINITY) {
          coarse[bin(z, min, scale0)]++;
        }
      }
    }
    int[] fine = new int[HISTOGRAM_BINS];
    return new float[] {
      percentile(depthMm, n, lowFraction, min, max, scale0, coarse, fine),
      percentile(depthMm, n, highFraction, min, max, scale0, coarse, fine)
    };
  }

  private static int bin(double z, double lo, double scale) {
    int b = (int) ((z - lo) * scale);
    return b < 0 ? 0 : Math.min(HISTOGRAM_BINS - 1, b);
  }

  private static float percentile(GrayF32 img, long n, double p, float min, float max, double scale0,
      int[] coarse, int[] fine) {
    if (p == 0 || p == 1) {
      return p == 0 ? min : max;
    }
    double rank = p * (n - 1); // 0-based rank among the sorted values
    long before = 0;
    int b0 = 0;
    while (before + coarse[b0] <= rank) {
      before += coarse[b0++];
    }
    double lo1 = min + b0 / scale0;
    double scale1 = scale0 * HISTOGRAM_BINS;
    Arrays.fill(fine, 0);
    for (int y = 0; y < img.height(); y++) {
      int i = img.indexOf(0, y);
      for (int x = 0; x < img.width(); x++, i++) {
        float z = img.data[i];
        if (z > 0 && z != Float.POSITIVE_INFINITY && bin(z, min, scale0) == b0) {
          fine[bin(z, lo1, scale1)]++;
        }
      }
    }
    int b1 = 0;
    while (before + fine[b1] <= rank) {
      before += fine[b1++];
    }
    // the fine[b1] values of this bin are taken as spread evenly over it
    double v = lo1 + (b1 + (rank - before + 0.5) / fine[b1]) / scale1;
    return (float) Math.min(max, Math.max(min, v));
  }

  /**
   * Normal map (unit vectors in the camera frame, 3 bands) to RGB = 127.5 (n + 1), rounded half up and
   * clamped to 0..255; invalid normals (all zero or non-finite) are black. A normal facing the camera,
   * (0, 0, -1), becomes (128, 128, 0).
   */
  public static InterleavedU8 normals(InterleavedF32 normals, InterleavedU8 output) {
    if (normals.numBands() != 3) {
      throw new IllegalArgumentException("normal map needs 3 bands, got " + normals);
    }
    InterleavedU8 out = prepare(normals, output);
    for (int y = 0; y < normals.height(); y++) {
      int i = normals.indexOf(0, y);
      int o = out.indexOf(0, y);
      for (int x = 0; x < normals.width(); x++, i += 3, o += 3) {
        float nx = normals.data[i];
        float ny = normals.data[i + 1];
        float nz = normals.data[i + 2];
        boolean zero = nx == 0 && ny == 0 && nz == 0;
        if (zero || !Float.isFinite(nx) || !Float.isFinite(ny) || !Float.isFinite(nz)) {
          put(out.data, o, 0);
          continue;
        }
        out.data[o] = (byte) normalLevel(nx);
        out.data[o + 1] = (byte) normalLevel(ny);
        out.data[o + 2] = (byte) normalLevel(nz);
      }
    }
    return out;
  }

  private static int normalLevel(float n) {
    int v = (int) Math.floor(127.5 * (n + 1.0) + 0.5);
    return v < 0 ? 0 : Math.min(v, 255);
  }

  /**
   * Signed error map in the diverging colormap: {@code -maxAbs} and below dark blue, 0 near-white, {@code
   * +maxAbs} and above dark red. Pixels that are NaN, or zero in {@code mask} (when given), are black.
   *
   * @param mask same shape as {@code error}, nonzero = valid; null when every finite pixel is valid
   */
  public static InterleavedU8 signedError(
      GrayF32 error, GrayU8 mask, float maxAbs, InterleavedU8 output) {
    if (!(maxAbs > 0) || Float.isInfinite(maxAbs)) {
      throw new IllegalArgumentException("maxAbs must be positive and finite, got " + maxAbs);
    }
    if (mask != null) {
      error.checkSameShape(mask);
    }
    InterleavedU8 out = prepare(error, output);
    int last = Colormaps.DIVERGING_SIZE - 1;
    double scale = 0.5 * last / maxAbs;
    for (int y = 0; y < error.height(); y++) {
      int i = error.indexOf(0, y);
      int m = mask == null ? 0 : mask.indexOf(0, y);
      int o = out.indexOf(0, y);
      for (int x = 0; x < error.width(); x++, i++, m++, o += 3) {
        float e = error.data[i];
        if (Float.isNaN(e) || (mask != null && mask.data[m] == 0)) {
          put(out.data, o, 0);
          continue;
        }
        double t = e * scale + 0.5 * last + 0.5;
        int k = t <= 0 ? 0 : t >= last ? last : (int) t;
        put(out.data, o, Colormaps.divergingEntry(k));
      }
    }
    return out;
  }

  /**
   * Gray float image to 8-bit gray replicated into R = G = B: {@code min} and below 0, {@code max} and above
   * 255, linear in between, rounded; NaN is 0.
   */
  public static InterleavedU8 gray(GrayF32 image, float min, float max, InterleavedU8 output) {
    if (!(max > min)) {
      throw new IllegalArgumentException("need min < max, got [" + min + ", " + max + "]");
    }
    InterleavedU8 out = prepare(image, output);
    double scale = 255.0 / ((double) max - min);
    for (int y = 0; y < image.height(); y++) {
      int i = image.indexOf(0, y);
      int o = out.indexOf(0, y);
      for (int x = 0; x < image.width(); x++, i++, o += 3) {
        double t = (image.data[i] - (double) min) * scale + 0.5;
        int v = t >= 1 ? (t >= 255 ? 255 : (int) t) : 0; // NaN fails both tests: 0
        byte b = (byte) v;
        out.data[o] = b;
        out.data[o + 1] = b;
        out.data[o + 2] = b;
      }
    }
    return out;
  }

  /**
   * Places pictures left to right, top aligned, on a black canvas as high as the tallest. Allocates the
   * result.
   */
  public static InterleavedU8 sideBySide(InterleavedU8... pictures) {
    int w = 0;
    int h = 0;
    for (InterleavedU8 p : pictures) {
      if (p.numBands() != 3) {
        throw new IllegalArgumentException("pictures need 3 bands, got " + p);
      }
      w = Math.addExact(w, p.width());
      h = Math.max(h, p.height());
    }
    InterleavedU8 out = new InterleavedU8(w, h, 3);
    int x0 = 0;
    for (InterleavedU8 p : pictures) {
      for (int y = 0; y < p.height(); y++) {
        System.arraycopy(p.data, p.indexOf(0, y), out.data, out.indexOf(x0, y), p.width() * 3);
      }
      x0 += p.width();
    }
    return out;
  }

  /** Writes a picture as an 8-bit RGB PNG, atomically. */
  public static void writePng(Path path, InterleavedU8 picture) throws IOException {
    if (picture.numBands() != 3) {
      throw new IllegalArgumentException("pictures need 3 bands, got " + picture);
    }
    PngImages.write(path, picture);
  }

  private static InterleavedU8 prepare(ImageBase input, InterleavedU8 output) {
    InterleavedU8 out = output != null ? output : new InterleavedU8(input.width(), input.height(), 3);
    if (out.numBands() != 3) {
      throw new IllegalArgumentException("picture output needs 3 bands, got " + out);
    }
    if (out.width() != input.width() || out.height() != input.height()) {
      out.reshape(input.width(), input.height());
    }
    return out;
  }

  private static void put(byte[] data, int o, int rgb) {
    data[o] = (byte) (rgb >>> 16);
    data[o + 1] = (byte) (rgb >>> 8);
    data[o + 2] = (byte) rgb;
  }
}
