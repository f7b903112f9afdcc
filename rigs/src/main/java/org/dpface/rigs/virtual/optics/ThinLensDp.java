package org.dpface.rigs.virtual.optics;

import java.util.Objects;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.LensSpec;
import org.dpface.rigs.SplitAxis;

/**
 * Thin-lens defocus and dual-pixel (DP) disparity of one camera, in pixels of its sensor.
 *
 * <p>Blur: a point at planar depth Z (mm) images to a disc of signed diameter
 * c(Z) = (f/N) · v · (1/g − 1/Z) / pitch pixels, v = f / (1 − f/g) (DESIGN.md); positive behind the
 * focus plane g, negative in front of it.
 *
 * <p>DP disparity: the left and right photodiodes under each microlens see the two halves of the
 * aperture (Punnappurath et al. 2020, "Modeling Defocus-Disparity in Dual-Pixel Sensors"; Garg et al.
 * 2019, "Learning Single Camera Depth Estimation using Dual-Pixels"). Each half-aperture PSF is a half
 * disc of the blur diameter; the disparity d is the separation of the right PSF's centroid from the
 * left PSF's centroid along the camera's {@link SplitAxis}: d = k · c(Z), so d = a / Z + b with
 * a = −k·(f/N)·v/pitch and b = k·(f/N)·v/(g·pitch); d = 0 at the focus plane and d &gt; 0 behind it.
 * For an ideal hard split k = 4/(3π) ≈ 0.4244 (the centroid of a half disc of radius r lies 4r/(3π)
 * from the centre). With a soft split ({@link #splitSoftness()} σ &gt; 0: the right photodiode's share of
 * the light from aperture position t ∈ [−1, 1], t along the split axis in units of the aperture radius,
 * ramps linearly from 0 at t = −σ to 1 at t = σ, modelling microlens cross-talk) k is computed
 * numerically by {@link #disparityFactor(double)} and is smaller.
 *
 * <p>For the bundled {@code virtual-8cam} camera (135 mm, f/5.6, g = 970 mm, 96.48 µm pitch at 480×640,
 * hard split) c(Z) = 39186 · (1/970 − 1/Z) px, so a ≈ −16631 px·mm and b ≈ 17.15 px: d ≈ −3.14 px at
 * 820 mm and +2.30 px at 1120 mm. (The published (−26996.5, 32.98) of DESIGN.md belongs to a different
 * pitch and resolution.)
 *
 * <p>Immutable; thread-safe.
 */
public final class ThinLensDp {
  /** The ideal hard-split disparity factor 4/(3π): centroid separation of two half discs / diameter. */
  public static final double HARD_SPLIT_FACTOR = 4 / (3 * Math.PI);

  private final LensSpec lens;
  private final double pixelPitchMm;
  private final SplitAxis splitAxis;
  private final double splitSoftness;
  private final double blurScalePx;
  private final double disparityFactor;

  private ThinLensDp(LensSpec lens, double pixelPitchMm, SplitAxis splitAxis, double splitSoftness) {
    this.lens = Objects.requireNonNull(lens, "lens");
    this.splitAxis = Objects.requireNonNull(splitAxis, "splitAxis");
    if (!(pixelPitchMm > 0) || Double.isInfinite(pixelPitchMm)) {
      throw new IllegalArgumentException("pixel pitch must be positive, got " + pixelPitchMm);
    }
    if (!(lens.focalLengthMm() > 0 && lens.fNumber() > 0
        && lens.focusDistanceMm() > lens.focalLengthMm())) {
      throw new IllegalArgumentException("need f > 0, N > 0 and g > f: " + lens);
    }
    this.pixelPitchMm = pixelPitchMm;
    this.splitSoftness = splitSoftness;
    this.blurScalePx = lens.apertureDiameterMm() * lens.sensorDistanceMm() / pixelPitchMm;
    this.disparityFactor = disparityFactor(splitSoftness);
  }

  /**
   * The optics of a camera spec with an ideal hard split. A camera without dual pixels gets
   * {@link SplitAxis#HORIZONTAL}; only its full-aperture image is meaningful.
   */
  public static ThinLensDp of(CameraSpec camera) {
    return of(camera.lens(), camera.pixelPitchMm(),
        camera.dualPixel().splitAxis().orElse(SplitAxis.HORIZONTAL), 0);
  }

  /**
   * @param pixelPitchMm pixel pitch (mm) of the rendered image
   * @param splitSoftness σ in [0, 1): 0 is the ideal half-disc split
   */
  public static ThinLensDp of(LensSpec lens, double pixelPitchMm, SplitAxis splitAxis,
      double splitSoftness) {
    return new ThinLensDp(lens, pixelPitchMm, splitAxis, splitSoftness);
  }

