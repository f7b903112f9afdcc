package org.dpface.network.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.dpface.network.model.CrossModalNormalNet;
import org.dpface.network.model.DpOps;

/**
 * Training loss of {@link CrossModalNormalNet}: (1 − cos) between the image path's normals and the
 * true normals, plus the same for the normal → normal reconstruction, plus {@value #LATENT_WEIGHT} ·
 * the mean squared difference of the two bottleneck codes (which pulls the image encoder toward the
 * normal encoder's code, so the shared decoder serves both). Normal terms are averaged over valid
 * pixels. Labels as {@link DpLoss}: [disparity, normals, mask] (the disparity is unused).
 */
public final class CrossModalLoss extends Loss implements TrainingLoss {
  /** Weight of the latent-code alignment term. */
  public static final float LATENT_WEIGHT = 0.1f;

  public CrossModalLoss() {
    super("crossModalLoss");
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return parts(labels, predictions)[0];
  }

  @Override
  public NDArray[] parts(NDList labels, NDList predictions) {
    NDArray gtNormal = labels.get(1);
    NDArray mask = labels.get(2);
    NDArray count = mask.sum().add(1e-6f);
    NDArray image = oneMinusCos(predictions.get(CrossModalNormalNet.OUT_NORMALS), gtNormal, mask, count);
    if (predictions.size() <= CrossModalNormalNet.OUT_LATENT_NORMAL) {
      return new NDArray[] {image, image, image.zerosLike()};
    }
    NDArray recon = oneMinusCos(predictions.get(CrossModalNormalNet.OUT_RECONSTRUCTED), gtNormal, mask,
        count);
    NDArray latent = predictions.get(CrossModalNormalNet.OUT_LATENT_IMAGE)
        .sub(predictions.get(CrossModalNormalNet.OUT_LATENT_NORMAL)).square().mean();
    NDArray cross = recon.add(DpOps.mulScalar(latent, LATENT_WEIGHT));
    return new NDArray[] {image.add(cross), image, cross};
  }

  @Override
  public String[] partNames() {
    return new String[] {"normalLoss", "crossModalLoss"};
  }

  private static NDArray oneMinusCos(NDArray predicted, NDArray truth, NDArray mask, NDArray count) {
    NDArray cos = predicted.mul(truth).sum(new int[] {1}, true);
    return cos.neg().add(1f).mul(mask).sum().div(count);
  }
}
