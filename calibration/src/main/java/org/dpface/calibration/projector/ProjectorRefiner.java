package org.dpface.calibration.projector;

import java.util.List;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * Joint refinement of one projector's intrinsics and its pose in the rig frame, with the board poses
 * held at the rig calibration's values: robust Levenberg–Marquardt on the projector-image error of every
 * board corner (the projector is an inverse camera; Moreno and Taubin 2012, section 3.3, estimate its
 * intrinsics like a camera's; here the board poses come from the calibrated cameras, so they are not
 * re-estimated per projector view).
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>unknowns: fx fy cx cy, the distortion terms, and worldToProjector by a local increment
 *       T ← T then (Exp(ω), δt) (rotation vector in rad, δt in mm), re-linearised every iteration;
 *   <li>residuals: projected board corner (boardToWorld, then worldToProjector, then the model) minus
 *       the corner mapped into the projector; Jacobian by central differences;
 *   <li>Huber loss on each corner's 2D error by iteratively re-weighted least squares; the damping
 *       λ·diag(JᵀWJ) raised until the robust cost falls, lowered after an accepted step.
 * </ol>
 * Deterministic, single-threaded; the problem is tiny (≤ 14 unknowns, a few hundred corners).
 */
final class ProjectorRefiner {
  private static final double H_ROT = 1e-6;
  private static final double H_T = 1e-4;
  private static final double H_PX = 1e-3;
  private static final double H_DIST = 1e-7;
  private static final double REL_TOL = 1e-10;

  /** One projector view: a board pose in the rig frame and its corners in the projector, px. */
  record View(RigidTransform boardToWorld, double[] pixels) {}

  /** Refined state and how the robust RMS went. */
  record Result(CameraModel model, RigidTransform worldToProjector, int iterations, double initialRmsPx,
      double finalRmsPx) {}

  private final double[] object;
  private final List<View> views;
  private final int terms;
  private final double huberPx;
  private final int maxIterations;
  private final int size;
  private final int residuals;

  ProjectorRefiner(double[] objectPoints, List<View> views, int distortionTerms, double huberPx, int maxIterations) {
    this.object = objectPoints.clone();
    this.views = List.copyOf(views);
    this.terms = distortionTerms;
    this.huberPx = huberPx;
    this.maxIterations = maxIterations;
    this.size = 4 + terms + 6;
    this.residuals = 2 * (objectPoints.length / 3) * views.size();
  }

  Result run(CameraModel model0, RigidTransform worldToProjector0) {
    double[] intr = intrinsics(model0);
    RigidTransform pose = worldToProjector0;
    double[] r = new double[residuals];
    residuals(modelOf(model0, intr), pose, r);
    double cost = robustCost(r);
    double initialRms = rms(r);
    double lambda = 1e-3;
    double[] jac = new double[residuals * size];
    double[] rp = new double[residuals];
    double[] rm = new double[residuals];
    int it = 0;
    for (; it < maxIterations; it++) {
      // Jacobian by central differences
      for (int k = 0; k < size; k++) {
        double step = k < 4 ? H_PX : k < 4 + terms ? H_DIST : k < 4 + terms + 3 ? H_ROT : H_T;
        perturbed(model0, intr, pose, k, step, rp);
        perturbed(model0, intr, pose, k, -step, rm);
        for (int i = 0; i < residuals; i++) {
          jac[i * size + k] = (rp[i] - rm[i]) / (2 * step);
        }
      }
      double[] hm = new double[size * size];
      double[] g = new double[size];
      for (int i = 0; i < residuals; i += 2) {
        double e = Math.hypot(r[i], r[i + 1]);
        double w = e <= huberPx ? 1 : huberPx / e;
        for (int q = 0; q < 2; q++) {
          int row = (i + q) * size;
          for (int a = 0; a < size; a++) {
            double ja = w * jac[row + a];
            g[a] += ja * r[i + q];
            for (int b = 0; b < size; b++) {
              hm[a * size + b] += ja * jac[row + b];
            }
          }
        }
      }
      boolean accepted = false;
      double newCost = cost;
      for (int tries = 0; tries < 12 && !accepted; tries++) {
        double[] a = hm.clone();
        for (int d = 0; d < size; d++) {
          a[d * size + d] += lambda * Math.max(hm[d * size + d], 1e-12);
        }
        double[] delta = solve(a, negate(g), size);
        if (delta == null) {
          lambda *= 10;
          continue;
        }
        double[] intr2 = intr.clone();
        for (int k = 0; k < 4 + terms; k++) {
          intr2[k] += delta[k];
        }
        if (!(intr2[0] > 0 && intr2[1] > 0)) {
          lambda *= 10;
          continue;
        }
        RigidTransform pose2 = pose.then(increment(delta, 4 + terms));
        double[] r2 = new double[residuals];
        residuals(modelOf(model0, intr2), pose2, r2);
        newCost = robustCost(r2);
        if (newCost < cost) {
          intr = intr2;
          pose = pose2;
          r = r2;
          accepted = true;
          lambda = Math.max(lambda / 10, 1e-12);
        } else {
          lambda *= 10;
        }
      }
      if (!accepted) {
        break;
      }
      double drop = cost - newCost;
      cost = newCost;
      if (drop < REL_TOL * cost) {
        it++;
        break;
      }
    }
    return new Result(modelOf(model0, intr), pose, it, initialRms, rms(r));
  }

