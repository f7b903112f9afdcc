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
 *   <li>adaptive normal module ({@code normalHypotheses} J &gt; 0): J disparity hypotheses around the
 *       prediction are back-projected to 3D points, joined with the matching score and probability
 *       at each, and 3D convs over (hypothesis, H, W) followed by a learned softmax pooling over the
 *       hypotheses give per-pixel geometric features;
 *   <li>normal head: the predicted depth is back-projected with the intrinsics to a point map, an
 *       analytic normal ∂P/∂v × ∂P/∂u is taken, and a dilated 2D conv stack on [analytic normal,
 *       module features (or, with J = 0, the hypothesis probabilities), left view, relative depth]
 *       predicts a residual; the sum is normalised.
 * </ol>
 *
 * <p>Differences from the paper: no FPN multi-scale fusion in the extractor; residual Conv3d stages
 * instead of 3D hourglasses; the Fourier sampler is a dense W×W phase-shift matrix (circular at the
 * border); the normal module takes J hypotheses evenly spaced around the soft-argmin disparity (the
 * cost-volume spacing apart) rather than the J cost-volume hypotheses nearest to it, with the
 * final-stage scores interpolated there instead of the aggregated feature volume, and plain instead
 * of deformable 3D convolutions.
 */
public final class StereoDpNet extends AbstractBlock {
  private static final byte VERSION = 2;
  /** Scale (mm) of the back-projected coordinates fed to the normal module. */
  static final float COORD_SCALE_MM = 10f;

  private final StereoDpNetConfig config;
  private final Block features;
  private final Block attention;
  private final Block stem;
  private final List<Block> stages = new ArrayList<>();
  private final List<Block> heads = new ArrayList<>();
  private final Block normalHead;
  private final Block normalVolume;

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
    normalVolume = config.normalHypotheses() > 0
        ? addChildBlock("normalVolume", new SequentialBlock()
            .add(DpOps.act(DpOps.conv3(nc))).add(DpOps.act(DpOps.conv3(nc))).add(DpOps.conv3(nc + 1)))
        : null;
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
    int nc = config.normalChannels();
    if (normalVolume != null) {
      normalVolume.initialize(manager, dataType, new Shape(n, 5, config.normalHypotheses(), h, w));
      normalHead.initialize(manager, dataType, new Shape(n, 3L + nc + 2, h, w));
    } else {
      normalHead.initialize(manager, dataType, new Shape(n, 3L + k + 2, h, w));
    }
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
    NDArray relDepth = DpOps.divScalar(safeDepth.sub(meanDepth), 10f);
    NDArray cue = normalVolume != null
        ? hypothesisNormalFeatures(ps, disparity, lastUp, coeffs, intrinsics, meanDepth, training)
        : lastUp.softmax(1);
    NDArray residual = normalHead.forward(ps,
        new NDList(NDArrays.concat(new NDList(analytic, cue, left, relDepth), 1)), training).head();
    NDArray normals = DpOps.l2Normalize(analytic.add(residual));

    NDList out = new NDList(disparity, depth, normals);
    for (int s = disparities.size() - 2; s >= 0; s--) {
      out.add(disparities.get(s));
    }
    return out;
  }

  /**
   * The adaptive normal module's features (N,nc,H,W): J disparity hypotheses d + (j − (J−1)/2)·Δ around
   * the prediction (Δ the cost-volume spacing) are back-projected through (a, b) and the intrinsics to
   * 3D points; with each, the final stage's matching score and probability at that disparity (linear
   * interpolation between the K hypotheses) form a volume (N, 5 = xyz + score + probability, J, H, W);
   * 3D convs over (J, H, W) see the neighbouring pixels' points at every hypothesis, and their output is
   * pooled over J with softmax weights that the convs predict (the module's learned attention over
   * hypotheses).
   */
  private NDArray hypothesisNormalFeatures(ParameterStore ps, NDArray disparity, NDArray logits,
      NDArray coeffs, NDArray intrinsics, NDArray meanDepth, boolean training) {
    NDManager m = disparity.getManager();
    int k = config.numHypotheses();
    int j = config.normalHypotheses();
    float step = (float) config.hypothesisStepPx();
    float[] hyp = new float[k];
    for (int i = 0; i < k; i++) {
      hyp[i] = (float) config.hypothesisPx(i);
    }
    NDArray levels = m.create(hyp, new Shape(1, k, 1, 1));
    NDArray probs = logits.softmax(1);
    NDArray origin = NDArrays.concat(new NDList(meanDepth.zerosLike(), meanDepth.zerosLike(), meanDepth), 1);
    NDList slices = new NDList();
    for (int i = 0; i < j; i++) {
      NDArray d = disparity.add((float) ((i - (j - 1) / 2.0) * step));
      NDArray hat = DpOps.maxScalar(DpOps.divScalar(d.sub(levels).abs(), step).neg().add(1f), 0f);
      NDArray score = hat.mul(logits).sum(new int[] {1}, true);
      NDArray prob = hat.mul(probs).sum(new int[] {1}, true);
      NDArray z = DpOps.depthFromDisparity(d, coeffs).clip(1f, 1e5f);
      NDArray p = DpOps.divScalar(DpOps.backProject(z, intrinsics).sub(origin), COORD_SCALE_MM);
      slices.add(NDArrays.concat(new NDList(p, score, prob), 1));
    }
    NDArray volume = normalVolume.forward(ps, new NDList(NDArrays.stack(slices, 2)), training).head();
    NDArray weights = volume.get(":, 0:1").softmax(2);
    return volume.get(":, 1:").mul(weights).sum(new int[] {2});
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
