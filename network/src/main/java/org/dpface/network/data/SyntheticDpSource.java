package org.dpface.network.data;

import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.virtual.optics.DpRenderConfig;
import org.dpface.rigs.virtual.optics.DualPixelRenderer;
import org.dpface.rigs.virtual.optics.ThinLensDp;

/**
 * DP samples rendered physically: a textured smooth surface (a slanted plane with a Gaussian bump)
 * of known depth and normals, seen through a window of one rig camera's sensor and rendered into left
 * and right DP views by the virtual rig's thin-lens DP optics ({@link ThinLensDp},
 * {@link DualPixelRenderer}). Ground truth is exact: depth by ray casting the analytic surface,
 * normals from its gradient, disparity d = a / Z + b with the optics' (a, b).
 *
 * <p>Scene of sample i (all drawn from a generator seeded by (seed, i)):
 * <ol>
 *   <li>a window of the configured size at a random position on the camera's sensor (intrinsics of
 *       the window: principal point shifted);
 *   <li>surface Z = Z0 + gx·(X − Xc) + gy·(Y − Yc) + A·exp(−|(X, Y) − (Xb, Yb)|² / 2σ²) in the camera
 *       frame (mm), Z0 within the configured depth range, slopes |g| ≤ 0.5, bump |A| ≤ 25 mm;
 *   <li>an elliptical face mask covering most of the window; outside it the renderer's background
 *       (no surface, blurred as at infinity) and depth 0;
 *   <li>radiance = a sum of random sinusoids in surface coordinates (mm), so texture sticks to the
 *       surface; rendered through the DP optics; then seeded Gaussian sensor noise.
 * </ol>
 * Samples are rendered on demand and cached; {@link #get} is synchronized (thread-safe).
 */
public final class SyntheticDpSource implements SampleSource {
  private final ThinLensDp optics;
  private final CameraModel camera;
  private final int width;
  private final int height;
  private final int count;
  private final long seed;
  private final double minDepthMm;
  private final double maxDepthMm;
  private final double noiseSigma;
  private final DpSample[] cache;

  /**
   * @param cameraSpec the rig camera whose optics and sensor are used
   * @param width window width (px)
   * @param height window height (px)
   * @param count number of samples
   * @param seed generator seed
   * @param minDepthMm nearest surface base depth Z0
   * @param maxDepthMm farthest surface base depth Z0
   */
  public SyntheticDpSource(CameraSpec cameraSpec, int width, int height, int count, long seed,
      double minDepthMm, double maxDepthMm) {
    Objects.requireNonNull(cameraSpec, "cameraSpec");
    this.optics = ThinLensDp.of(cameraSpec);
    this.camera = cameraSpec.nominalModel();
    if (width < 8 || height < 8 || width > camera.width() || height > camera.height()) {
      throw new IllegalArgumentException("window " + width + "x" + height + " must be at least 8x8 and "
          + "fit the " + camera.width() + "x" + camera.height() + " sensor");
    }
    if (count < 1 || !(minDepthMm > 0 && maxDepthMm >= minDepthMm)) {
      throw new IllegalArgumentException("need count >= 1 and 0 < minDepth <= maxDepth");
    }
    this.width = width;
    this.height = height;
    this.count = count;
    this.seed = seed;
    this.minDepthMm = minDepthMm;
    this.maxDepthMm = maxDepthMm;
    this.noiseSigma = 0.003;
    this.cache = new DpSample[count];
  }

