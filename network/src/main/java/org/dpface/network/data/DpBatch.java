package org.dpface.network.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.dpface.rigs.SplitAxis;

/**
 * Converts DP samples into the network tensors of {@code DpNetOutputs}: inputs
 * [left, right, coeffs, intrinsics] and labels [disparity, normals, mask].
 *
 * <p>Samples must have the same size and their split axis along the width
 * ({@link DpSample#splitAlongWidth()}). Photometric normalisation: both views of a sample are divided
 * by the mean of (left + right)/2 over the sample, then 1 is subtracted, so exposure does not matter
 * and DP geometry is untouched. The disparity label is a / Z + b on valid pixels, 0 elsewhere.
 */
public final class DpBatch {
  private DpBatch() {}

  /** Input tensors (N,1,H,W), (N,1,H,W), (N,2), (N,4) in {@code manager}. */
  public static NDList inputs(NDManager manager, List<DpSample> samples) {
    DpSample first = check(samples);
    int n = samples.size();
    int px = first.pixels();
    float[] l = new float[n * px];
    float[] r = new float[n * px];
    float[] coeffs = new float[2 * n];
    float[] k = new float[4 * n];
    for (int s = 0; s < n; s++) {
      DpSample d = samples.get(s);
      double sum = 0;
      for (int i = 0; i < px; i++) {
        sum += d.left()[i] + d.right()[i];
      }
      float mean = (float) Math.max(sum / (2.0 * px), 1e-6);
      for (int i = 0; i < px; i++) {
        l[s * px + i] = d.left()[i] / mean - 1;
        r[s * px + i] = d.right()[i] / mean - 1;
      }
      coeffs[2 * s] = (float) d.a();
      coeffs[2 * s + 1] = (float) d.b();
      for (int j = 0; j < 4; j++) {
        k[4 * s + j] = (float) d.intrinsics()[j];
      }
    }
    Shape img = new Shape(n, 1, first.height(), first.width());
    return new NDList(manager.create(l, img), manager.create(r, img),
        manager.create(coeffs, new Shape(n, 2)), manager.create(k, new Shape(n, 4)));
  }

  /** Label tensors: disparity (N,1,H,W) px, normals (N,3,H,W), mask (N,1,H,W) 0/1. */
  public static NDList labels(NDManager manager, List<DpSample> samples) {
    DpSample first = check(samples);
    int n = samples.size();
    int px = first.pixels();
    float[] disp = new float[n * px];
    float[] normals = new float[n * 3 * px];
    float[] mask = new float[n * px];
    for (int s = 0; s < n; s++) {
      DpSample d = samples.get(s);
      for (int i = 0; i < px; i++) {
        float z = d.depthMm()[i];
        boolean valid = d.mask()[i] != 0 && z > 0 && Float.isFinite(z);
        mask[s * px + i] = valid ? 1 : 0;
        disp[s * px + i] = valid ? (float) d.disparityOf(z) : 0;
        for (int c = 0; c < 3; c++) {
          normals[(s * 3 + c) * px + i] = valid ? d.normal()[3 * i + c] : 0;
        }
      }
    }
    Shape one = new Shape(n, 1, first.height(), first.width());
    NDArray nrm = manager.create(normals, new Shape(n, 3, first.height(), first.width()));
    return new NDList(manager.create(disp, one), nrm, manager.create(mask, one));
  }

  private static DpSample check(List<DpSample> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
    DpSample first = samples.get(0);
    for (DpSample s : samples) {
      if (s.width() != first.width() || s.height() != first.height()) {
        throw new IllegalArgumentException("samples differ in size");
      }
      if (s.splitAxis() != SplitAxis.HORIZONTAL) {
        throw new IllegalArgumentException("sample " + s.sampleId() + " must be split along the width");
      }
    }
    return first;
  }
}
