package org.dpface.rigs.virtual.optics;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.dpface.rigs.SplitAxis;

/**
 * Discrete half-aperture PSFs (dual-pixel left/right kernels) for blur diameters quantised to a fine
 * step, built lazily and cached. Thread-safe; construction of an entry is pure, so a race only builds
 * the same kernel twice.
 *
 * <p>Kernel model, for blur diameter c = 2r px (c ≥ 0; the renderer swaps the halves for c &lt; 0):
 * <ul>
 *   <li>continuous PSF: the uniform disc of radius r, of which the right photodiode receives the share
 *       {@code ThinLensDp.rightShare(a / r, σ)} at aperture offset a along the split axis (the half
 *       disc a &gt; 0 for σ = 0), the left photodiode the rest;
 *   <li>discrete kernel K(n) = ∫ PSF(x) · tent(n − x) dx, i.e. the PSF convolved with the bilinear
 *       (tent) reconstruction of the sharp samples and sampled at pixel centres. Unlike plain pixel-area
 *       coverage this keeps the zeroth <em>and first</em> moments of the continuous PSF exactly (linear
 *       interpolation reproduces linear functions), so sub-pixel DP disparity and energy are unbiased
 *       even for blur discs of one or two pixels;
 *   <li>quadrature: a symmetric grid of sub-samples at spacing h = min(1/16, r/8) px, anti-aliased at
 *       the rim (weight clamp(1/2 + (r − ρ)/h, 0, 1)), each splatted bilinearly; the kernel is
 *       normalised so that left + right sums to exactly 1 (each half 1/2 by symmetry).
 * </ul>
 * The left kernel is the exact mirror image of the right one along the split axis.
 */
public final class DpKernelBank {
  private final double stepPx;
  private final double maxDiameterPx;
  private final double splitSoftness;
  private final int maxIndex;
  private final AtomicReferenceArray<Kernel> kernels;

  /**
   * @param stepPx diameter quantisation step (px), e.g. 1/32: the disparity error is at most
   *     k · step / 2
   * @param maxDiameterPx larger blur diameters are clamped to this
   * @param splitSoftness σ of {@link ThinLensDp} in [0, 1)
   */
  public DpKernelBank(double stepPx, double maxDiameterPx, double splitSoftness) {
    if (!(stepPx > 0 && maxDiameterPx >= stepPx && maxDiameterPx <= 256)) {
      throw new IllegalArgumentException(
          "need 0 < step <= max diameter <= 256 px, got " + stepPx + ", " + maxDiameterPx);
    }
    ThinLensDp.disparityFactor(splitSoftness); // validates
    this.stepPx = stepPx;
    this.maxDiameterPx = maxDiameterPx;
    this.splitSoftness = splitSoftness;
    this.maxIndex = (int) Math.round(maxDiameterPx / stepPx);
    this.kernels = new AtomicReferenceArray<>(maxIndex + 1);
  }

  public double stepPx() {
    return stepPx;
  }

  public double maxDiameterPx() {
    return maxDiameterPx;
  }

  public double splitSoftness() {
    return splitSoftness;
  }

  /** Bank index of |diameterPx| (rounded to the step, clamped to the maximum). */
  public int indexOf(double diameterPx) {
    double k = Math.abs(diameterPx) / stepPx + 0.5;
    return k >= maxIndex ? maxIndex : (int) k;
  }

  /** The kernel at a bank index, built on first use. */
  public Kernel kernel(int index) {
    Kernel k = kernels.get(index);
    if (k == null) {
      k = build(index * stepPx, splitSoftness);
      kernels.compareAndSet(index, null, k);
      k = kernels.get(index);
    }
    return k;
  }

  /** The kernel for a (signed) blur diameter; the sign is ignored (see {@link Kernel}). */
  public Kernel kernelFor(double diameterPx) {
    return kernel(indexOf(diameterPx));
  }

