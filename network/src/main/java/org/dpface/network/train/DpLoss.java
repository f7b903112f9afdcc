package org.dpface.network.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.dpface.network.model.DpNetOutputs;
import org.dpface.network.model.DpOps;

/**
 * Training loss of the DP networks (Kang et al. 2022): smooth-L1 (β = 1 px) on disparity, summed over
 * the final and auxiliary stage outputs with weights {@code 1.0, 0.7, 0.5, …} (final first), plus
 * {@code normalWeight} · (1 − cos) between predicted and true normals; every term is averaged over
 * valid pixels only.
 *
 * <p>Labels: [disparity (N,1,H,W), normals (N,3,H,W), mask (N,1,H,W)] as built by
 * {@code DpBatch.labels}; predictions in the layout of {@link DpNetOutputs}.
 */
public final class DpLoss extends Loss implements TrainingLoss {
  /** Weights of the final, then earlier stage disparities (the last value repeats). */
  static final float[] STAGE_WEIGHTS = {1.0f, 0.7f, 0.5f};

  private final float normalWeight;

  public DpLoss(float normalWeight) {
    super("dpLoss");
    this.normalWeight = normalWeight;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray[] parts = parts(labels, predictions);
    return parts[0];
  }

  /** {total, disparity term, normal term} as scalars. */
  @Override
  public NDArray[] parts(NDList labels, NDList predictions) {
    NDArray gtDisp = labels.get(0);
    NDArray gtNormal = labels.get(1);
    NDArray mask = labels.get(2);
    NDArray count = mask.sum().add(1e-6f);
    NDArray disp = null;
    for (int i = 0; i < predictions.size(); i++) {
      int stage;
      if (i == DpNetOutputs.OUT_DISPARITY) {
        stage = 0;
      } else if (i >= DpNetOutputs.OUT_FIRST_AUX) {
        stage = i - DpNetOutputs.OUT_FIRST_AUX + 1;
      } else {
        continue;
      }
      float w = STAGE_WEIGHTS[Math.min(stage, STAGE_WEIGHTS.length - 1)];
      NDArray term = DpOps.mulScalar(smoothL1(predictions.get(i).sub(gtDisp)).mul(mask).sum().div(count), w);
      disp = disp == null ? term : disp.add(term);
    }
    NDArray cos = predictions.get(DpNetOutputs.OUT_NORMALS).mul(gtNormal).sum(new int[] {1}, true);
    NDArray normal = cos.neg().add(1f).mul(mask).sum().div(count);
    return new NDArray[] {disp.add(DpOps.mulScalar(normal, normalWeight)), disp, normal};
  }

  @Override
  public String[] partNames() {
    return new String[] {"dispLoss", "normalLoss"};
  }

  /** Smooth L1 with β = 1: 0.5·x² for |x| &lt; 1, |x| − 0.5 beyond. */
  static NDArray smoothL1(NDArray x) {
    NDArray ax = x.abs();
    NDArray q = DpOps.minScalar(ax, 1f);
    return DpOps.mulScalar(q.square(), 0.5f).add(ax.sub(q));
  }
}
