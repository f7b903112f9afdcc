package org.dpface.network.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

/**
 * The three-level U-Net pieces of {@link DpNetBaseline} and {@link CrossModalNormalNet} (widths C, 2C, 4C
 * at scales 1, 1/2, 1/4): the encoder level and the decoder pass. The networks own and name the blocks
 * (so their parameter names, and with them checkpoints, are their own); this class only builds a level
 * and runs the decoder over them.
 */
final class UNet {
  private UNet() {}

  /**
   * An encoder level: a 3×3 conv of {@code stride}, then a 3×3 conv of {@code dilation}, each followed
   * by a leaky ReLU. The networks use (C, 1, 1), (2C, 2, 1) and (4C, 2, 2).
   */
  static Block level(int filters, int stride, int dilation) {
    return new SequentialBlock().add(DpOps.act(DpOps.conv(filters, stride, 1)))
        .add(DpOps.act(DpOps.conv(filters, 1, dilation)));
  }

  /**
   * The decoder: {@code code} (1/4) upsampled bilinearly to 1/2 and concatenated with {@code skip2}
   * through {@code dec2}, that upsampled to full size and concatenated with {@code skip1} through
   * {@code dec1}, then {@code head}; returns the head's output.
   */
  static NDArray decode(ParameterStore ps, Block dec2, Block dec1, Block head, NDArray code, NDArray skip2,
      NDArray skip1, boolean training) {
    long h = skip1.getShape().get(2);
    long w = skip1.getShape().get(3);
    NDArray d2 = dec2.forward(ps, new NDList(NDArrays.concat(
        new NDList(DpOps.resizeBilinear(code, h / 2, w / 2), skip2), 1)), training).head();
    NDArray d1 = dec1.forward(ps, new NDList(NDArrays.concat(
        new NDList(DpOps.resizeBilinear(d2, h, w), skip1), 1)), training).head();
    return head.forward(ps, new NDList(d1), training).head();
  }
}
