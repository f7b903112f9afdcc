package org.dpface.network.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * The input and output layout shared by the DP networks (so they share one training loop).
 *
 * <p>Inputs (NDList): {@link #IN_LEFT} (N,1,H,W) and {@link #IN_RIGHT} (N,1,H,W) normalised DP views
 * with the split axis along W; {@link #IN_COEFFS} (N,2) = {a, b}; {@link #IN_INTRINSICS} (N,4) =
 * {fx, fy, cx, cy}. H and W must be multiples of the model's downsampling factor.
 *
 * <p>Outputs (NDList): {@link #OUT_DISPARITY} (N,1,H,W) px, {@link #OUT_DEPTH} (N,1,H,W) mm,
 * {@link #OUT_NORMALS} (N,3,H,W) unit, then zero or more auxiliary disparities of earlier stages
 * (N,1,H,W), latest first. The normals-only {@link CrossModalNormalNet} has its own layout
 * ({@link #predictsDepth}, {@link #normals}).
 */
public final class DpNetOutputs {
  public static final int IN_LEFT = 0;
  public static final int IN_RIGHT = 1;
  public static final int IN_COEFFS = 2;
  public static final int IN_INTRINSICS = 3;
  public static final int OUT_DISPARITY = 0;
  public static final int OUT_DEPTH = 1;
  public static final int OUT_NORMALS = 2;
  /** Index of the first auxiliary (earlier-stage) disparity. */
  public static final int OUT_FIRST_AUX = 3;

  private DpNetOutputs() {}

  /**
   * Output shapes for inputs whose {@link #IN_LEFT} has shape {@code inLeft} (N,1,H,W): disparity, depth,
   * normals, then {@code auxDisparities} auxiliary disparities.
   */
  public static Shape[] outputShapes(Shape inLeft, int auxDisparities) {
    long n = inLeft.get(0);
    long h = inLeft.get(2);
    long w = inLeft.get(3);
    Shape[] out = new Shape[OUT_FIRST_AUX + auxDisparities];
    out[OUT_DISPARITY] = new Shape(n, 1, h, w);
    out[OUT_DEPTH] = new Shape(n, 1, h, w);
    out[OUT_NORMALS] = new Shape(n, 3, h, w);
    for (int i = OUT_FIRST_AUX; i < out.length; i++) {
      out[i] = new Shape(n, 1, h, w);
    }
    return out;
  }

  /**
   * False for a network that predicts normals only ({@link CrossModalNormalNet}): its outputs have no
   * disparity or depth, and its normals are at {@link CrossModalNormalNet#OUT_NORMALS}.
   */
  public static boolean predictsDepth(Block block) {
    return !(block instanceof CrossModalNormalNet);
  }

  /** The predicted normals (N,3,H,W) among the outputs of {@code block}. */
  public static NDArray normals(Block block, NDList outputs) {
    return outputs.get(predictsDepth(block) ? OUT_NORMALS : CrossModalNormalNet.OUT_NORMALS);
  }

  /**
   * The {@link #OUT_NORMALS} of a one-sample output, (1,3,H,W) planes, as x, y, z per pixel (allocates
   * {@code 3 * pixels} floats).
   */
  public static float[] normalsPerPixel(NDList outputs, int pixels) {
    return normalsPerPixel(outputs.get(OUT_NORMALS), pixels);
  }

  /** One-sample normals (1,3,H,W) as x, y, z per pixel (allocates {@code 3 * pixels} floats). */
  public static float[] normalsPerPixel(NDArray normals1chw, int pixels) {
    float[] nchw = normals1chw.toFloatArray();
    float[] normals = new float[3 * pixels];
    for (int p = 0; p < pixels; p++) {
      for (int c = 0; c < 3; c++) {
        normals[3 * p + c] = nchw[c * pixels + p];
      }
    }
    return normals;
  }
}
