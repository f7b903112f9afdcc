package org.dpface.network.validate;

import java.io.IOException;
import java.util.Arrays;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.SampleSource;

/**
 * The honest floor: one disparity for every pixel of every sample (the mean true disparity of the
 * training split), depth a / (d − b) with each sample's own coefficients, normals facing the camera
 * (0, 0, −1). A model that does not beat it has learned nothing from the images.
 */
public final class ConstantDisparityPredictor implements DepthPredictor {
  private final double disparityPx;

  /** @param disparityPx the constant disparity (px) */
  public ConstantDisparityPredictor(double disparityPx) {
    this.disparityPx = disparityPx;
  }

  /** The mean true disparity over the valid pixels of {@code train}. */
  public static ConstantDisparityPredictor meanOf(SampleSource train) throws IOException {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < train.size(); i++) {
      DpSample s = train.get(i);
      for (int p = 0; p < s.pixels(); p++) {
        float z = s.depthMm()[p];
        if (s.mask()[p] != 0 && z > 0 && Float.isFinite(z)) {
          sum += s.disparityOf(z);
          n++;
        }
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("no valid ground-truth pixel in the training source");
    }
    return new ConstantDisparityPredictor(sum / n);
  }

  /** The constant (px). */
  public double disparityPx() {
    return disparityPx;
  }

  @Override
  public String name() {
    return "constant";
  }

  @Override
  public String kind() {
    return "baseline";
  }

  @Override
  public int stride() {
    return 1;
  }

  @Override
  public Prediction predict(DpSample s) {
    int n = s.pixels();
    float[] d = new float[n];
    float[] z = new float[n];
    Arrays.fill(d, (float) disparityPx);
    Arrays.fill(z, (float) s.depthOf(disparityPx));
    float[] normals = new float[3 * n];
    for (int p = 0; p < n; p++) {
      normals[3 * p + 2] = -1;
    }
    return new Prediction(d, z, normals);
  }
}
