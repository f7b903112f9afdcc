package org.dpface.rigs.virtual.targets;

import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.virtual.optics.DpRenderConfig;
import org.dpface.rigs.virtual.optics.DualPixelRenderer;
import org.dpface.rigs.virtual.optics.ThinLensDp;

/**
 * A square plane printed with a seeded random texture (a speckle target for dual-pixel defocus
 * calibration), rendered as a linear DP left/right pair by one camera with the exact planar depth map and
 * mask beside it.
 *
 * <p>Image formation per camera pixel (u, v): the camera's nominal model gives the viewing ray, which
 * meets the plane at planar depth Z (mm, camera frame) and plane coordinates (s, t) (mm, plane frame,
 * the plane is z = 0, |s|, |t| ≤ size/2). Radiance = 0.15 + 0.7 · n(s, t), with n a value noise in
 * [0, 1] (3 octaves, lattice spacing {@code featureMm}, 1/2, 1/4, quintic-faded bilinear interpolation,
 * hashed lattice values), averaged over a 3×3 grid of sub-pixel samples (box-filtered print). Pixels off
 * the plane get radiance 0.05, depth 0 and mask 0. The pair is {@link DualPixelRenderer#renderPair} with
 * the camera's optics ({@link ThinLensDp#of} unless given).
 *
 * <p>Deterministic: the same spec, pose, feature size and seed give identical bytes. Not thread-safe;
 * close to stop the renderer's pool.
 */
public final class TexturedPlane implements AutoCloseable {
  private static final double BACKGROUND = 0.05;
  private static final int SUB = 3;

  private final double sizeMm;
  private final double featureMm;
  private final long seed;
  private final DualPixelRenderer renderer;
  private final GrayF32 radiance = new GrayF32(1, 1);
  private final double[] ray = new double[3];

  /**
   * @param sizeMm side of the square plane (mm)
   * @param featureMm lattice spacing of the coarsest noise octave (mm); about 3–6 pixel footprints
   * @param seed texture seed
   * @param threads renderer threads (results do not depend on it)
   */
  public TexturedPlane(double sizeMm, double featureMm, long seed, int threads) {
    if (!(sizeMm > 0) || !(featureMm > 0)) {
      throw new IllegalArgumentException("size and feature must be positive: " + sizeMm + ", " + featureMm);
    }
    this.sizeMm = sizeMm;
    this.featureMm = featureMm;
    this.seed = seed;
    this.renderer = new DualPixelRenderer(DpRenderConfig.defaults().withThreads(Math.max(1, threads)));
  }

  /** The plane's side (mm). */
  public double sizeMm() {
    return sizeMm;
  }

  /**
   * A plane pose in the camera frame: centred on the optical axis at depth {@code depthMm}, turned by
   * {@code tiltRad} about the camera's x axis (its depth then changes along the image's y axis).
   */
  public static RigidTransform facing(double depthMm, double tiltRad) {
    double c = Math.cos(tiltRad);
    double s = Math.sin(tiltRad);
    return RigidTransform.of(new double[] {1, 0, 0, 0, c, -s, 0, s, c}, new double[] {0, 0, depthMm});
  }

  /** {@link #render(CameraSpec, ThinLensDp, RigidTransform, GrayF32, GrayF32, GrayF32, GrayU8)} at the
   * camera's own optics, {@link ThinLensDp#of}. */
  public void render(CameraSpec camera, RigidTransform planeToCamera, GrayF32 left, GrayF32 right,
      GrayF32 depthMm, GrayU8 mask) {
    render(camera, ThinLensDp.of(camera), planeToCamera, left, right, depthMm, mask);
  }

