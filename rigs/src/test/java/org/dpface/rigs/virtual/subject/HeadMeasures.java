package org.dpface.rigs.virtual.subject;

/** Anthropometric measurements on head-frame vertex arrays (test helper; mm). */
final class HeadMeasures {
  private HeadMeasures() {}

  /** Vertex of the front face (z &lt; -40) nearest to (x, y) in the image plane of the head. */
  static int nearestFront(float[] v, double x, double y) {
    int best = -1;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < v.length / 3; i++) {
      if (v[i * 3 + 2] >= -40) {
        continue;
      }
      double d = Math.hypot(v[i * 3] - x, v[i * 3 + 1] - y);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  static double topY(float[] v) {
    double top = Double.POSITIVE_INFINITY;
    for (int i = 1; i < v.length; i += 3) {
      top = Math.min(top, v[i]);
    }
    return top;
  }

  /** Lowest (largest y) point of the chin: front (z &lt; -50) midline (|x| &lt; 15) vertices. */
  static double chinY(float[] v) {
    double chin = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < v.length; i += 3) {
      if (v[i + 2] < -50 && Math.abs(v[i]) < 15) {
        chin = Math.max(chin, v[i + 1]);
      }
    }
    return chin;
  }

  /** Menton: the lowest vertex of the front (z &lt; -70) midline (|x| &lt; 10). */
  static int menton(float[] v) {
    int best = -1;
    for (int i = 0; i < v.length / 3; i++) {
      if (v[i * 3 + 2] < -70 && Math.abs(v[i * 3]) < 10 && (best < 0 || v[i * 3 + 1] > v[best * 3 + 1])) {
        best = i;
      }
    }
    return best;
  }

  /** Cranial breadth: x extent of the vertices above the ears (y &lt; -50). */
  static double cranialWidth(float[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < v.length; i += 3) {
      if (v[i + 1] < -50) {
        lo = Math.min(lo, v[i]);
        hi = Math.max(hi, v[i]);
      }
    }
    return hi - lo;
  }

  /** Nose tip z minus the mean z of the cheek points 35 mm to either side at the tip's height (> 0 mm). */
  static double noseProtrusion(float[] v, int tip) {
    double tx = v[tip * 3];
    double ty = v[tip * 3 + 1];
    int l = nearestFront(v, tx - 35, ty);
    int r = nearestFront(v, tx + 35, ty);
    double cheekZ = 0.5 * (v[l * 3 + 2] + v[r * 3 + 2]);
    return cheekZ - v[tip * 3 + 2];
  }
}
