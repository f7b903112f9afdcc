package org.dpface.calibration.rig;

import java.util.Arrays;
import java.util.List;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * Joint refinement of a rig's camera poses, the board poses and (optionally) the camera intrinsics by
 * robust Levenberg–Marquardt on the reprojection error of every detected corner (bundle adjustment,
 * Triggs, McLauchlan, Hartley and Fitzgibbon, "Bundle Adjustment — A Modern Synthesis", 2000).
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>unknowns: {@code worldToCamera} of cameras 1.. (camera 0 is the world frame, held fixed: the
 *       gauge), {@code boardToWorld} of every pose, and with {@code refineIntrinsics} fx fy cx cy and the
 *       distortion terms of each camera. The board's known square size fixes the scale;
 *   <li>each pose is updated by a local increment T ← T·Δ with Δ = (Exp(ω), δt) (6 numbers, rotation
 *       vector ω in radians, δt in mm), re-linearised every iteration, so no angle parametrisation
 *       singularity arises;
 *   <li>Jacobians by central differences per observation block (the problem is small: tens of poses,
 *       a few thousand corners); normal equations dense, solved by Cholesky;
 *   <li>robust loss: Huber on each corner's 2D error with threshold {@code huberPx}, by iteratively
 *       re-weighted least squares (weights from the current residuals every iteration); the LM damping
 *       λ·diag(JᵀWJ) is raised until the robust cost falls, lowered after each accepted step.
 * </ol>
 * Deterministic: fixed iteration order, no threads.
 */
final class BundleAdjuster {
  /** Central-difference steps: rotation (rad), translation (mm), focal/pp (px), distortion (unitless). */
  private static final double H_ROT = 1e-6;
  private static final double H_T = 1e-4;
  private static final double H_PX = 1e-3;
  private static final double H_DIST = 1e-7;
  private static final int RIGID = 6;
  /** Stop when an accepted step lowers the robust cost by less than this fraction. */
  private static final double REL_TOL = 1e-8;

  /**
   * One board view: a camera, a pose and the corners it saw (canonical order); a rejected corner's pixel
   * pair is NaN and contributes nothing.
   */
  record Observation(int camera, int pose, double[] pixels) {}

  /** Outcome: refined state and how the cost went. */
  record Result(CameraModel[] models, RigidTransform[] worldToCamera, RigidTransform[] boardToWorld,
      int iterations, double initialRmsPx, double finalRmsPx) {}

  private final double[] object;
  private final int points;
  private final List<Observation> obs;
  private final int cameras;
  private final int poses;
  private final int terms;
  private final boolean refineIntrinsics;
  private final double huberPx;
  private final int maxIterations;
  /** Parameter offset of each camera's extrinsic block (−1 for camera 0), intrinsic block, pose block. */
  private final int[] extrOffset;
  private final int[] intrOffset;
  private final int[] poseOffset;
  private final int size;

  BundleAdjuster(double[] objectPoints, List<Observation> observations, int cameras, int poses,
      int distortionTerms, boolean refineIntrinsics, double huberPx, int maxIterations) {
    this.object = objectPoints.clone();
    this.points = objectPoints.length / 3;
    this.obs = List.copyOf(observations);
    this.cameras = cameras;
    this.poses = poses;
    this.terms = distortionTerms;
    this.refineIntrinsics = refineIntrinsics;
    this.huberPx = huberPx;
    this.maxIterations = maxIterations;
    extrOffset = new int[cameras];
    intrOffset = new int[cameras];
    poseOffset = new int[poses];
    boolean[] posed = new boolean[poses];
    for (Observation o : obs) {
      posed[o.pose()] = true;
    }
    int n = 0;
    for (int c = 0; c < cameras; c++) {
      extrOffset[c] = c == 0 ? -1 : n;
      n += c == 0 ? 0 : RIGID;
    }
    for (int c = 0; c < cameras; c++) {
      intrOffset[c] = refineIntrinsics ? n : -1;
      n += refineIntrinsics ? 4 + terms : 0;
    }
    for (int p = 0; p < poses; p++) {
      poseOffset[p] = posed[p] ? n : -1;
      n += posed[p] ? RIGID : 0;
    }
    size = n;
  }

