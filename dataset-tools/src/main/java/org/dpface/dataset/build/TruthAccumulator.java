package org.dpface.dataset.build;

import java.util.Arrays;
import org.dpface.dataset.register.Crop;
import org.dpface.dataset.register.RegisteredView;
import org.dpface.rigs.virtual.take.TakeTruth;

/** Pixel errors of registered vs true maps inside the crops. */
final class TruthAccumulator {
  private float[] dz = new float[4096];
  private float[] angle = new float[4096];
  private int n;
  private int views;

  /** Views scored so far. */
  int views() {
    return views;
  }
  private long union;
  private long both;

  void add(RegisteredView v, TakeTruth.CameraTruth t) {
    views++;
    Crop c = v.crop();
    int w = v.depth().width();
    for (int y = c.y0(); y < c.y0() + c.height(); y++) {
      for (int x = c.x0(); x < c.x0() + c.width(); x++) {
        boolean a = v.mask().data[y * w + x] != 0;
        boolean b = t.mask().get(x, y) != 0 && t.depth().get(x, y) > 0;
        union += a || b ? 1 : 0;
        if (!(a && b)) {
          continue;
        }
        both++;
        if (n == dz.length) {
          dz = Arrays.copyOf(dz, 2 * n);
          angle = Arrays.copyOf(angle, 2 * n);
        }
        dz[n] = Math.abs(v.depth().data[y * w + x] - t.depth().get(x, y));
        int i = v.normal().indexOf(x, y);
        int j = t.normal().indexOf(x, y);
        double dot = 0;
        for (int k = 0; k < 3; k++) {
          dot += (double) v.normal().data[i + k] * t.normal().data[j + k];
        }
        angle[n] = (float) Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
        n++;
      }
    }
  }

  BuildPlan.TruthScore score() {
    float[] a = Arrays.copyOf(dz, n);
    float[] b = Arrays.copyOf(angle, n);
    Arrays.sort(a);
    Arrays.sort(b);
    return new BuildPlan.TruthScore(views, n, rank(a, 0.5), rank(a, 0.95), rank(b, 0.5), rank(b, 0.95),
        union == 0 ? Double.NaN : (double) both / union);
  }

  private static double rank(float[] s, double q) {
    return s.length == 0 ? Double.NaN : s[Math.max(0, Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1))];
  }
}
