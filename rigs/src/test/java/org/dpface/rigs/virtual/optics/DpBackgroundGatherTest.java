package org.dpface.rigs.virtual.optics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.SplitAxis;
import org.junit.jupiter.api.Test;

/**
 * The uniform-background fast path (gathered coverage) matches the general scatter: the same scene is
 * rendered with a uniform background and with one background pixel nudged by one ulp, which forces
 * the scatter path; both images must agree to float rounding.
 */
class DpBackgroundGatherTest {
  @Test
  void gatheredBackgroundEqualsScatteredBackground() {
    for (SplitAxis axis : SplitAxis.values()) {
      for (float bg : new float[] {0f, 0.3f}) {
        int w = 96;
        int h = 80;
        GrayF32 depth = new GrayF32(w, h);
        GrayU8 mask = new GrayU8(w, h);
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            double dx = (x - 40) / 30.0;
            double dy = (y - 36) / 26.0;
            boolean in = dx * dx + dy * dy < 1;
            depth.set(x, y, in ? (float) (850 + 40 * (dx * dx + dy * dy)) : 0f);
            mask.set(x, y, in ? 1 : 0);
          }
        }
        GrayF32 tex = DpScenes.texture(w, h, 5);
        GrayF32 rad = new GrayF32(w, h);
        for (int i = 0; i < w * h; i++) {
          rad.data[i] = mask.data[i] != 0 ? tex.data[i] : bg;
        }
        ThinLensDp optics = DpScenes.virtualCamera(axis);
        GrayF32 l1 = new GrayF32(1, 1);
        GrayF32 r1 = new GrayF32(1, 1);
        GrayF32 l2 = new GrayF32(1, 1);
        GrayF32 r2 = new GrayF32(1, 1);
        try (DualPixelRenderer dp = new DualPixelRenderer(DpRenderConfig.defaults().withThreads(2))) {
          dp.renderPair(rad, depth, mask, optics, l1, r1);
          rad.set(w - 1, h - 1, Math.nextUp(bg));
          dp.renderPair(rad, depth, mask, optics, l2, r2);
        }
        double max = 0;
        for (int i = 0; i < w * h - 1; i++) {
          max = Math.max(max, Math.abs(l1.data[i] - l2.data[i]));
          max = Math.max(max, Math.abs(r1.data[i] - r2.data[i]));
        }
        assertTrue(max < 2e-6, axis + " bg " + bg + ": gather vs scatter differ by " + max);
      }
    }
  }
}