  /**
   * One unsigned half-aperture kernel pair as a list of taps. For a positive blur diameter the right
   * view uses {@code right} and the left view {@code left}; for a negative one (in front of focus) the
   * two swap. Offsets are in pixels; {@link #dx(SplitAxis)} / {@link #dy(SplitAxis)} give them in image
   * axes for a split axis.
   */
  public static final class Kernel {
    /** Blur diameter (px) the kernel was built for. */
    public final double diameterPx;
    /** Largest |offset| of any tap (px). */
    public final int radius;
    /** Tap offset along the split axis. */
    public final int[] alongAxis;
    /** Tap offset across the split axis. */
    public final int[] acrossAxis;
    /** Right-view weight of each tap (positive blur); sums to 1/2. */
    public final float[] right;
    /** Left-view weight of each tap (positive blur), the mirror of {@link #right}; sums to 1/2. */
    public final float[] left;

    Kernel(double diameterPx, int radius, int[] alongAxis, int[] acrossAxis, float[] right,
        float[] left) {
      this.diameterPx = diameterPx;
      this.radius = radius;
      this.alongAxis = alongAxis;
      this.acrossAxis = acrossAxis;
      this.right = right;
      this.left = left;
    }

    /** Number of taps. */
    public int size() {
      return right.length;
    }

    /** Column offsets of the taps for a split axis (shared array, do not modify). */
    public int[] dx(SplitAxis axis) {
      return axis == SplitAxis.HORIZONTAL ? alongAxis : acrossAxis;
    }

    /** Row offsets of the taps for a split axis (shared array, do not modify). */
    public int[] dy(SplitAxis axis) {
      return axis == SplitAxis.HORIZONTAL ? acrossAxis : alongAxis;
    }
  }

  static Kernel build(double diameterPx, double softness) {
    double r = diameterPx / 2;
    if (r < 1e-9) {
      return new Kernel(0, 0, new int[] {0}, new int[] {0}, new float[] {0.5f}, new float[] {0.5f});
    }
    double h = Math.min(1.0 / 16, r / 8);
    int n = (int) Math.ceil((r + h) / h);
    int rad = (int) Math.ceil(r + h) + 1;
    int g = 2 * rad + 1;
    double[] grid = new double[g * g]; // [across][along], right share only
    double total = 0;
    for (int j = -n; j < n; j++) {
      double p = (j + 0.5) * h;
      int fp = (int) Math.floor(p);
      double tp = p - fp;
      for (int i = -n; i < n; i++) {
        double a = (i + 0.5) * h;
        double cover = 0.5 + (r - Math.sqrt(a * a + p * p)) / h;
        if (cover <= 0) {
          continue;
        }
        double w = cover >= 1 ? 1 : cover;
        total += w;
        double s = w * ThinLensDp.rightShare(a / r, softness);
        if (s == 0) {
          continue;
        }
        int fa = (int) Math.floor(a);
        double ta = a - fa;
        int base = (fp + rad) * g + fa + rad;
        grid[base] += s * (1 - ta) * (1 - tp);
        grid[base + 1] += s * ta * (1 - tp);
        grid[base + g] += s * (1 - ta) * tp;
        grid[base + g + 1] += s * ta * tp;
      }
    }
    int count = 0;
    for (int q = 0; q < g; q++) {
      for (int k = 0; k < g; k++) {
        if (grid[q * g + k] > 0 || grid[q * g + (g - 1 - k)] > 0) {
          count++;
        }
      }
    }
    int[] along = new int[count];
    int[] across = new int[count];
    float[] right = new float[count];
    float[] left = new float[count];
    int t = 0;
    int maxOffset = 0;
    for (int q = 0; q < g; q++) {
      for (int k = 0; k < g; k++) {
        double wr = grid[q * g + k];
        double wl = grid[q * g + (g - 1 - k)];
        if (wr > 0 || wl > 0) {
          along[t] = k - rad;
          across[t] = q - rad;
          right[t] = (float) (wr / total);
          left[t] = (float) (wl / total);
          maxOffset = Math.max(maxOffset, Math.max(Math.abs(k - rad), Math.abs(q - rad)));
          t++;
        }
      }
    }
    return new Kernel(diameterPx, maxOffset, along, across, right, left);
  }
}