  /**
   * Renders the plane at {@code planeToCamera} (plane frame: the texture lies in z = 0, centred on the
   * origin) seen by {@code camera} through {@code optics} (e.g. the camera's lens at another f-number);
   * every output is reshaped to the camera's resolution.
   *
   * @param left linear left DP view
   * @param right linear right DP view
   * @param depthMm planar depth (mm), 0 off the plane
   * @param mask 1 on the plane, 0 elsewhere
   */
  public void render(CameraSpec camera, ThinLensDp optics, RigidTransform planeToCamera, GrayF32 left,
      GrayF32 right, GrayF32 depthMm, GrayU8 mask) {
    Objects.requireNonNull(optics, "optics");
    Objects.requireNonNull(planeToCamera, "planeToCamera");
    CameraModel model = camera.nominalModel();
    int w = model.width();
    int h = model.height();
    radiance.reshape(w, h);
    depthMm.reshape(w, h);
    mask.reshape(w, h);
    // plane: normal n (camera frame), origin o; plane axes e1, e2
    double[] o = planeToCamera.translation();
    double e1x = planeToCamera.r(0, 0);
    double e1y = planeToCamera.r(1, 0);
    double e1z = planeToCamera.r(2, 0);
    double e2x = planeToCamera.r(0, 1);
    double e2y = planeToCamera.r(1, 1);
    double e2z = planeToCamera.r(2, 1);
    double nx = planeToCamera.r(0, 2);
    double ny = planeToCamera.r(1, 2);
    double nz = planeToCamera.r(2, 2);
    double nDotO = nx * o[0] + ny * o[1] + nz * o[2];
    double half = sizeMm / 2;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double sum = 0;
        int hits = 0;
        double zCentre = 0;
        for (int sy = 0; sy < SUB; sy++) {
          for (int sx = 0; sx < SUB; sx++) {
            double u = x + (sx + 0.5) / SUB - 0.5;
            double v = y + (sy + 0.5) / SUB - 0.5;
            model.unproject(u, v, ray, 0);
            // ray (rx, ry, 1) · t hits the plane where n · (ray t) = n · o
            double den = nx * ray[0] + ny * ray[1] + nz;
            double z = den != 0 ? nDotO / den : -1;
            if (!(z > 0)) {
              continue;
            }
            double px = ray[0] * z - o[0];
            double py = ray[1] * z - o[1];
            double pz = z - o[2];
            double s = e1x * px + e1y * py + e1z * pz;
            double t = e2x * px + e2y * py + e2z * pz;
            if (Math.abs(s) > half || Math.abs(t) > half) {
              continue;
            }
            sum += 0.15 + 0.7 * noise(s, t);
            hits++;
            if (sx == SUB / 2 && sy == SUB / 2) {
              zCentre = z;
            }
          }
        }
        boolean on = hits == SUB * SUB;
        radiance.set(x, y, (float) (on ? sum / hits : (sum + (SUB * SUB - hits) * BACKGROUND) / (SUB * SUB)));
        depthMm.set(x, y, on ? (float) zCentre : 0f);
        mask.set(x, y, on ? 1 : 0);
      }
    }
    renderer.renderPair(radiance, depthMm, mask, optics, left, right);
  }

  /** Value noise in [0, 1] at plane coordinates (mm): 3 octaves, weights 1/2, 1/3, 1/6. */
  double noise(double s, double t) {
    double f = featureMm;
    return (3 * octave(s / f, t / f, 0) + 2 * octave(2 * s / f, 2 * t / f, 1)
        + octave(4 * s / f, 4 * t / f, 2)) / 6;
  }

  private double octave(double s, double t, int level) {
    double fs = Math.floor(s);
    double ft = Math.floor(t);
    long i = (long) fs;
    long j = (long) ft;
    double a = fade(s - fs);
    double b = fade(t - ft);
    double v00 = lattice(i, j, level);
    double v10 = lattice(i + 1, j, level);
    double v01 = lattice(i, j + 1, level);
    double v11 = lattice(i + 1, j + 1, level);
    return (v00 * (1 - a) + v10 * a) * (1 - b) + (v01 * (1 - a) + v11 * a) * b;
  }

  private static double fade(double x) {
    return x * x * x * (x * (x * 6 - 15) + 10);
  }

  /** Hashed lattice value in [0, 1) (SplitMix64 finaliser over seed, level and cell). */
  private double lattice(long i, long j, int level) {
    long z = seed + 0x9E3779B97F4A7C15L * (i * 0x1F1F1F1FL + j * 0x5DEECE66DL + level * 0x2545F491L + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }

  @Override
  public void close() {
    renderer.close();
  }
}
