package org.dpface.calibration.projector;

import java.util.Arrays;
import org.dpface.reconstruction.struct.DecodedMaps;

/**
 * Maps a point of a camera image into the projector image through a local homography fitted to the
 * decoded projector coordinates around it (Moreno and Taubin, "Simple, Accurate, and Robust
 * Projector-Camera Calibration", 3DIMPVT 2012, section 3.2): on a planar board, camera pixels and the
 * projector pixels that lit them are related by a homography, and fitting one over a window averages the
 * decoder's noise while a corner itself (where dark and light squares meet) decodes poorly.
 *
 * <p>Algorithm overview ({@link #map}):
 * <ol>
 *   <li>collect the window's decoded pixels (mask set, both coordinates finite), camera coordinates taken
 *       relative to the point and scaled by the window radius, projector coordinates relative to their
 *       mean and scaled by their RMS spread (conditioning);
 *   <li>linear least squares for H with h33 = 1 (8 unknowns; the point is the origin of the camera
 *       coordinates, so H is finite there): u'(h31 x + h32 y + 1) = h11 x + h12 y + h13 and likewise v';
 *   <li>robust: residuals in projector px, pixels beyond max(3 × 1.4826 × median residual,
 *       {@code inlierFloorPx}) dropped and H refitted, until the inlier set stops changing (at most
 *       {@value #MAX_ROUNDS} rounds);
 *   <li>the point maps to (h13, h23), undone from the conditioning.
 * </ol>
 * Work buffers are fields: not thread-safe, no allocation per call.
 */
public final class LocalHomography {
  private static final int MAX_ROUNDS = 4;
  private static final int UNKNOWNS = 8;
  /** Fewest pixels ever accepted (a homography has 8 unknowns; ask for a margin). */
  private static final int MIN_PIXELS = 16;

  private final int radius;
  private final int minPixels;
  private final double inlierFloorPx;
  private final double[] x;
  private final double[] y;
  private final double[] pu;
  private final double[] pv;
  private final double[] residual;
  private final double[] sorted;
  private final boolean[] inlier;
  private final double[] ata = new double[UNKNOWNS * UNKNOWNS];
  private final double[] atb = new double[UNKNOWNS];
  private final double[] h = new double[UNKNOWNS];
  private final double[] row = new double[UNKNOWNS];
  private int count;
  private int inliers;
  private double rmsPx;

  /**
   * @param windowRadiusPx half side of the window (camera px)
   * @param minValidFraction fewest decoded pixels as a fraction of the window area
   * @param inlierFloorPx smallest outlier threshold, projector px
   */
  public LocalHomography(int windowRadiusPx, double minValidFraction, double inlierFloorPx) {
    if (windowRadiusPx < 2) {
      throw new IllegalArgumentException("window radius must be >= 2, got " + windowRadiusPx);
    }
    this.radius = windowRadiusPx;
    int area = (2 * radius + 1) * (2 * radius + 1);
    this.minPixels = Math.max(MIN_PIXELS, (int) Math.ceil(minValidFraction * area));
    this.inlierFloorPx = inlierFloorPx;
    x = new double[area];
    y = new double[area];
    pu = new double[area];
    pv = new double[area];
    residual = new double[area];
    sorted = new double[area];
    inlier = new boolean[area];
  }

  /** From a projector calibration's settings. */
  public static LocalHomography of(ProjectorCalibrationConfig c) {
    return new LocalHomography(c.windowRadiusPx(), c.minValidFraction(), c.inlierFloorPx());
  }

