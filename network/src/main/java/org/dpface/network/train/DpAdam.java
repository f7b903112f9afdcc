package org.dpface.network.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Adam (Kingma &amp; Ba 2015) whose state can be checkpointed. DJL 0.35's {@code Adam} keeps its moment
 * estimates and per-parameter update counts in private maps keyed by random parameter ids, with no way
 * to save or restore them, so a resumed run would restart Adam from zero; this optimizer does the same
 * update with its state in the open.
 *
 * <p>Per parameter with gradient g (after DJL's rescale and clipping, if configured), update count t:
 * m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², w ← w − lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε), which
 * is DJL's and MXNet's {@code adam_update} (ε added after the bias correction folded into the rate).
 * The learning rate is that of the global step set with {@link #setStep} (the {@link StepLrTracker}
 * schedule), so it continues across resumes without offsets. After the update the parameter's
 * gradient is cleared, as DJL's native optimizers do.
 *
 * <p>{@link #state} and {@link #restore} exchange the moments and counts keyed by the block's
 * parameter names (stable across processes), as an {@link NDList} whose arrays are named
 * {@code m:NAME} and {@code v:NAME}, plus a name → count map.
 */
public final class DpAdam extends Optimizer {
  private final StepLrTracker schedule;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final Map<String, NDArray> means = new HashMap<>();
  private final Map<String, NDArray> variances = new HashMap<>();
  private final Map<String, Integer> counts = new HashMap<>();
  private int step;

  /** Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 and the given schedule (its offset is ignored). */
  public DpAdam(StepLrTracker schedule) {
    this(schedule, 0.9f, 0.999f, 1e-8f);
  }

  public DpAdam(StepLrTracker schedule, float beta1, float beta2, float epsilon) {
    super(new Builder());
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException("need 0 <= beta < 1 and epsilon > 0");
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /** Sets the global (0-based) step whose learning rate the next updates use. */
  public void setStep(int globalStep) {
    this.step = globalStep;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    int t = counts.merge(parameterId, 1, Integer::sum);
    double lr = schedule.valueAtStep(step);
    float corrected = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
    NDArray m = means.computeIfAbsent(parameterId, k -> weight.zerosLike());
    NDArray v = variances.computeIfAbsent(parameterId, k -> weight.zerosLike());
    try (NDManager tmp = weight.getManager().newSubManager()) {
      NDArray g = grad.mul(rescaleGrad);
      g.attach(tmp);
      if (clipGrad > 0) {
        g = g.clip(-clipGrad, clipGrad);
        g.attach(tmp);
      }
      NDArray gm = g.mul(1 - beta1);
      gm.attach(tmp);
      m.muli(beta1).addi(gm);
      NDArray g2 = g.square().muli(1 - beta2);
      g2.attach(tmp);
      v.muli(beta2).addi(g2);
      NDArray denom = v.sqrt().addi(epsilon);
      denom.attach(tmp);
      NDArray delta = m.div(denom).muli(corrected);
      delta.attach(tmp);
      weight.subi(delta);
    }
    // the engine accumulates gradients across backward passes; DJL's native updates clear them, so must
    // this one (the array handed in is a copy of the parameter's gradient). zero_() in place: a
    // subtraction g − g would turn an inf gradient into NaN instead of 0
    JniUtils.zeroGrad((PtNDArray) weight);
  }

  /**
   * The optimizer state by parameter name: moments as arrays named {@code m:NAME} / {@code v:NAME}
   * (copies, in {@code manager}) and the update count of each name.
   */
  public Pair<NDList, Map<String, Integer>> state(PairList<String, Parameter> parameters,
      NDManager manager) {
    NDList arrays = new NDList();
    Map<String, Integer> byName = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : parameters) {
      String id = p.getValue().getId();
      if (!counts.containsKey(id)) {
        continue;
      }
      byName.put(p.getKey(), counts.get(id));
      NDArray m = means.get(id).duplicate();
      m.attach(manager);
      m.setName("m:" + p.getKey());
      NDArray v = variances.get(id).duplicate();
      v.attach(manager);
      v.setName("v:" + p.getKey());
      arrays.add(m);
      arrays.add(v);
    }
    return new Pair<>(arrays, byName);
  }

  /**
   * Restores a {@link #state} into this optimizer for {@code parameters} (the same block structure).
   * Every parameter in {@code countsByName} must have both moments, with its parameter's shape.
   */
  public void restore(PairList<String, Parameter> parameters, NDList arrays,
      Map<String, Integer> countsByName) throws IOException {
    Map<String, NDArray> byName = new HashMap<>();
    for (NDArray a : arrays) {
      byName.put(a.getName(), a);
    }
    for (Pair<String, Parameter> p : parameters) {
      Integer t = countsByName.get(p.getKey());
      if (t == null) {
        continue;
      }
      NDArray weight = p.getValue().getArray();
      NDArray m = byName.get("m:" + p.getKey());
      NDArray v = byName.get("v:" + p.getKey());
      if (m == null || v == null) {
        throw new IOException("optimizer state lacks the moments of parameter " + p.getKey());
      }
      if (!m.getShape().equals(weight.getShape()) || !v.getShape().equals(weight.getShape())) {
        throw new IOException("optimizer moments of " + p.getKey() + " have shape " + m.getShape()
            + ", expected " + weight.getShape());
      }
      String id = p.getValue().getId();
      NDArray mc = m.toDevice(weight.getDevice(), true);
      mc.attach(weight.getManager());
      NDArray vc = v.toDevice(weight.getDevice(), true);
      vc.attach(weight.getManager());
      means.put(id, mc);
      variances.put(id, vc);
      counts.put(id, t);
    }
  }

  /** DJL's builder is only needed for the base class's rescale/clip/weight-decay defaults. */
  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}
