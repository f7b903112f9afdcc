package org.dpface.network.validate;

import java.io.IOException;
import org.dpface.network.data.DpSample;

/**
 * Something that predicts DP disparity, depth and normals for one sample: a trained network
 * ({@link TrainedPredictor}) or a fixed baseline ({@link ConstantDisparityPredictor}).
 * {@link Validator} feeds it samples split along the width whose size is a multiple of
 * {@link #stride()}.
 */
public interface DepthPredictor extends AutoCloseable {
  /** Name in tables and file names (letters, digits, {@code -}, {@code _}). */
  String name();

  /** {@code trained} or {@code baseline}, for the report. */
  String kind();

  /** Input width and height must be multiples of this. */
  int stride();

  /** Predicts for one sample (split axis along the width). */
  Prediction predict(DpSample sample) throws IOException;

  @Override
  default void close() {}

  /**
   * One prediction, row-major H×W like the sample.
   *
   * @param disparityPx DP disparity (px); null for a normals-only predictor
   * @param depthMm planar depth (mm); null for a normals-only predictor
   * @param normals H×W×3 interleaved unit normals, camera frame
   */
  record Prediction(float[] disparityPx, float[] depthMm, float[] normals) {
    /** False for a normals-only prediction (depth metrics are then not applicable). */
    public boolean hasDepth() {
      return depthMm != null && disparityPx != null;
    }
  }
}