  /** Runs LM from the given start (arrays are not modified). */
  Result run(CameraModel[] models0, RigidTransform[] worldToCamera0, RigidTransform[] boardToWorld0) {
    CameraModel[] models = models0.clone();
    RigidTransform[] w2c = worldToCamera0.clone();
    RigidTransform[] b2w = boardToWorld0.clone();
    double cost = cost(models, w2c, b2w);
    double initialRms = rms(models, w2c, b2w);
    double lambda = 1e-3;
    int it = 0;
    double[] h = new double[size * size];
    double[] g = new double[size];
    for (; it < maxIterations; it++) {
      normalEquations(models, w2c, b2w, h, g);
      boolean accepted = false;
      for (int tries = 0; tries < 12 && !accepted; tries++) {
        double[] a = h.clone();
        for (int i = 0; i < size; i++) {
          a[i * size + i] += lambda * Math.max(h[i * size + i], 1e-12);
        }
        double[] step = solve(a, g);
        if (step == null) {
          lambda *= 10;
          continue;
        }
        CameraModel[] m2 = models.clone();
        RigidTransform[] w2 = w2c.clone();
        RigidTransform[] b2 = b2w.clone();
        apply(step, m2, w2, b2);
        double c2 = cost(m2, w2, b2);
        if (c2 < cost) {
          double rel = (cost - c2) / Math.max(cost, 1e-300);
          models = m2;
          w2c = w2;
          b2w = b2;
          cost = c2;
          lambda = Math.max(lambda / 3, 1e-12);
          accepted = true;
          if (rel < REL_TOL) {
            it = maxIterations;
          }
        } else {
          lambda *= 4;
        }
      }
      if (!accepted) {
        break;
      }
    }
    return new Result(models, w2c, b2w, Math.min(it, maxIterations), initialRms, rms(models, w2c, b2w));
  }

  /** Robust (Huber) cost ½Σρ over all corners. */
  private double cost(CameraModel[] m, RigidTransform[] w2c, RigidTransform[] b2w) {
    double sum = 0;
    double[] r = new double[2 * points];
    for (Observation o : obs) {
      residuals(m[o.camera()], w2c[o.camera()], b2w[o.pose()], o.pixels(), r);
      for (int i = 0; i < points; i++) {
        double e = Math.hypot(r[2 * i], r[2 * i + 1]);
        sum += e <= huberPx ? 0.5 * e * e : huberPx * (e - 0.5 * huberPx);
      }
    }
    return sum;
  }

  /** Plain reprojection RMS (px) over all corners not rejected. */
  double rms(CameraModel[] m, RigidTransform[] w2c, RigidTransform[] b2w) {
    double sum = 0;
    long n = 0;
    double[] r = new double[2 * points];
    for (Observation o : obs) {
      residuals(m[o.camera()], w2c[o.camera()], b2w[o.pose()], o.pixels(), r);
      for (int i = 0; i < points; i++) {
        if (!Double.isNaN(o.pixels()[2 * i])) {
          sum += r[2 * i] * r[2 * i] + r[2 * i + 1] * r[2 * i + 1];
          n++;
        }
      }
    }
    return Math.sqrt(sum / Math.max(1, n));
  }

  /**
   * Projected minus detected pixels of one view into {@code r} (2 per corner); a point behind the
   * camera gets a large residual, a rejected (NaN) corner zero.
   */
  void residuals(CameraModel m, RigidTransform worldToCamera, RigidTransform boardToWorld, double[] pixels,
      double[] r) {
    RigidTransform b2c = boardToWorld.then(worldToCamera);
    double[] p = new double[3];
    double[] uv = new double[2];
    for (int i = 0; i < points; i++) {
      if (Double.isNaN(pixels[2 * i])) {
        r[2 * i] = 0;
        r[2 * i + 1] = 0;
        continue;
      }
      b2c.transformPoint(object[3 * i], object[3 * i + 1], object[3 * i + 2], p, 0);
      if (!m.project(p[0], p[1], p[2], uv, 0)) {
        r[2 * i] = 1e6;
        r[2 * i + 1] = 1e6;
        continue;
      }
      r[2 * i] = uv[0] - pixels[2 * i];
      r[2 * i + 1] = uv[1] - pixels[2 * i + 1];
    }
  }