  /**
   * Maps camera point ({@code u}, {@code v}) (px, integer = pixel centre) into the projector.
   *
   * @param out receives projector (column, row), px
   * @return false when the window holds too few decoded pixels (or too few inliers) or the fit is singular
   */
  public boolean map(DecodedMaps decoded, double u, double v, double[] out) {
    count = 0;
    inliers = 0;
    rmsPx = Double.NaN;
    int cu = (int) Math.round(u);
    int cv = (int) Math.round(v);
    int w = decoded.width();
    int hgt = decoded.height();
    double mu = 0;
    double mv = 0;
    for (int yy = Math.max(0, cv - radius); yy <= Math.min(hgt - 1, cv + radius); yy++) {
      for (int xx = Math.max(0, cu - radius); xx <= Math.min(w - 1, cu + radius); xx++) {
        if (decoded.mask.get(xx, yy) == 0) {
          continue;
        }
        float a = decoded.projU.get(xx, yy);
        float b = decoded.projV.get(xx, yy);
        if (!Float.isFinite(a) || !Float.isFinite(b)) {
          continue;
        }
        x[count] = (xx - u) / radius;
        y[count] = (yy - v) / radius;
        pu[count] = a;
        pv[count] = b;
        mu += a;
        mv += b;
        count++;
      }
    }
    if (count < minPixels) {
      return false;
    }
    mu /= count;
    mv /= count;
    double spread = 0;
    for (int i = 0; i < count; i++) {
      pu[i] -= mu;
      pv[i] -= mv;
      spread += pu[i] * pu[i] + pv[i] * pv[i];
    }
    double s = Math.sqrt(spread / count);
    if (!(s > 0)) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      pu[i] /= s;
      pv[i] /= s;
      inlier[i] = true;
    }
    inliers = count;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (inliers < minPixels || !fit()) {
        return false;
      }
      double sum = 0;
      for (int i = 0; i < count; i++) {
        residual[i] = s * residualOf(i);
        sorted[i] = residual[i];
        if (inlier[i]) {
          sum += residual[i] * residual[i];
        }
      }
      rmsPx = Math.sqrt(sum / inliers);
      Arrays.sort(sorted, 0, count);
      double med = count % 2 == 1 ? sorted[count / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2]);
      double threshold = Math.max(3 * 1.4826 * med, inlierFloorPx);
      boolean changed = false;
      int n = 0;
      for (int i = 0; i < count; i++) {
        boolean in = residual[i] <= threshold;
        changed |= in != inlier[i];
        inlier[i] = in;
        n += in ? 1 : 0;
      }
      inliers = n;
      if (!changed) {
        break;
      }
      if (round == MAX_ROUNDS - 1 && (inliers < minPixels || !fit())) {
        return false;
      }
    }
    out[0] = mu + s * h[2];
    out[1] = mv + s * h[5];
    return Double.isFinite(out[0]) && Double.isFinite(out[1]);
  }

  /** Decoded pixels found in the window by the last {@link #map} call. */
  public int lastPixelCount() {
    return count;
  }

  /** Inliers of the last fit. */
  public int lastInlierCount() {
    return inliers;
  }

  /** RMS residual of the last fit's inliers, projector px (NaN when it failed early). */
  public double lastRmsPx() {
    return rmsPx;
  }

  private double residualOf(int i) {
    double d = h[6] * x[i] + h[7] * y[i] + 1;
    double eu = (h[0] * x[i] + h[1] * y[i] + h[2]) / d - pu[i];
    double ev = (h[3] * x[i] + h[4] * y[i] + h[5]) / d - pv[i];
    return Math.hypot(eu, ev);
  }

  /** Least squares over the inliers into {@link #h}; false when singular. */
  private boolean fit() {
    Arrays.fill(ata, 0);
    Arrays.fill(atb, 0);
    for (int i = 0; i < count; i++) {
      if (!inlier[i]) {
        continue;
      }
      double xi = x[i];
      double yi = y[i];
      accumulate(xi, yi, 1, 0, 0, 0, -pu[i] * xi, -pu[i] * yi, pu[i]);
      accumulate(0, 0, 0, xi, yi, 1, -pv[i] * xi, -pv[i] * yi, pv[i]);
    }
    return solve();
  }

  private void accumulate(double a0, double a1, double a2, double a3, double a4, double a5,
      double a6, double a7, double b) {
    row[0] = a0;
    row[1] = a1;
    row[2] = a2;
    row[3] = a3;
    row[4] = a4;
    row[5] = a5;
    row[6] = a6;
    row[7] = a7;
    for (int r = 0; r < UNKNOWNS; r++) {
      double ar = row[r];
      if (ar == 0) {
        continue;
      }
      atb[r] += ar * b;
      for (int c = 0; c < UNKNOWNS; c++) {
        ata[r * UNKNOWNS + c] += ar * row[c];
      }
    }
  }

  /** Gaussian elimination with partial pivoting on the 8x8 normal equations (destroys them). */
  private boolean solve() {
    int n = UNKNOWNS;
    for (int k = 0; k < n; k++) {
      int piv = k;
      for (int r = k + 1; r < n; r++) {
        if (Math.abs(ata[r * n + k]) > Math.abs(ata[piv * n + k])) {
          piv = r;
        }
      }
      if (!(Math.abs(ata[piv * n + k]) > 1e-12)) {
        return false;
      }
      if (piv != k) {
        for (int c = 0; c < n; c++) {
          double t = ata[k * n + c];
          ata[k * n + c] = ata[piv * n + c];
          ata[piv * n + c] = t;
        }
        double t = atb[k];
        atb[k] = atb[piv];
        atb[piv] = t;
      }
      for (int r = k + 1; r < n; r++) {
        double f = ata[r * n + k] / ata[k * n + k];
        if (f == 0) {
          continue;
        }
        for (int c = k; c < n; c++) {
          ata[r * n + c] -= f * ata[k * n + c];
        }
        atb[r] -= f * atb[k];
      }
    }
    for (int k = n - 1; k >= 0; k--) {
      double sum = atb[k];
      for (int c = k + 1; c < n; c++) {
        sum -= ata[k * n + c] * h[c];
      }
      h[k] = sum / ata[k * n + k];
    }
    return true;
  }
}
