package org.dpface.network.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Monocular baseline: single image → depth + normals. The DP views are summed into the ordinary
 * (full-aperture) image c = (left + right) / 2, which carries no DP parallax, and the same U-Net
 * encoder-decoder as {@link DpNetBaseline} sees c in both input channels. Depth still goes through
 * the camera's Z = a / (d − b), so the network learns a depth prior from image content alone. It shares
 * the {@link DpNetOutputs} layout and the training loop with the DP models, which makes it the
 * "does DP help?" control.
 */
public final class MonocularBaseline extends AbstractBlock {
  private static final byte VERSION = 1;

  private final DpNetBaseline net;

  /**
   * @param channels U-Net width C (as {@link DpNetBaseline})
   * @param minDisparityPx smallest disparity the head can output
   * @param maxDisparityPx largest disparity the head can output
   */
  public MonocularBaseline(int channels, double minDisparityPx, double maxDisparityPx) {
    super(VERSION);
    net = addChildBlock("unet", new DpNetBaseline(channels, minDisparityPx, maxDisparityPx));
  }

  /** The downsampling factor (4). */
  public int stride() {
    return net.stride();
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    net.initialize(manager, dataType, inputShapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return net.getOutputShapes(inputShapes);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray center = DpOps.mulScalar(
        inputs.get(DpNetOutputs.IN_LEFT).add(inputs.get(DpNetOutputs.IN_RIGHT)), 0.5f);
    NDList mono = new NDList(center, center, inputs.get(DpNetOutputs.IN_COEFFS),
        inputs.get(DpNetOutputs.IN_INTRINSICS));
    return net.forward(ps, mono, training);
  }
}