  private void normalEquations(CameraModel[] m, RigidTransform[] w2c, RigidTransform[] b2w, double[] h,
      double[] g) {
    Arrays.fill(h, 0);
    Arrays.fill(g, 0);
    int rows = 2 * points;
    double[] r = new double[rows];
    double[] rp = new double[rows];
    double[] rm = new double[rows];
    int intrSize = refineIntrinsics ? 4 + terms : 0;
    int maxCols = 2 * RIGID + intrSize;
    double[] jac = new double[rows * maxCols];
    int[] col = new int[maxCols];
    double[] w = new double[rows];
    for (Observation o : obs) {
      int c = o.camera();
      int p = o.pose();
      residuals(m[c], w2c[c], b2w[p], o.pixels(), r);
      for (int i = 0; i < points; i++) {
        double e = Math.hypot(r[2 * i], r[2 * i + 1]);
        double wi = e <= huberPx ? 1 : huberPx / e;
        w[2 * i] = wi;
        w[2 * i + 1] = wi;
      }
      int nc = 0;
      if (extrOffset[c] >= 0) {
        for (int k = 0; k < RIGID; k++) {
          double step = k < 3 ? H_ROT : H_T;
          residuals(m[c], perturb(w2c[c], k, step), b2w[p], o.pixels(), rp);
          residuals(m[c], perturb(w2c[c], k, -step), b2w[p], o.pixels(), rm);
          fillColumn(jac, maxCols, nc, rp, rm, step);
          col[nc++] = extrOffset[c] + k;
        }
      }
      for (int k = 0; k < RIGID; k++) {
        double step = k < 3 ? H_ROT : H_T;
        residuals(m[c], w2c[c], perturb(b2w[p], k, step), o.pixels(), rp);
        residuals(m[c], w2c[c], perturb(b2w[p], k, -step), o.pixels(), rm);
        fillColumn(jac, maxCols, nc, rp, rm, step);
        col[nc++] = poseOffset[p] + k;
      }
      for (int k = 0; k < intrSize; k++) {
        double step = k < 4 ? H_PX : H_DIST;
        residuals(perturb(m[c], k, step), w2c[c], b2w[p], o.pixels(), rp);
        residuals(perturb(m[c], k, -step), w2c[c], b2w[p], o.pixels(), rm);
        fillColumn(jac, maxCols, nc, rp, rm, step);
        col[nc++] = intrOffset[c] + k;
      }
      for (int a = 0; a < nc; a++) {
        double ga = 0;
        for (int i = 0; i < rows; i++) {
          ga += jac[i * maxCols + a] * w[i] * r[i];
        }
        g[col[a]] -= ga;
        for (int b = a; b < nc; b++) {
          double s = 0;
          for (int i = 0; i < rows; i++) {
            s += jac[i * maxCols + a] * w[i] * jac[i * maxCols + b];
          }
          h[col[a] * size + col[b]] += s;
          if (a != b) {
            h[col[b] * size + col[a]] += s;
          }
        }
      }
    }
  }

  private static void fillColumn(double[] jac, int stride, int column, double[] rp, double[] rm, double step) {
    double inv = 1 / (2 * step);
    for (int i = 0; i < rp.length; i++) {
      jac[i * stride + column] = (rp[i] - rm[i]) * inv;
    }
  }

  /** T·Δ with Δ the k-th unit increment (0..2 rotation about x, y, z; 3..5 translation) of size s. */
  static RigidTransform perturb(RigidTransform t, int k, double s) {
    double[] w = new double[3];
    double[] d = new double[3];
    if (k < 3) {
      w[k] = s;
    } else {
      d[k - 3] = s;
    }
    return t.then(RigidTransform.fromRodrigues(w, d));
  }

  private CameraModel perturb(CameraModel m, int k, double s) {
    double[] v = intrinsics(m);
    v[k] += s;
    return model(m, v);
  }

  private double[] intrinsics(CameraModel m) {
    double[] v = new double[4 + terms];
    v[0] = m.fx();
    v[1] = m.fy();
    v[2] = m.cx();
    v[3] = m.cy();
    double[] d = m.distortion();
    System.arraycopy(d, 0, v, 4, Math.min(terms, d.length));
    return v;
  }

  private CameraModel model(CameraModel m, double[] v) {
    double[] d = Arrays.copyOfRange(v, 4, 4 + terms);
    double[] coeffs = terms < 5 ? Arrays.copyOf(d, 5) : d;
    return new CameraModel(m.width(), m.height(), v[0], v[1], v[2], v[3], coeffs);
  }

  private void apply(double[] step, CameraModel[] m, RigidTransform[] w2c, RigidTransform[] b2w) {
    for (int c = 1; c < cameras; c++) {
      if (extrOffset[c] >= 0) {
        w2c[c] = increment(w2c[c], step, extrOffset[c]);
      }
    }
    for (int c = 0; c < cameras && refineIntrinsics; c++) {
      double[] v = intrinsics(m[c]);
      for (int k = 0; k < v.length; k++) {
        v[k] += step[intrOffset[c] + k];
      }
      if (v[0] > 0 && v[1] > 0) {
        m[c] = model(m[c], v);
      }
    }
    for (int p = 0; p < poses; p++) {
      if (poseOffset[p] >= 0 && b2w[p] != null) {
        b2w[p] = increment(b2w[p], step, poseOffset[p]);
      }
    }
  }

  private static RigidTransform increment(RigidTransform t, double[] step, int off) {
    double[] w = {step[off], step[off + 1], step[off + 2]};
    double[] d = {step[off + 3], step[off + 4], step[off + 5]};
    return t.then(RigidTransform.fromRodrigues(w, d));
  }

  /** Solves A x = b for symmetric positive definite A by Cholesky; null when A is not positive definite. */
  static double[] solve(double[] a, double[] b) {
    int n = b.length;
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * n + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * n + k] * l[j * n + k];
        }
        if (i == j) {
          if (!(s > 0)) {
            return null;
          }
          l[i * n + i] = Math.sqrt(s);
        } else {
          l[i * n + j] = s / l[j * n + j];
        }
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i * n + k] * y[k];
      }
      y[i] = s / l[i * n + i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k * n + i] * x[k];
      }
      x[i] = s / l[i * n + i];
    }
    return x;
  }
}
