package org.dpface.network.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.LayoutType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Differentiable tensor operations shared by the DP networks: feature shifts along the width (the DP
 * split axis after {@code DpSample.splitAlongWidth()}), bilinear resizing, disparity → depth,
 * back-projection and normals from a point map. All take and return NCHW (or NCDHW) arrays; results
 * live in the input's manager.
 *
 * <p>Scalars in a training graph go through {@link #mulScalar}, {@link #divScalar}, {@link #maxScalar}
 * and {@link #minScalar}, never DJL's {@code NDArray.mul/div/maximum/minimum/pow(Number)}: DJL's PyTorch
 * engine wraps the number in a scalar tensor whose memory is a Java direct buffer and closes that tensor
 * right after the op, while autograd keeps it for the backward pass (the gradient of x·s is s); after
 * the next garbage collection the buffer is freed and the backward reads freed memory, which gave the
 * intermittent NaN (or huge) gradients of StereoDP training. {@code add/sub(Number)} are safe (their
 * backward needs no operand).
 */
public final class DpOps {
  /** Slope of the leaky ReLU used throughout. */
  static final float LEAK = 0.1f;

  private DpOps() {}

  /** x · v, with v a scalar array in x's manager (alive until that manager closes, after backward). */
  public static NDArray mulScalar(NDArray x, float v) {
    return x.mul(scalar(x, v));
  }

  /** x / v, with v a scalar array in x's manager. */
  public static NDArray divScalar(NDArray x, float v) {
    return x.div(scalar(x, v));
  }

  /** max(x, v) elementwise, with v a scalar array in x's manager. */
  public static NDArray maxScalar(NDArray x, float v) {
    return x.maximum(scalar(x, v));
  }

  /** min(x, v) elementwise, with v a scalar array in x's manager. */
  public static NDArray minScalar(NDArray x, float v) {
    return x.minimum(scalar(x, v));
  }

  /** A 0-d float array in {@code like}'s manager, not closed before the manager (see the class note). */
  private static NDArray scalar(NDArray like, float v) {
    return like.getManager().create(v);
  }

  /** y[..., j] = x[..., j + s] along the last axis, zero outside. */
  public static NDArray shiftInt(NDArray x, int s) {
    if (s == 0) {
      return x;
    }
    Shape shape = x.getShape();
    int last = shape.dimension() - 1;
    long w = shape.get(last);
    if (Math.abs(s) >= w) {
      return x.zerosLike();
    }
    long[] zs = shape.getShape().clone();
    zs[last] = Math.abs(s);
    NDArray zeros = x.getManager().zeros(new Shape(zs), x.getDataType());
    if (s > 0) {
      return NDArrays.concat(new NDList(x.get("..., " + s + ":"), zeros), last);
    }
    return NDArrays.concat(new NDList(zeros, x.get("..., :" + (w + s))), last);
  }

  /** Nearest-neighbour sub-pixel shift: {@link #shiftInt} by round(s). */
  public static NDArray shiftNearest(NDArray x, double s) {
    return shiftInt(x, (int) Math.round(s));
  }

  /** Bilinear sub-pixel shift: y[j] = x(j + s) interpolated linearly between neighbours. */
  public static NDArray shiftBilinear(NDArray x, double s) {
    int i = (int) Math.floor(s);
    double t = s - i;
    if (t < 1e-9) {
      return shiftInt(x, i);
    }
    return mulScalar(shiftInt(x, i), (float) (1 - t)).add(mulScalar(shiftInt(x, i + 1), (float) t));
  }

  /**
   * Fourier phase shift along the last axis (circular): y = x·M with M the real W×W matrix of
   * multiplying the DFT by e^{i2πks/W}; band-limited interpolation, exact for integer s.
   */
  public static NDArray shiftPhase(NDArray x, double s) {
    int w = (int) x.getShape().get(x.getShape().dimension() - 1);
    NDArray m = x.getManager().create(phaseShiftMatrix(w, s), new Shape(w, w));
    return x.matMul(m);
  }

  /** M[m][j] = S(j + s − m), S(u) = (1/W)(1 + 2 Σ_{k=1}^{⌈W/2⌉−1} cos(2πku/W) + [W even]·cos(πu)). */
  static float[] phaseShiftMatrix(int w, double s) {
    // the matrix is Toeplitz (depends on col − row only) and the same (w, s) recurs on every forward pass:
    // 2w − 1 kernel values instead of w² sums, computed once per (w, s)
    return PHASE_MATRICES.computeIfAbsent(new PhaseKey(w, s), k -> buildPhaseShiftMatrix(w, s)).clone();
  }

  private record PhaseKey(int w, double s) {}

  /** At most a few dozen (width, shift) pairs per model; bounded so odd callers cannot grow it. */
  private static final java.util.Map<PhaseKey, float[]> PHASE_MATRICES = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<PhaseKey, float[]> eldest) {
          return size() > 256;
        }
      });

  private static float[] buildPhaseShiftMatrix(int w, double s) {
    int kMax = (w + 1) / 2 - 1;
    float[] kernel = new float[2 * w - 1];
    for (int d = -(w - 1); d <= w - 1; d++) {
      double u = d + s;
      double acc = 1;
      for (int k = 1; k <= kMax; k++) {
        acc += 2 * Math.cos(2 * Math.PI * k * u / w);
      }
      if (w % 2 == 0) {
        acc += Math.cos(Math.PI * u);
      }
      kernel[d + w - 1] = (float) (acc / w);
    }
    float[] m = new float[w * w];
    for (int row = 0; row < w; row++) {
      System.arraycopy(kernel, w - 1 - row, m, row * w, w);
    }
    return m;
  }

  /** Bilinear resize of an NCHW array to height × width (PyTorch interpolate, no corner alignment). */
  public static NDArray resizeBilinear(NDArray x, long height, long width) {
    Shape s = x.getShape();
    if (s.get(2) == height && s.get(3) == width) {
      return x;
    }
    return x.getNDArrayInternal().interpolation(new long[] {height, width}, 1, false);
  }

  /** Depth Z = a / (d − b) for disparity (N,1,H,W) and coefficients (N,2) = {a, b}. */
  public static NDArray depthFromDisparity(NDArray disparity, NDArray coeffs) {
    long n = coeffs.getShape().get(0);
    NDArray a = coeffs.get(":, 0").reshape(n, 1, 1, 1);
    NDArray b = coeffs.get(":, 1").reshape(n, 1, 1, 1);
    return a.div(disparity.sub(b));
  }

  /**
   * Back-projects depth (N,1,H,W, mm) with intrinsics (N,4) = {fx, fy, cx, cy} to camera-frame points
   * (N,3,H,W): X = (u − cx)/fx · Z, Y = (v − cy)/fy · Z.
   */
  public static NDArray backProject(NDArray depth, NDArray intrinsics) {
    NDManager m = depth.getManager();
    Shape s = depth.getShape();
    long n = s.get(0);
    long h = s.get(2);
    long w = s.get(3);
    NDArray u = m.arange(0f, (float) w).reshape(1, 1, 1, w);
    NDArray v = m.arange(0f, (float) h).reshape(1, 1, h, 1);
    NDArray fx = intrinsics.get(":, 0").reshape(n, 1, 1, 1);
    NDArray fy = intrinsics.get(":, 1").reshape(n, 1, 1, 1);
    NDArray cx = intrinsics.get(":, 2").reshape(n, 1, 1, 1);
    NDArray cy = intrinsics.get(":, 3").reshape(n, 1, 1, 1);
    NDArray x = u.sub(cx).div(fx).mul(depth);
    NDArray y = v.sub(cy).div(fy).mul(depth);
    return NDArrays.concat(new NDList(x, y, depth), 1);
  }

  /**
   * Unit normals (N,3,H,W) of a point map (N,3,H,W): ∂P/∂v × ∂P/∂u by central differences (one-sided
   * at the border), which faces the camera for a surface in front of it.
   */
  public static NDArray normalsFromPoints(NDArray p) {
    NDArray du = gradient(p, 3);
    NDArray dv = gradient(p, 2);
    NDArray[] a = splitChannels(dv);
    NDArray[] b = splitChannels(du);
    NDArray cx = a[1].mul(b[2]).sub(a[2].mul(b[1]));
    NDArray cy = a[2].mul(b[0]).sub(a[0].mul(b[2]));
    NDArray cz = a[0].mul(b[1]).sub(a[1].mul(b[0]));
    return l2Normalize(NDArrays.concat(new NDList(cx, cy, cz), 1));
  }

  /** x / √(Σ_c x² + ε) over axis 1. */
  public static NDArray l2Normalize(NDArray x) {
    return x.div(x.square().sum(new int[] {1}, true).add(1e-8f).sqrt());
  }

  private static NDArray[] splitChannels(NDArray x) {
    return new NDArray[] {x.get(":, 0:1"), x.get(":, 1:2"), x.get(":, 2:3")};
  }

  /** Central difference along axis 2 or 3 of an NCHW array, one-sided at both ends. */
  private static NDArray gradient(NDArray x, int axis) {
    long len = x.getShape().get(axis);
    String pre = axis == 3 ? ":, :, :, " : ":, :, ";
    NDArray first = x.get(pre + "1:2").sub(x.get(pre + "0:1"));
    NDArray mid = mulScalar(x.get(pre + "2:").sub(x.get(pre + ":" + (len - 2))), 0.5f);
    NDArray last = x.get(pre + (len - 1) + ":").sub(x.get(pre + (len - 2) + ":" + (len - 1)));
    return NDArrays.concat(new NDList(first, mid, last), axis);
  }

  /** 3×3 Conv2d with the given filters, stride and dilation ("same" padding at stride 1). */
  static Conv2d conv(int filters, int stride, int dilation) {
    return Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters)
        .optStride(new Shape(stride, stride)).optPadding(new Shape(dilation, dilation))
        .optDilation(new Shape(dilation, dilation)).build();
  }

  /**
   * 3×3×3 convolution with "same" padding: DJL's {@code Conv3d} (same parameters, metadata and parameter names)
   * with a faster path for a batch of one ({@link Conv3d}).
   */
  static Conv3d conv3(int filters) {
    return new Conv3d(filters);
  }

  /**
   * A 3×3×3, stride 1, "same"-padded NCDHW convolution, parameter for parameter DJL's
   * {@code ai.djl.nn.convolutional.Conv3d} (weight (F, C, 3, 3, 3) and bias (F), the same saved metadata; the same
   * simple class name, so the parameter names in a {@code SequentialBlock}, and with them checkpoints and Adam's
   * saved state, are unchanged).
   *
   * <p>Why it exists: for a batch of one, libtorch (2.7, and 1.13 alike) runs a 3D convolution through oneDNN only
   * when N·C·D·H exceeds 20480, and otherwise through its reference {@code slow_conv3d} (unfold + GEMM), which is
   * ~14× slower here; StereoDP's cost volume at inference (1 × 8 × 8 × 120 × 160 at the demo's 240 × 320) and its
   * normal module (1 × 5 × 4 × 240 × 320) fall below that bound because C and D are small. The kernel is cubic and
   * the padding symmetric, so convolving the input with its depth axis moved last (N, C, H, W, D) by the weight with
   * its depth axis moved last, then moving the output's depth axis back, is the same convolution, and its N·C·H·W
   * selects oneDNN. Batches larger than one already run on oneDNN and take the plain path (the permutations would
   * only add copies). The two paths agree to float rounding of the sums (different accumulation order).
   */
  static final class Conv3d extends Convolution {
    private static final LayoutType[] LAYOUT = {LayoutType.BATCH, LayoutType.CHANNEL, LayoutType.DEPTH,
        LayoutType.HEIGHT, LayoutType.WIDTH};

    Conv3d(int filters) {
      super(new Builder().setKernelShape(new Shape(3, 3, 3)).setFilters(filters).optPadding(new Shape(1, 1, 1))
          .optStride(new Shape(1, 1, 1)).optDilation(new Shape(1, 1, 1)));
    }

    @Override
    protected LayoutType[] getExpectedLayout() {
      return LAYOUT;
    }

    @Override
    protected String getStringLayout() {
      return "NCDHW";
    }

    @Override
    protected int numDimensions() {
      return 5;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
        PairList<String, Object> params) {
      NDArray x = inputs.singletonOrThrow();
      NDArray w = ps.getValue(weight, x.getDevice(), training);
      NDArray b = ps.getValue(bias, x.getDevice(), training);
      if (x.getShape().get(0) != 1) {
        return ai.djl.nn.convolutional.Conv3d.conv3d(x, w, b, stride, padding, dilation, groups);
      }
      return forwardDepthLast(x, w, b);
    }

    /**
     * The batch-of-one path: the same convolution with the depth axis moved last. The transposed weight is put in
     * {@code x}'s manager, freed with the pass's other arrays (in the weight's own manager, the model's, every
     * inference call would leave one behind until the model closes).
     */
    static NDList forwardDepthLast(NDArray x, NDArray w, NDArray b) {
      Shape ones = new Shape(1, 1, 1);
      NDArray wDepthLast = w.transpose(0, 1, 3, 4, 2);
      wDepthLast.attach(x.getManager());
      NDArray y = ai.djl.nn.convolutional.Conv3d.conv3d(x.transpose(0, 1, 3, 4, 2), wDepthLast, b,
          ones, ones, ones, 1).head();
      return new NDList(y.transpose(0, 1, 4, 2, 3));
    }

    private static final class Builder extends ConvolutionBuilder<Builder> {
      @Override
      protected Builder self() {
        return this;
      }
    }
  }

  /** {@code block} followed by a leaky ReLU. */
  static Block act(Block block) {
    return new SequentialBlock().add(block).add(Activation.leakyReluBlock(LEAK));
  }
}
