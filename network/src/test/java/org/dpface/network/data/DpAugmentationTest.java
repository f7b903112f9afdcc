package org.dpface.network.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.dpface.core.image.GrayF32;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.SplitAxis;
import org.dpface.rigs.virtual.optics.DpDisparityEstimator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DpAugmentationTest {
  static final int W = 96;
  static final int H = 64;
  static DpSample sample;
  static final DpDisparityEstimator EST = new DpDisparityEstimator(new DpDisparityEstimator.Config(10, 6, 30));

  @BeforeAll
  static void render() throws java.io.IOException {
    // behind the focus plane (~970 mm): disparities of about +3 px, so a sign error shows
    var cam = BundledRigs.load("virtual-8cam").cameras().get(0);
    SyntheticDpSource src = new SyntheticDpSource(cam, W, H, 1, 5, 1150, 1250);
    if (src.get(0).splitAxis() == SplitAxis.VERTICAL) {
      src = new SyntheticDpSource(cam, H, W, 1, 5, 1150, 1250);
    }
    sample = src.get(0).splitAlongWidth();
    assertEquals(W, sample.width());
  }

  private static GrayF32 gray(DpSample s, float[] v) {
    GrayF32 g = new GrayF32(s.width(), s.height());
    System.arraycopy(v, 0, g.data, 0, v.length);
    return g;
  }

  private static double measured(DpSample s, int x, int y) {
    return EST.estimate(gray(s, s.left()), gray(s, s.right()), SplitAxis.HORIZONTAL, x, y).disparityPx();
  }

  private static double label(DpSample s, int x, int y) {
    return s.disparityOf(s.depthMm()[y * s.width() + x]);
  }

  @Test
  void flipsKeepTheDisparityLabelTrue() {
    DpSample aug = DpAugmentation.geometric(sample, true, true);
    DpSample mirroredOnly = DpAugmentation.geometric(
        new DpSample(W, H, sample.right(), sample.left(), sample.depthMm(), sample.normal(), sample.mask(),
            sample.a(), sample.b(), SplitAxis.HORIZONTAL, sample.intrinsics(), "x", "s", sample.metadata()),
        false, true); // mirror WITHOUT the swap: views back in their places, only mirrored
    for (int x : new int[] {30, 48, 66}) {
      for (int y : new int[] {24, 32, 40}) {
        double d = label(sample, x, y);
        assertTrue(d > 2, "test needs a clearly nonzero disparity, got " + d);
        double m = measured(sample, x, y);
        assertEquals(d, m, 0.3, "renderer vs label at " + x + "," + y);
        int xa = W - 1 - x;
        int ya = H - 1 - y;
        assertEquals(d, label(aug, xa, ya), 1e-9);
        assertEquals(m, measured(aug, xa, ya), 0.05, "augmented pair at " + xa + "," + ya);
        // control: a plain mirror reverses the measured shift, which no label a / Z + b describes
        assertEquals(-m, measured(mirroredOnly, xa, y), 0.3, "plain mirror at " + xa + "," + y);
      }
    }
  }

  @Test
  void flippedNormalsAndIntrinsicsMatchTheFlippedDepth() {
    int checked = 0;
    for (boolean rows : new boolean[] {false, true}) {
      for (boolean mirror : new boolean[] {false, true}) {
        DpSample s = DpAugmentation.geometric(sample, rows, mirror);
        for (int x : new int[] {20, 48, 75}) {
          for (int y : new int[] {15, 32, 50}) {
            int p = y * W + x;
            if (s.mask()[p] == 0 || s.mask()[p - 1] == 0 || s.mask()[p + 1] == 0 || s.mask()[p - W] == 0
                || s.mask()[p + W] == 0) {
              continue;
            }
            checked++;
            double[] n = normalFromDepth(s, x, y);
            float[] t = s.normal();
            double cos = n[0] * t[3 * p] + n[1] * t[3 * p + 1] + n[2] * t[3 * p + 2];
            int xo = mirror ? W - 1 - x : x;
            int yo = rows ? H - 1 - y : y;
            double[] no = normalFromDepth(sample, xo, yo);
            int q = yo * W + xo;
            float[] to = sample.normal();
            double cosOriginal = no[0] * to[3 * q] + no[1] * to[3 * q + 1] + no[2] * to[3 * q + 2];
            assertTrue(cosOriginal > 0.95, "label vs depth normal at " + xo + "," + yo + ": " + cosOriginal);
            assertEquals(cosOriginal, cos, 1e-6, "rows " + rows + " mirror " + mirror + " at " + x + "," + y);
          }
        }
      }
    }
    assertTrue(checked >= 16, "face pixels checked: " + checked);
  }

  /** Unit normal ∂P/∂v × ∂P/∂u by central differences of the back-projected depth. */
  private static double[] normalFromDepth(DpSample s, int x, int y) {
    double[] pu = sub(point(s, x + 1, y), point(s, x - 1, y));
    double[] pv = sub(point(s, x, y + 1), point(s, x, y - 1));
    double[] c = {pv[1] * pu[2] - pv[2] * pu[1], pv[2] * pu[0] - pv[0] * pu[2], pv[0] * pu[1] - pv[1] * pu[0]};
    double len = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
    return new double[] {c[0] / len, c[1] / len, c[2] / len};
  }

  private static double[] point(DpSample s, int x, int y) {
    double z = s.depthMm()[y * s.width() + x];
    double[] k = s.intrinsics();
    return new double[] {(x - k[2]) / k[0] * z, (y - k[3]) / k[1] * z, z};
  }

  private static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  @Test
  void photometricChangeIsTheSameCurveOnBothViews() {
    DpAugmentation a = new DpAugmentation(0.8, 1.3, 0.7, 1.4, 0, 0, 0);
    DpSample out = a.apply(sample, new SplittableRandom(3));
    double[] fl = logFit(sample.left(), out.left());
    double[] fr = logFit(sample.right(), out.right());
    assertTrue(Math.abs(fl[0] - 1) > 0.01, "gamma drawn away from 1: " + fl[0]);
    assertEquals(fl[0], fr[0], 1e-3, "gamma left vs right");
    assertEquals(fl[1], fr[1], 1e-3, "gain term left vs right");
    assertArrayEquals(sample.depthMm(), out.depthMm());
    // the DP shift survives photometric changes and noise
    DpSample noisy = new DpAugmentation(0.8, 1.3, 0.7, 1.4, 0.01, 0, 0).apply(sample, new SplittableRandom(4));
    assertEquals(measured(sample, 48, 32), measured(noisy, 48, 32), 0.25,
        "noisy at 48,32; noise-free " + measured(a.apply(sample, new SplittableRandom(4)), 48, 32));
  }

  /** Least-squares {slope, intercept} of log(out) against log(in) over unsaturated pixels. */
  private static double[] logFit(float[] in, float[] out) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      if (in[i] > 1e-3 && out[i] > 1e-3 && out[i] < 0.999) {
        double x = Math.log(in[i]);
        double y = Math.log(out[i]);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        n++;
      }
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return new double[] {slope, (sy - slope * sx) / n};
  }

  @Test
  void seededAndIdentityWhenOff() {
    DpAugmentation a = DpAugmentation.defaults();
    DpSample x = a.apply(sample, new SplittableRandom(9));
    DpSample y = a.apply(sample, new SplittableRandom(9));
    assertArrayEquals(x.left(), y.left());
    assertArrayEquals(x.right(), y.right());
    assertArrayEquals(x.normal(), y.normal());
    assertSame(sample, DpAugmentation.none().apply(sample, new SplittableRandom(9)));
  }
}
