package org.dpface.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.image.InterleavedU8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PicturesTest {
  /** Turbo endpoints from the published table: entry 0 and entry 255, rounded to 8 bits. */
  private static final int[] TURBO_0 = {48, 18, 59};
  private static final int[] TURBO_255 = {122, 4, 3};
  /** Published turbo entry 128 = (0.64362, 0.98999, 0.23356). */
  private static final int[] TURBO_128 = {164, 252, 60};
  private static final int[] BLACK = {0, 0, 0};

  @TempDir Path dir;

  private static int[] rgb(InterleavedU8 img, int x, int y) {
    return new int[] {img.get(x, y, 0), img.get(x, y, 1), img.get(x, y, 2)};
  }

  private static int[] unpack(int rgb) {
    return new int[] {rgb >>> 16, (rgb >>> 8) & 0xFF, rgb & 0xFF};
  }

  @Test
  void colormapEndpointsAndCentre() {
    assertArrayEquals(TURBO_0, unpack(Colormaps.turbo(0)));
    assertArrayEquals(TURBO_255, unpack(Colormaps.turbo(1)));
    assertArrayEquals(TURBO_128, unpack(Colormaps.turbo(128 / 255.0)));
    assertArrayEquals(TURBO_0, unpack(Colormaps.turbo(-3))); // clamped
    assertArrayEquals(new int[] {0x05, 0x30, 0x61}, unpack(Colormaps.diverging(-1)));
    assertArrayEquals(new int[] {0xf7, 0xf7, 0xf7}, unpack(Colormaps.diverging(0)));
    assertArrayEquals(new int[] {0x67, 0x00, 0x1f}, unpack(Colormaps.diverging(1)));
    assertEquals(256, Colormaps.turboTable().length);
    assertEquals(Colormaps.DIVERGING_SIZE, Colormaps.divergingTable().length);
  }

  @Test
  void turboIsPerceptuallyOrderedByLightnessUpToTheMiddle() {
    // Turbo's luma rises from dark blue to a bright green-yellow near 0.6, then falls to dark red.
    int[] t = Colormaps.turboTable();
    double first = luma(t[0]);
    double peak = 0;
    int peakAt = 0;
    for (int i = 0; i < t.length; i++) {
      if (luma(t[i]) > peak) {
        peak = luma(t[i]);
        peakAt = i;
      }
    }
    assertTrue(peakAt > 100 && peakAt < 170, "luma peak at " + peakAt);
    assertTrue(peak > 3 * first, "peak " + peak + " vs start " + first);
  }

  private static double luma(int rgb) {
    int[] c = unpack(rgb);
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  @Test
  void depthWithGivenRange() {
    GrayF32 d = new GrayF32(7, 1);
    float[] values = {500, 1000, 750, 0, Float.NaN, -5, 400};
    for (int x = 0; x < values.length; x++) {
      d.set(x, 0, values[x]);
    }
    InterleavedU8 pic = Pictures.depth(d, 500, 1000, null);
    assertArrayEquals(TURBO_0, rgb(pic, 0, 0));
    assertArrayEquals(TURBO_255, rgb(pic, 1, 0));
    assertArrayEquals(TURBO_128, rgb(pic, 2, 0));
    assertArrayEquals(BLACK, rgb(pic, 3, 0));
    assertArrayEquals(BLACK, rgb(pic, 4, 0));
    assertArrayEquals(BLACK, rgb(pic, 5, 0));
    assertArrayEquals(TURBO_0, rgb(pic, 6, 0)); // nearer than min: clamped
    InterleavedU8 reuse = new InterleavedU8(2, 2, 3);
    assertSame(reuse, Pictures.depth(d, 500, 1000, reuse));
    assertEquals(7, reuse.width());
    assertThrows(IllegalArgumentException.class, () -> Pictures.depth(d, 5, 5, null));
  }

  @Test
  void robustRangeIgnoresInvalidPixelsAndOutliers() {
    // 1000 valid depths 1..1000 mm in shuffled order, invalid pixels and two far outliers.
    int w = 50;
    int h = 21;
    GrayF32 d = new GrayF32(w, h);
    Random rnd = new Random(11);
    int[] perm = new int[1000];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i + 1;
    }
    for (int i = perm.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    for (int i = 0; i < 1000; i++) {
      d.data[i] = perm[i];
    }
    d.data[1000] = 0;
    d.data[1001] = Float.NaN;
    d.data[1002] = -3;
    d.data[1003] = Float.POSITIVE_INFINITY;
    // 1002 valid values: 1..1000 plus outliers 1e6 and 2e6 (ranks 1000, 1001).
    d.data[1004] = 1e6f;
    d.data[1005] = 2e6f;
    float[] r = Pictures.validRange(d, 0.02, 0.98);
    // rank 0.02 * 1001 = 20.02 -> between 21 and 22; rank 0.98 * 1001 = 980.98 -> between 981 and 982
    double tol = 0.01;
    assertTrue(r[0] >= 21 - tol && r[0] <= 22 + tol, "low " + r[0]);
    assertTrue(r[1] >= 981 - tol && r[1] <= 982 + tol, "high " + r[1]);
    float[] all = Pictures.validRange(d, 0, 1);
    assertEquals(1f, all[0]);
    assertEquals(2e6f, all[1]);
    InterleavedU8 pic = Pictures.depth(d);
    assertArrayEquals(BLACK, rgb(pic, 0, 20)); // pixel 1000: depth 0
    int x = indexOfValue(d, 1);
    assertArrayEquals(TURBO_0, rgb(pic, x % w, x / w));
    assertArrayEquals(TURBO_255, rgb(pic, 1004 % w, 1004 / w));

    GrayF32 none = new GrayF32(3, 3);
    assertTrue(Float.isNaN(Pictures.validRange(none, 0.02, 0.98)[0]));
    assertArrayEquals(BLACK, rgb(Pictures.depth(none), 1, 1));
  }

  private static int indexOfValue(GrayF32 d, float v) {
    for (int i = 0; i < d.data.length; i++) {
      if (d.data[i] == v) {
        return i;
      }
    }
    throw new AssertionError(v);
  }

  @Test
  void normalsFollowTheConvention() {
    InterleavedF32 n = new InterleavedF32(6, 1, 3);
    float[][] normals = {
      {0, 0, -1}, {1, 0, 0}, {0, -1, 0}, {0, 0, 0}, {0.5f, -0.5f, Float.NaN}, {0.5f, -0.5f, -0.70710677f}
    };
    for (int x = 0; x < normals.length; x++) {
      for (int b = 0; b < 3; b++) {
        n.set(x, 0, b, normals[x][b]);
      }
    }
    InterleavedU8 pic = Pictures.normals(n, null);
    assertArrayEquals(new int[] {128, 128, 0}, rgb(pic, 0, 0));
    assertArrayEquals(new int[] {255, 128, 128}, rgb(pic, 1, 0));
    assertArrayEquals(new int[] {128, 0, 128}, rgb(pic, 2, 0));
    assertArrayEquals(BLACK, rgb(pic, 3, 0));
    assertArrayEquals(BLACK, rgb(pic, 4, 0));
    // 127.5 * 1.5 = 191.25 -> 191; 127.5 * 0.5 = 63.75 -> 64; 127.5 * 0.29289 = 37.34 -> 37
    assertArrayEquals(new int[] {191, 64, 37}, rgb(pic, 5, 0));
  }

  @Test
  void signedErrorIsDivergingAroundZero() {
    GrayF32 e = new GrayF32(6, 1);
    float[] values = {-2, 0, 2, 5, Float.NaN, 1.2f};
    for (int x = 0; x < values.length; x++) {
      e.set(x, 0, values[x]);
    }
    InterleavedU8 pic = Pictures.signedError(e, null, 2f, null);
    assertArrayEquals(new int[] {0x05, 0x30, 0x61}, rgb(pic, 0, 0));
    assertArrayEquals(new int[] {0xf7, 0xf7, 0xf7}, rgb(pic, 1, 0));
    assertArrayEquals(new int[] {0x67, 0x00, 0x1f}, rgb(pic, 2, 0));
    assertArrayEquals(new int[] {0x67, 0x00, 0x1f}, rgb(pic, 3, 0));
    assertArrayEquals(BLACK, rgb(pic, 4, 0));
    // 0.6 * maxAbs lands on knot 8 of the 11 RdBu colours (knot 5 = 0, knot 10 = +maxAbs): #d6604d
    assertArrayEquals(new int[] {0xd6, 0x60, 0x4d}, rgb(pic, 5, 0));
    GrayU8 mask = new GrayU8(6, 1);
    mask.fill(1);
    mask.set(1, 0, 0);
    InterleavedU8 masked = Pictures.signedError(e, mask, 2f, null);
    assertArrayEquals(BLACK, rgb(masked, 1, 0));
    assertArrayEquals(new int[] {0x67, 0x00, 0x1f}, rgb(masked, 2, 0));
  }

  @Test
  void grayMapsRangeLinearly() {
    GrayF32 g = new GrayF32(6, 1);
    float[] values = {10, 20, 15, -100, 1000, Float.NaN};
    for (int x = 0; x < values.length; x++) {
      g.set(x, 0, values[x]);
    }
    InterleavedU8 pic = Pictures.gray(g, 10, 20, null);
    int[] expected = {0, 255, 128, 0, 255, 0};
    for (int x = 0; x < expected.length; x++) {
      assertArrayEquals(new int[] {expected[x], expected[x], expected[x]}, rgb(pic, x, 0), "x=" + x);
    }
  }

  @Test
  void sideBySideAndPngRoundTrip() throws Exception {
    InterleavedU8 a = new InterleavedU8(2, 3, 3);
    a.fill(200);
    InterleavedU8 b = new InterleavedU8(4, 1, 3);
    b.fill(50);
    InterleavedU8 both = Pictures.sideBySide(a, b);
    assertEquals(6, both.width());
    assertEquals(3, both.height());
    assertArrayEquals(new int[] {200, 200, 200}, rgb(both, 1, 2));
    assertArrayEquals(new int[] {50, 50, 50}, rgb(both, 5, 0));
    assertArrayEquals(BLACK, rgb(both, 5, 1)); // below the shorter picture
    Path f = dir.resolve("montage.png");
    Pictures.writePng(f, both);
    InterleavedU8 back = PngImages.readRgbU8(f);
    assertArrayEquals(both.data, back.data);
  }
}