  /** The same camera stopped to another f-number (e.g. the smaller structured-light aperture). */
  public ThinLensDp withFNumber(double fNumber) {
    return new ThinLensDp(new LensSpec(lens.focalLengthMm(), fNumber, lens.focusDistanceMm()),
        pixelPitchMm, splitAxis, splitSoftness);
  }

  /** The same camera with another split softness σ. */
  public ThinLensDp withSplitSoftness(double softness) {
    return new ThinLensDp(lens, pixelPitchMm, splitAxis, softness);
  }

  public LensSpec lens() {
    return lens;
  }

  public double pixelPitchMm() {
    return pixelPitchMm;
  }

  public SplitAxis splitAxis() {
    return splitAxis;
  }

  /** Split softness σ (see the class comment); 0 = ideal half discs. */
  public double splitSoftness() {
    return splitSoftness;
  }

  /** (f/N) · v / pitch (px·mm): c(Z) = this · (1/g − 1/Z). */
  public double blurScalePx() {
    return blurScalePx;
  }

  /** Signed blur-disc diameter (px) at planar depth {@code zMm}; positive behind focus. */
  public double blurDiameterPx(double zMm) {
    return blurScalePx * (1 / lens.focusDistanceMm() - 1 / zMm);
  }

  /** Signed blur diameter (px) of a point at infinity, (f/N) · v / (g · pitch). */
  public double blurDiameterAtInfinityPx() {
    return blurScalePx / lens.focusDistanceMm();
  }

  /** k: DP disparity / signed blur diameter (dimensionless), {@link #HARD_SPLIT_FACTOR} at σ = 0. */
  public double disparityFactor() {
    return disparityFactor;
  }

  /** DP disparity (px, along the split axis, right relative to left) at planar depth {@code zMm}. */
  public double disparityPx(double zMm) {
    return coefficientA() / zMm + coefficientB();
  }

  /** Coefficient a (px·mm) of d = a / Z + b. */
  public double coefficientA() {
    return -disparityFactor * blurScalePx;
  }

  /** Coefficient b (px) of d = a / Z + b. */
  public double coefficientB() {
    return disparityFactor * blurScalePx / lens.focusDistanceMm();
  }

  /** Planar depth (mm) for a DP disparity: Z = a / (d − b); infinite at d = b. */
  public double depthForDisparity(double disparityPx) {
    return coefficientA() / (disparityPx - coefficientB());
  }

  /**
   * Centroid offset of the right half-aperture PSF divided by the aperture radius, which equals the
   * L–R centroid separation divided by the blur diameter. Computed as
   * ∫ t·w(t)·√(1−t²) dt / ∫ w(t)·√(1−t²) dt over t ∈ [−1, 1] with the right share
   * w(t) = clamp(1/2 + t/(2σ), 0, 1) (a step at σ = 0), by the midpoint rule in θ (t = sin θ, 2^16
   * intervals, error far below 1e-6); σ = 0 returns 4/(3π) exactly.
   *
   * @param splitSoftness σ in [0, 1)
   */
  public static double disparityFactor(double splitSoftness) {
    if (!(splitSoftness >= 0 && splitSoftness < 1)) {
      throw new IllegalArgumentException("split softness must be in [0, 1), got " + splitSoftness);
    }
    if (splitSoftness == 0) {
      return HARD_SPLIT_FACTOR;
    }
    int n = 1 << 16;
    double step = Math.PI / n;
    double mass = 0;
    double moment = 0;
    for (int i = 0; i < n; i++) {
      double theta = -Math.PI / 2 + (i + 0.5) * step;
      double t = Math.sin(theta);
      double cos = Math.cos(theta);
      double weight = rightShare(t, splitSoftness) * cos * cos;
      mass += weight;
      moment += weight * t;
    }
    return moment / mass;
  }

  /** The right photodiode's share of light from normalised aperture position t (see class comment). */
  static double rightShare(double t, double splitSoftness) {
    if (splitSoftness == 0) {
      return t > 0 ? 1 : t < 0 ? 0 : 0.5;
    }
    double w = 0.5 + t / (2 * splitSoftness);
    return w < 0 ? 0 : w > 1 ? 1 : w;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "ThinLensDp[f=%.1fmm N=%.2f g=%.0fmm pitch=%.4fmm axis=%s k=%.4f a=%.1f b=%.3f]",
        lens.focalLengthMm(), lens.fNumber(), lens.focusDistanceMm(), pixelPitchMm, splitAxis,
        disparityFactor, coefficientA(), coefficientB());
  }
}
