package org.dpface.network.model;

/**
 * The input and output layout shared by the DP networks (so they share one training loop).
 *
 * <p>Inputs (NDList): {@link #IN_LEFT} (N,1,H,W) and {@link #IN_RIGHT} (N,1,H,W) normalised DP views
 * with the split axis along W; {@link #IN_COEFFS} (N,2) = {a, b}; {@link #IN_INTRINSICS} (N,4) =
 * {fx, fy, cx, cy}. H and W must be multiples of the model's downsampling factor.
 *
 * <p>Outputs (NDList): {@link #OUT_DISPARITY} (N,1,H,W) px, {@link #OUT_DEPTH} (N,1,H,W) mm,
 * {@link #OUT_NORMALS} (N,3,H,W) unit, then zero or more auxiliary disparities of earlier stages
 * (N,1,H,W), latest first.
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
}