  /** The DP optics used (coefficients a, b and the split axis). */
  public ThinLensDp optics() {
    return optics;
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public synchronized DpSample get(int index) {
    Objects.checkIndex(index, count);
    DpSample s = cache[index];
    if (s == null) {
      s = render(index);
      cache[index] = s;
    }
    return s;
  }

  private DpSample render(int index) {
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    int u0 = rng.nextInt(camera.width() - width + 1);
    int v0 = rng.nextInt(camera.height() - height + 1);
    double fx = camera.fx();
    double fy = camera.fy();
    double cx = camera.cx() - u0;
    double cy = camera.cy() - v0;
    double z0 = minDepthMm + (maxDepthMm - minDepthMm) * rng.nextDouble();
    double xc = ((width - 1) / 2.0 - cx) / fx * z0;
    double yc = ((height - 1) / 2.0 - cy) / fy * z0;
    double gx = rng.nextDouble(-0.5, 0.5);
    double gy = rng.nextDouble(-0.5, 0.5);
    double footprint = z0 / fx;
    double bumpA = rng.nextDouble(-25, 25);
    double sigma = footprint * Math.min(width, height) * rng.nextDouble(0.15, 0.35);
    double xb = xc + rng.nextDouble(-0.2, 0.2) * width * footprint;
    double yb = yc + rng.nextDouble(-0.2, 0.2) * height * footprint;
    // texture: sinusoids in surface mm, periods 1.5 to 8 px of footprint
    int waves = 6;
    double[] kx = new double[waves];
    double[] ky = new double[waves];
    double[] ph = new double[waves];
    double[] amp = new double[waves];
    for (int w = 0; w < waves; w++) {
      double period = footprint * rng.nextDouble(1.5, 8);
      double theta = rng.nextDouble(Math.PI);
      kx[w] = 2 * Math.PI / period * Math.cos(theta);
      ky[w] = 2 * Math.PI / period * Math.sin(theta);
      ph[w] = rng.nextDouble(2 * Math.PI);
      amp[w] = rng.nextDouble(0.03, 0.12);
    }
    double ex = (width / 2.0) * rng.nextDouble(0.75, 0.95);
    double ey = (height / 2.0) * rng.nextDouble(0.75, 0.95);
    double mx = (width - 1) / 2.0 + rng.nextDouble(-0.05, 0.05) * width;
    double my = (height - 1) / 2.0 + rng.nextDouble(-0.05, 0.05) * height;

    int n = width * height;
    GrayF32 radiance = new GrayF32(width, height);
    GrayF32 depth = new GrayF32(width, height);
    GrayU8 mask = new GrayU8(width, height);
    float[] normal = new float[3 * n];
    for (int v = 0; v < height; v++) {
      for (int u = 0; u < width; u++) {
        int i = v * width + u;
        double rx = (u - cx) / fx;
        double ry = (v - cy) / fy;
        double z = z0;
        double x = 0;
        double y = 0;
        double bump = 0;
        for (int it = 0; it < 40; it++) {
          x = rx * z;
          y = ry * z;
          double dx = x - xb;
          double dy = y - yb;
          bump = bumpA * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
          z = z0 + gx * (x - xc) + gy * (y - yc) + bump;
        }
        double dzdx = gx - bump * (x - xb) / (sigma * sigma);
        double dzdy = gy - bump * (y - yb) / (sigma * sigma);
        double len = Math.sqrt(dzdx * dzdx + dzdy * dzdy + 1);
        normal[3 * i] = (float) (dzdx / len);
        normal[3 * i + 1] = (float) (dzdy / len);
        normal[3 * i + 2] = (float) (-1 / len);
        double t = 0.5;
        for (int w = 0; w < waves; w++) {
          t += amp[w] * Math.sin(kx[w] * x + ky[w] * y + ph[w]);
        }
        radiance.data[i] = (float) Math.max(0.02, t);
        double qx = (u - mx) / ex;
        double qy = (v - my) / ey;
        boolean inside = qx * qx + qy * qy <= 1;
        depth.data[i] = inside ? (float) z : 0f;
        mask.data[i] = (byte) (inside ? 1 : 0);
      }
    }
    GrayF32 left = new GrayF32(width, height);
    GrayF32 right = new GrayF32(width, height);
    try (DualPixelRenderer renderer = new DualPixelRenderer(DpRenderConfig.defaults())) {
      renderer.renderPair(radiance, depth, mask, optics, left, right);
    }
    float[] l = new float[n];
    float[] r = new float[n];
    for (int i = 0; i < n; i++) {
      l[i] = (float) (left.data[i] + noiseSigma * rng.nextGaussian());
      r[i] = (float) (right.data[i] + noiseSigma * rng.nextGaussian());
    }
    for (int i = 0; i < n; i++) {
      if (mask.data[i] == 0) {
        normal[3 * i] = 0;
        normal[3 * i + 1] = 0;
        normal[3 * i + 2] = 0;
      }
    }
    String id = String.format(java.util.Locale.ROOT, "syn-%06d", index);
    String subject = String.format(java.util.Locale.ROOT, "sub-%04d", 1 + index % 4);
    String shape = Math.abs(bumpA) > 12 ? "bump" : "plane";
    return new DpSample(width, height, l, r, java.util.Arrays.copyOf(depth.data, n), normal, java.util.Arrays.copyOf(mask.data, n),
        optics.coefficientA(), optics.coefficientB(), optics.splitAxis(),
        new double[] {fx, fy, cx, cy}, id, subject,
        Map.of("shape", shape, "distance", z0 < (minDepthMm + maxDepthMm) / 2 ? "forward" : "backward"));
  }
}