  private void perturbed(CameraModel base, double[] intr, RigidTransform pose, int k, double step, double[] out) {
    if (k < 4 + terms) {
      double[] p = intr.clone();
      p[k] += step;
      residuals(modelOf(base, p), pose, out);
    } else {
      double[] d = new double[size];
      d[k] = step;
      residuals(modelOf(base, intr), pose.then(increment(d, 4 + terms)), out);
    }
  }

  private static RigidTransform increment(double[] d, int off) {
    return RigidTransform.fromRodrigues(new double[] {d[off], d[off + 1], d[off + 2]},
        new double[] {d[off + 3], d[off + 4], d[off + 5]});
  }

  private double[] intrinsics(CameraModel m) {
    double[] p = new double[4 + terms];
    p[0] = m.fx();
    p[1] = m.fy();
    p[2] = m.cx();
    p[3] = m.cy();
    double[] d = m.distortion();
    System.arraycopy(d, 0, p, 4, terms);
    return p;
  }

  private CameraModel modelOf(CameraModel base, double[] p) {
    double[] d = new double[terms < 5 ? 5 : terms];
    System.arraycopy(p, 4, d, 0, terms);
    return new CameraModel(base.width(), base.height(), p[0], p[1], p[2], p[3], d);
  }

  /** Projected minus observed, interleaved; a point behind the projector gets a large residual. */
  private void residuals(CameraModel m, RigidTransform worldToProjector, double[] out) {
    double[] pw = new double[3];
    double[] pp = new double[3];
    double[] uv = new double[2];
    int n = object.length / 3;
    int k = 0;
    for (View v : views) {
      double[] px = v.pixels();
      for (int i = 0; i < n; i++) {
        v.boardToWorld().transformPoint(object[3 * i], object[3 * i + 1], object[3 * i + 2], pw, 0);
        worldToProjector.transformPoint(pw[0], pw[1], pw[2], pp, 0);
        if (m.project(pp[0], pp[1], pp[2], uv, 0)) {
          out[k++] = uv[0] - px[2 * i];
          out[k++] = uv[1] - px[2 * i + 1];
        } else {
          out[k++] = 1e6;
          out[k++] = 1e6;
        }
      }
    }
  }

  private double robustCost(double[] r) {
    double c = 0;
    for (int i = 0; i < r.length; i += 2) {
      double e = Math.hypot(r[i], r[i + 1]);
      c += e <= huberPx ? 0.5 * e * e : huberPx * (e - 0.5 * huberPx);
    }
    return c;
  }

  private static double rms(double[] r) {
    double s = 0;
    for (double v : r) {
      s += v * v;
    }
    return Math.sqrt(s / Math.max(1, r.length / 2));
  }

  private static double[] negate(double[] g) {
    double[] out = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      out[i] = -g[i];
    }
    return out;
  }

  /** Solves a·x = b (n×n, row-major, destroyed) by Gaussian elimination with partial pivoting; null if singular. */
  static double[] solve(double[] a, double[] b, int n) {
    double[] x = b.clone();
    for (int k = 0; k < n; k++) {
      int piv = k;
      for (int r = k + 1; r < n; r++) {
        if (Math.abs(a[r * n + k]) > Math.abs(a[piv * n + k])) {
          piv = r;
        }
      }
      if (!(Math.abs(a[piv * n + k]) > 1e-300)) {
        return null;
      }
      if (piv != k) {
        for (int c = 0; c < n; c++) {
          double t = a[k * n + c];
          a[k * n + c] = a[piv * n + c];
          a[piv * n + c] = t;
        }
        double t = x[k];
        x[k] = x[piv];
        x[piv] = t;
      }
      for (int r = k + 1; r < n; r++) {
        double f = a[r * n + k] / a[k * n + k];
        for (int c = k; c < n; c++) {
          a[r * n + c] -= f * a[k * n + c];
        }
        x[r] -= f * x[k];
      }
    }
    for (int k = n - 1; k >= 0; k--) {
      double s = x[k];
      for (int c = k + 1; c < n; c++) {
        s -= a[k * n + c] * x[c];
      }
      x[k] = s / a[k * n + k];
    }
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return null;
      }
    }
    return x;
  }
}
