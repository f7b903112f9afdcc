package org.dpface.rigs.virtual.optics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.dpface.core.image.GrayF32;
import org.dpface.core.io.Pictures;
import org.dpface.rigs.SplitAxis;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Writes pictures (left | right | right − left of a textured step edge) and a report of measured plane
 * disparities and render times at 480×640 for people to look at. Runs only with
 * {@code -Ddpface.dp.preview=DIR}.
 */
class DpPreviewTest {
  @Test
  void writesPreview() throws IOException {
    String dir = System.getProperty("dpface.dp.preview");
    Assumptions.assumeTrue(dir != null && !dir.isEmpty(), "set -Ddpface.dp.preview=DIR to write previews");
    Path out = Path.of(dir);
    Files.createDirectories(out);
    StringBuilder report = new StringBuilder();
    ThinLensDp cam = DpScenes.virtualCamera(SplitAxis.VERTICAL);
    report.append(cam).append('\n');
    int w = 240;
    int h = 240;
    GrayF32 rad = DpScenes.texture(w, h, 99);
    GrayF32 depth = DpScenes.step(w, h, SplitAxis.VERTICAL, h / 2, 850, 1100);
    GrayF32 left = new GrayF32(1, 1);
    GrayF32 right = new GrayF32(1, 1);
    try (DualPixelRenderer r = new DualPixelRenderer(DpRenderConfig.defaults())) {
      r.renderPair(rad, depth, null, cam, left, right);
      GrayF32 diff = new GrayF32(w, h);
      for (int i = 0; i < w * h; i++) {
        diff.data[i] = right.data[i] - left.data[i];
      }
      Pictures.writePng(out.resolve("dp-step-850-1100-vertical.png"), Pictures.sideBySide(
          Pictures.gray(rad, 0, 1, null), Pictures.gray(left, 0, 0.5f, null),
          Pictures.gray(right, 0, 0.5f, null), Pictures.signedError(diff, null, 0.1f, null)));
      DpDisparityEstimator est = new DpDisparityEstimator(DpDisparityEstimator.Config.defaults());
      for (SplitAxis axis : SplitAxis.values()) {
        ThinLensDp optics = DpScenes.virtualCamera(axis);
        for (double z : new double[] {820, 880, 940, 1000, 1060, 1120}) {
          r.renderPair(rad, DpScenes.constant(w, h, (float) z), null, optics, left, right);
          double[] d = new double[25];
          for (int k = 0; k < 25; k++) {
            d[k] = est.estimate(left, right, axis, 60 + 30 * (k % 5), 60 + 30 * (k / 5)).disparityPx();
          }
          Arrays.sort(d);
          report.append(String.format(Locale.ROOT,
              "%s Z=%.0f predicted %.4f measured median %.4f (min %.4f max %.4f) error %.4f px%n",
              axis, z, optics.disparityPx(z), d[12], d[0], d[24], d[12] - optics.disparityPx(z)));
        }
      }
    }
    timing(report);
    Files.writeString(out.resolve("dp-report.txt"), report.toString());
    assertTrue(Files.size(out.resolve("dp-report.txt")) > 0);
  }

  /** A head-like ellipsoid (840..1100 mm) on an empty background at 480×640. */
  private static void timing(StringBuilder report) {
    int w = 480;
    int h = 640;
    GrayF32 rad = DpScenes.texture(w, h, 1);
    GrayF32 depth = new GrayF32(w, h);
    int surface = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double dx = (x - w / 2.0) / 170;
        double dy = (y - h / 2.0) / 230;
        double rr = dx * dx + dy * dy;
        if (rr < 1) {
          depth.set(x, y, (float) (840 + 260 * rr));
          surface++;
        } else {
          rad.set(x, y, 0.02f);
        }
      }
    }
    report.append(String.format(Locale.ROOT, "timing scene 480x640, %d surface px, depth 840..1100 mm%n",
        surface));
    ThinLensDp cam = DpScenes.virtualCamera(SplitAxis.VERTICAL);
    GrayF32 a = new GrayF32(1, 1);
    GrayF32 b = new GrayF32(1, 1);
    for (int threads : new int[] {1, 2}) {
      try (DualPixelRenderer r = new DualPixelRenderer(DpRenderConfig.defaults().withThreads(threads))) {
        for (double n : new double[] {5.6, 11}) {
          ThinLensDp optics = cam.withFNumber(n);
          double pair = median(() -> r.renderPair(rad, depth, null, optics, a, b));
          double full = median(() -> r.renderFull(rad, depth, null, optics, a));
          report.append(String.format(Locale.ROOT,
              "threads %d f/%.1f: pair %.1f ms, full %.1f ms (median of 7 after 3 warm-ups)%n",
              threads, n, pair, full));
        }
      }
    }
    try (DualPixelRenderer r = new DualPixelRenderer(DpRenderConfig.defaults().withBackgroundBlurPx(2))) {
      double pair = median(() -> r.renderPair(rad, depth, null, cam, a, b));
      report.append(String.format(Locale.ROOT,
          "threads 1 f/5.6 background blur 2 px instead of 12: pair %.1f ms%n", pair));
    }
  }

  private static double median(Runnable task) {
    for (int i = 0; i < 3; i++) {
      task.run();
    }
    double[] t = new double[7];
    for (int i = 0; i < t.length; i++) {
      long t0 = System.nanoTime();
      task.run();
      t[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(t);
    return t[3];
  }
}
