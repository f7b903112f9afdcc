package org.dpface.network.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Cross-modal normal baseline: an image encoder and a normal encoder share one decoder, and the skip
 * connections are active only on the image → normal path (the comparison network of the facial DP
 * paper's normal experiments, after cross-modal distillation networks). Predicts normals only — no
 * disparity or depth.
 *
 * <p>Architecture (width C): each encoder has three levels, C at full resolution, 2C at 1/2 and 4C at
 * 1/4 (3×3 convs, stride-2 downsampling, a dilated conv at the bottom); the shared decoder upsamples
 * bilinearly and at each level concatenates a skip tensor — the image encoder's features on the image
 * path, zeros on the normal path (the deactivated skip, same channel count, so both paths run the same
 * decoder weights) — and a head gives a residual around (0, 0, −1) that is normalised.
 *
 * <p>Inputs: {@link DpNetOutputs#IN_LEFT} and {@link DpNetOutputs#IN_RIGHT} (stacked as the image's two
 * channels), {@link DpNetOutputs#IN_COEFFS} and {@link DpNetOutputs#IN_INTRINSICS} (unused), and during
 * training optionally {@link #IN_TRUE_NORMALS} (N,3,H,W), which switches on the normal → normal path.
 * Outputs: {@link #OUT_NORMALS} (image path, N,3,H,W), and with true normals given
 * {@link #OUT_RECONSTRUCTED} (normal path), {@link #OUT_LATENT_IMAGE} and {@link #OUT_LATENT_NORMAL}
 * (the two bottleneck codes, N,4C,H/4,W/4), which the training loss ties together.
 */
public final class CrossModalNormalNet extends AbstractBlock {
  /** Input index of the true normals (training only). */
  public static final int IN_TRUE_NORMALS = 4;
  public static final int OUT_NORMALS = 0;
  public static final int OUT_RECONSTRUCTED = 1;
  public static final int OUT_LATENT_IMAGE = 2;
  public static final int OUT_LATENT_NORMAL = 3;
  private static final byte VERSION = 1;

  private final int channels;
  private final Block img1;
  private final Block img2;
  private final Block img3;
  private final Block nrm1;
  private final Block nrm2;
  private final Block nrm3;
  private final Block dec2;
  private final Block dec1;
  private final Block head;

  /** @param channels C: widths C, 2C, 4C at scales 1, 1/2, 1/4 */
  public CrossModalNormalNet(int channels) {
    super(VERSION);
    if (channels < 1) {
      throw new IllegalArgumentException("need channels >= 1");
    }
    this.channels = channels;
    int c = channels;
    img1 = addChildBlock("img1", UNet.level(c, 1, 1));
    img2 = addChildBlock("img2", UNet.level(2 * c, 2, 1));
    img3 = addChildBlock("img3", UNet.level(4 * c, 2, 2));
    nrm1 = addChildBlock("nrm1", UNet.level(c, 1, 1));
    nrm2 = addChildBlock("nrm2", UNet.level(2 * c, 2, 1));
    nrm3 = addChildBlock("nrm3", UNet.level(4 * c, 2, 2));
    dec2 = addChildBlock("dec2", DpOps.act(DpOps.conv(2 * c, 1, 1)));
    dec1 = addChildBlock("dec1", DpOps.act(DpOps.conv(c, 1, 1)));
    head = addChildBlock("head", DpOps.conv(3, 1, 1));
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
    img1.initialize(manager, dataType, new Shape(n, 2, h, w));
    img2.initialize(manager, dataType, new Shape(n, c, h, w));
    img3.initialize(manager, dataType, new Shape(n, 2L * c, h / 2, w / 2));
    nrm1.initialize(manager, dataType, new Shape(n, 3, h, w));
    nrm2.initialize(manager, dataType, new Shape(n, c, h, w));
    nrm3.initialize(manager, dataType, new Shape(n, 2L * c, h / 2, w / 2));
    dec2.initialize(manager, dataType, new Shape(n, 6L * c, h / 2, w / 2));
    dec1.initialize(manager, dataType, new Shape(n, 3L * c, h, w));
    head.initialize(manager, dataType, new Shape(n, c, h, w));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[DpNetOutputs.IN_LEFT];
    long n = in.get(0);
    long h = in.get(2);
    long w = in.get(3);
    Shape normals = new Shape(n, 3, h, w);
    if (inputShapes.length <= IN_TRUE_NORMALS) {
      return new Shape[] {normals};
    }
    Shape latent = new Shape(n, 4L * channels, h / 4, w / 4);
    return new Shape[] {normals, normals, latent, latent};
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray left = inputs.get(DpNetOutputs.IN_LEFT);
    long h = left.getShape().get(2);
    long w = left.getShape().get(3);
    if (h % stride() != 0 || w % stride() != 0) {
      throw new IllegalArgumentException("input " + w + "x" + h + " not a multiple of " + stride());
    }
    NDArray image = NDArrays.concat(new NDList(left, inputs.get(DpNetOutputs.IN_RIGHT)), 1);
    NDArray e1 = img1.forward(ps, new NDList(image), training).head();
    NDArray e2 = img2.forward(ps, new NDList(e1), training).head();
    NDArray e3 = img3.forward(ps, new NDList(e2), training).head();
    NDList out = new NDList(decode(ps, e3, e1, e2, training));
    if (inputs.size() > IN_TRUE_NORMALS) {
      NDArray n1 = nrm1.forward(ps, new NDList(inputs.get(IN_TRUE_NORMALS)), training).head();
      NDArray n2 = nrm2.forward(ps, new NDList(n1), training).head();
      NDArray n3 = nrm3.forward(ps, new NDList(n2), training).head();
      // deactivated skips: zeros in place of the encoder features
      out.add(decode(ps, n3, n1.zerosLike(), n2.zerosLike(), training));
      out.add(e3);
      out.add(n3);
    }
    return out;
  }

  /** Shared decoder: bottleneck code and the two skip tensors (C at 1, 2C at 1/2) → unit normals. */
  private NDArray decode(ParameterStore ps, NDArray code, NDArray skip1, NDArray skip2,
      boolean training) {
    NDArray out = UNet.decode(ps, dec2, dec1, head, code, skip2, skip1, training);
    NDArray toward = code.getManager().create(new float[] {0, 0, -1}, new Shape(1, 3, 1, 1));
    return DpOps.l2Normalize(out.add(toward));
  }
}
