package org.dpface.network.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * StereoDPNet-style dual-pixel depth and normal network (after Kang et al. 2022, "Facial Depth and
 * Normal Estimation using Single Dual-Pixel Camera"), with configurable widths
 * ({@link StereoDpNetConfig}). Input and output layout: {@link DpNetOutputs}.
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>shared (siamese) DP feature extractor: 3×3 conv, {@code downsampleLevels} stride-2 convs,
 *       then dilated convs (dilation 2 and 4) for a wide receptive field;
 *   <li>cost volume over K disparity hypotheses d_k in [min, max] (full-resolution px): the right
 *       features are shifted along the width (the DP split axis) by d_k / 2^levels; with adaptive
 *       sampling, nearest, bilinear and Fourier phase shifts are fused per pixel by softmax weights
 *       from a conv on [left features, bilinear shift] (a learned attention over samplers); each
 *       slice is [left features, shifted right features];
 *   <li>3D aggregation: a Conv3d stem, then stacked residual Conv3d stages, each with a 1-channel head
 *       giving score logits over the K hypotheses;
 *   <li>soft-argmin: logits upsampled bilinearly to full resolution, linearly to
 *       {@code softArgminLevels} levels, softmax, expectation of the level disparities;
 *   <li>depth Z = a / (d − b) with the sample's DP coefficients;
 *   <li>normal head: the depth is back-projected with the intrinsics to a point map, an analytic
 *       normal ∂P/∂v × ∂P/∂u is taken, and a dilated 2D conv stack on [analytic normal, hypothesis
 *       probabilities, left view, relative depth] predicts a residual; the sum is normalised.
 * </ol>
 *
 * <p>Differences from the paper: no FPN multi-scale fusion in the extractor; residual Conv3d stages
 * instead of 3D hourglasses; the Fourier sampler is a dense W×W phase-shift matrix (circular at the
 * border); the normal module does not build a 3D coordinate volume from the 4 hypotheses nearest the
 * prediction nor use deformable 3D convolutions — it refines the normal of the back-projected
 * soft-argmin depth with 2D convs on the cost probabilities.
 */
public final class StereoDpNet extends AbstractBlock {
  private static final byte VERSION = 1;

  private final StereoDpNetConfig config;
  private final Block features;
  private final Block attention;
  private final Block stem;
  private final List<Block> stages = new ArrayList<>();
  private final List<Block> heads = new ArrayList<>();
  private final Block normalHead;

  public StereoDpNet(StereoDpNetConfig config) {
    super(VERSION);
    this.config = Objects.requireNonNull(config, "config");
    int c = config.featureChannels();
    SequentialBlock f = new SequentialBlock().add(DpOps.act(DpOps.conv(c, 1, 1)));
    for (int i = 0; i < config.downsampleLevels(); i++) {
      f.add(DpOps.act(DpOps.conv(c, 2, 1)));
    }
    f.add(DpOps.act(DpOps.conv(c, 1, 2))).add(DpOps.act(DpOps.conv(c, 1, 4))).add(DpOps.conv(c, 1, 1));
    features = addChildBlock("features", f);
    attention = config.adaptiveSampling()
        ? addChildBlock("samplerAttention", new SequentialBlock()
            .add(DpOps.act(DpOps.conv(c, 1, 1))).add(DpOps.conv(3, 1, 1)))
        : null;
    int a = config.aggregationChannels();
    stem = addChildBlock("stem", new SequentialBlock()
        .add(DpOps.act(DpOps.conv3(a))).add(DpOps.act(DpOps.conv3(a))));
    for (int s = 0; s < config.aggregationStages(); s++) {
      stages.add(addChildBlock("stage" + s, new SequentialBlock()
          .add(DpOps.act(DpOps.conv3(a))).add(DpOps.conv3(a))));
      heads.add(addChildBlock("head" + s, DpOps.conv3(1)));
    }
    int nc = config.normalChannels();
    normalHead = addChildBlock("normalHead", new SequentialBlock()
        .add(DpOps.act(DpOps.conv(nc, 1, 1))).add(DpOps.act(DpOps.conv(nc, 1, 2)))
        .add(DpOps.act(DpOps.conv(nc, 1, 4))).add(DpOps.conv(3, 1, 1)));
  }

  public StereoDpNetConfig config() {
    return config;
  }

  /** The downsampling factor 2^levels; input H and W must be multiples of it. */
  public int stride() {
    return 1 << config.downsampleLevels();
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[DpNetOutputs.IN_LEFT];
    long n = in.get(0);
    long h = in.get(2);
    long w = in.get(3);
    int c = config.featureChannels();
    int k = config.numHypotheses();
    int a = config.aggregationChannels();
    features.initialize(manager, dataType, new Shape(2 * n, 1, h, w));
    Shape fs = features.getOutputShapes(new Shape[] {new Shape(2 * n, 1, h, w)})[0];
    long fh = fs.get(2);
    long fw = fs.get(3);
    if (attention != null) {
      attention.initialize(manager, dataType, new Shape(n, 2L * c, fh, fw));
    }
    stem.initialize(manager, dataType, new Shape(n, 2L * c, k, fh, fw));
    for (int s = 0; s < stages.size(); s++) {
      stages.get(s).initialize(manager, dataType, new Shape(n, a, k, fh, fw));
      heads.get(s).initialize(manager, dataType, new Shape(n, a, k, fh, fw));
    }
    normalHead.initialize(manager, dataType, new Shape(n, 3L + k + 2, h, w));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    // one disparity per aggregation stage: the last is OUT_DISPARITY, the others auxiliary
    return DpNetOutputs.outputShapes(inputShapes[DpNetOutputs.IN_LEFT], config.aggregationStages() - 1);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray left = inputs.get(DpNetOutputs.IN_LEFT);
    NDArray right = inputs.get(DpNetOutputs.IN_RIGHT);
    NDArray coeffs = inputs.get(DpNetOutputs.IN_COEFFS);
    NDArray intrinsics = inputs.get(DpNetOutputs.IN_INTRINSICS);
    long n = left.getShape().get(0);
    long h = left.getShape().get(2);
    long w = left.getShape().get(3);
    if (h % stride() != 0 || w % stride() != 0) {
      throw new IllegalArgumentException("input " + w + "x" + h + " not a multiple of " + stride());
    }
    NDArray both = features.forward(ps, new NDList(NDArrays.concat(new NDList(left, right), 0)),
        training).head();
    NDArray fl = both.get("0:" + n);
    NDArray fr = both.get(n + ":");

    NDList slices = new NDList();
    double scale = stride();
    for (int k = 0; k < config.numHypotheses(); k++) {
      double s = config.hypothesisPx(k) / scale;
      NDArray bil = DpOps.shiftBilinear(fr, s);
      NDArray shifted = bil;
      if (attention != null) {
        NDArray weights = attention.forward(ps, new NDList(NDArrays.concat(new NDList(fl, bil), 1)),
            training).head().softmax(1);
        shifted = DpOps.shiftNearest(fr, s).mul(weights.get(":, 0:1"))
            .add(bil.mul(weights.get(":, 1:2")))
            .add(DpOps.shiftPhase(fr, s).mul(weights.get(":, 2:3")));
      }
      slices.add(NDArrays.concat(new NDList(fl, shifted), 1));
    }
    NDArray volume = stem.forward(ps, new NDList(NDArrays.stack(slices, 2)), training).head();

    NDList disparities = new NDList();
    NDArray lastUp = null;
    for (int s = 0; s < stages.size(); s++) {
      volume = volume.add(stages.get(s).forward(ps, new NDList(volume), training).head());
      NDArray logits = heads.get(s).forward(ps, new NDList(volume), training).head().squeeze(1);
      lastUp = DpOps.resizeBilinear(logits, h, w);
      disparities.add(softArgmin(lastUp));
    }
    NDArray disparity = disparities.get(disparities.size() - 1);
    NDArray depth = DpOps.depthFromDisparity(disparity, coeffs);

    NDArray safeDepth = depth.clip(1f, 1e5f);
    NDArray analytic = DpOps.normalsFromPoints(DpOps.backProject(safeDepth, intrinsics));
    NDArray meanDepth = safeDepth.mean(new int[] {3}, true).mean(new int[] {2}, true);
    NDArray relDepth = safeDepth.sub(meanDepth).div(10f);
    NDArray probs = lastUp.softmax(1);
    NDArray residual = normalHead.forward(ps,
        new NDList(NDArrays.concat(new NDList(analytic, probs, left, relDepth), 1)), training).head();
    NDArray normals = DpOps.l2Normalize(analytic.add(residual));

    NDList out = new NDList(disparity, depth, normals);
    for (int s = disparities.size() - 2; s >= 0; s--) {
      out.add(disparities.get(s));
    }
    return out;
  }

  /** Expected disparity (N,1,H,W) under softmax of K-hypothesis logits (N,K,H,W) resampled to L levels. */
  private NDArray softArgmin(NDArray logits) {
    NDManager m = logits.getManager();
    int k = config.numHypotheses();
    int l = config.softArgminLevels();
    float[] interp = new float[k * l];
    float[] levels = new float[l];
    for (int j = 0; j < l; j++) {
      double t = j * (k - 1.0) / (l - 1);
      int i0 = Math.min((int) Math.floor(t), k - 2);
      double frac = t - i0;
      interp[i0 * l + j] = (float) (1 - frac);
      interp[(i0 + 1) * l + j] = (float) frac;
      levels[j] = (float) config.levelPx(j);
    }
    NDArray lvl = logits.transpose(0, 2, 3, 1).matMul(m.create(interp, new Shape(k, l)));
    NDArray p = lvl.softmax(3);
    return p.mul(m.create(levels)).sum(new int[] {3}).expandDims(1);
  }
}
