package org.dpface.network.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DPNet-like baseline (after Punnappurath &amp; Brown's DP disparity networks and the DPNet baseline of
 * Garg et al. 2019): both DP views stacked as two input channels, a small U-Net (two stride-2 levels,
 * skip connections by concatenation, bilinear upsampling), and a head giving disparity
 * d = min + (max − min)·sigmoid(·) and a normal residual around (0, 0, −1), normalised. Depth from
 * Z = a / (d − b). No cost volume: the network has to learn the DP shift implicitly. Same input and
 * output layout as {@link StereoDpNet} ({@link DpNetOutputs}), without auxiliary outputs.
 */
public final class DpNetBaseline extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int channels;
  private final double minDisparityPx;
  private final double maxDisparityPx;
  private final Block enc1;
  private final Block enc2;
  private final Block enc3;
  private final Block dec2;
  private final Block dec1;
  private final Block head;

  /**
   * @param channels C: widths C, 2C, 4C at scales 1, 1/2, 1/4
   * @param minDisparityPx smallest disparity the head can output
   * @param maxDisparityPx largest disparity the head can output
   */
  public DpNetBaseline(int channels, double minDisparityPx, double maxDisparityPx) {
    super(VERSION);
    if (channels < 1 || !(maxDisparityPx > minDisparityPx)) {
      throw new IllegalArgumentException("need channels >= 1 and max > min disparity");
    }
    this.channels = channels;
    this.minDisparityPx = minDisparityPx;
    this.maxDisparityPx = maxDisparityPx;
    int c = channels;
    enc1 = addChildBlock("enc1", UNet.level(c, 1, 1));
    enc2 = addChildBlock("enc2", UNet.level(2 * c, 2, 1));
    enc3 = addChildBlock("enc3", UNet.level(4 * c, 2, 2));
    dec2 = addChildBlock("dec2", DpOps.act(DpOps.conv(2 * c, 1, 1)));
    dec1 = addChildBlock("dec1", DpOps.act(DpOps.conv(c, 1, 1)));
    head = addChildBlock("head", DpOps.conv(4, 1, 1));
  }

  /** The downsampling factor (4); input H and W must be multiples of it. */
  public int stride() {
    return 4;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[DpNetOutputs.IN_LEFT];
    long n = in.get(0);
    long h = in.get(2);
    long w = in.get(3);
    int c = channels;
    enc1.initialize(manager, dataType, new Shape(n, 2, h, w));
    enc2.initialize(manager, dataType, new Shape(n, c, h, w));
    enc3.initialize(manager, dataType, new Shape(n, 2L * c, h / 2, w / 2));
    dec2.initialize(manager, dataType, new Shape(n, 6L * c, h / 2, w / 2));
    dec1.initialize(manager, dataType, new Shape(n, 3L * c, h, w));
    head.initialize(manager, dataType, new Shape(n, c, h, w));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return DpNetOutputs.outputShapes(inputShapes[DpNetOutputs.IN_LEFT], 0);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray left = inputs.get(DpNetOutputs.IN_LEFT);
    NDArray right = inputs.get(DpNetOutputs.IN_RIGHT);
    NDArray coeffs = inputs.get(DpNetOutputs.IN_COEFFS);
    long h = left.getShape().get(2);
    long w = left.getShape().get(3);
    if (h % stride() != 0 || w % stride() != 0) {
      throw new IllegalArgumentException("input " + w + "x" + h + " not a multiple of " + stride());
    }
    NDArray e1 = enc1.forward(ps, new NDList(NDArrays.concat(new NDList(left, right), 1)), training)
        .head();
    NDArray e2 = enc2.forward(ps, new NDList(e1), training).head();
    NDArray e3 = enc3.forward(ps, new NDList(e2), training).head();
    NDArray out = UNet.decode(ps, dec2, dec1, head, e3, e2, e1, training);
    NDArray disparity = DpOps.mulScalar(Activation.sigmoid(out.get(":, 0:1")),
        (float) (maxDisparityPx - minDisparityPx)).add((float) minDisparityPx);
    NDManager m = left.getManager();
    NDArray toward = m.create(new float[] {0, 0, -1}, new Shape(1, 3, 1, 1));
    NDArray normals = DpOps.l2Normalize(out.get(":, 1:4").add(toward));
    return new NDList(disparity, DpOps.depthFromDisparity(disparity, coeffs), normals);
  }
}
