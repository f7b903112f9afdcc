package org.dpface.capture.device.virtual;

import java.util.List;
import java.util.Objects;
import org.dpface.capture.session.CapturePlan;
import org.dpface.capture.session.PlanStep;
import org.dpface.core.image.GrayU16;
import org.dpface.rigs.virtual.take.TakeStep;
import org.dpface.rigs.virtual.take.VirtualTake;

/**
 * The virtual rig's take renderer as a {@link FrameSource}: every virtual camera's frame at a trigger
 * step is {@link VirtualTake#renderStep} of the take currently {@linkplain #use loaded}. One source serves
 * a whole session: load the next take (a new posed subject) before its cameras are armed, e.g. from
 * {@link org.dpface.capture.run.CaptureListener#takeStarted}.
 *
 * <p>Step reconciliation. A {@link CapturePlan} fires {@code structuredLightFrames} SL steps, split into
 * equal consecutive blocks per projector in rig order ({@code sl-000} …), then one DP step per light of
 * its light list ({@code light-<id>}). A {@link VirtualTake} renders, per projector in rig order, every
 * pattern of its sequence, then one step per lamp of the rig, then optionally an ambient-only shot. The
 * two agree step for step when {@code structuredLightFrames} = projectors × patterns, the plan's lights
 * are the rig's lamps in rig order, and the take has no ambient shot: the capture plan has no ambient
 * step, so takes must be prepared with {@code VirtualTakeConfig.withAmbientShot(false)}. {@link #use}
 * checks all of this and names the first mismatch.
 *
 * <p>Thread-safe: cameras render concurrently (the take serialises calls per camera).
 */
public final class VirtualTakeFrameSource implements FrameSource {
  private final List<PlanStep> planSteps;
  private volatile VirtualTake take;

  /** A source for takes of {@code plan}; nothing is loaded yet. */
  public VirtualTakeFrameSource(CapturePlan plan) {
    this.planSteps = Objects.requireNonNull(plan, "plan").steps();
  }

  @Override
  public int stepCount() {
    return planSteps.size();
  }

  /**
   * Loads the take the next exposures render (the caller keeps ownership and closes it after the take).
   *
   * @throws IllegalArgumentException if the take's steps do not match the plan's (see the class comment)
   */
  public void use(VirtualTake next) {
    check(planSteps, Objects.requireNonNull(next, "next").steps());
    this.take = next;
  }

  /** The loaded take, or null. */
  public VirtualTake current() {
    return take;
  }

  /** Unloads the take (later exposures fail until the next {@link #use}). */
  public void clear() {
    this.take = null;
  }

  @Override
  public void renderStep(String cameraId, int step, GrayU16 left, GrayU16 right) {
    VirtualTake t = take;
    if (t == null) {
      throw new IllegalStateException("no virtual take loaded: call use(take) before the cameras are armed");
    }
    t.renderStep(cameraId, step, left, right);
  }

  /**
   * The ADC depth of the loaded take's sensor for {@code step}: its structured-light sensor for SL steps, its
   * lamp sensor for the others; 0 when no take is loaded.
   */
  @Override
  public int sensorBits(String cameraId, int step) {
    VirtualTake t = take;
    if (t == null || step < 0 || step >= t.steps().size()) {
      return 0;
    }
    boolean sl = t.steps().get(step).kind() == TakeStep.Kind.STRUCTURED_LIGHT;
    return (sl ? t.config().slSensor() : t.config().lightSensor()).adcBits();
  }

  /** Throws {@link IllegalArgumentException} naming the first step where plan and take disagree. */
  static void check(List<PlanStep> plan, List<TakeStep> take) {
    for (TakeStep s : take) {
      if (s.kind() == TakeStep.Kind.AMBIENT) {
        throw new IllegalArgumentException("the virtual take ends with an ambient shot but a capture plan has no "
            + "ambient step; prepare it with VirtualTakeConfig.withAmbientShot(false)");
      }
    }
    if (plan.size() != take.size()) {
      long planSl = plan.stream().filter(p -> p.kind() == PlanStep.Kind.STRUCTURED_LIGHT).count();
      long takeSl = take.stream().filter(t -> t.kind() == TakeStep.Kind.STRUCTURED_LIGHT).count();
      throw new IllegalArgumentException("the capture plan has " + plan.size() + " steps (" + planSl
          + " structured light) but the virtual take renders " + take.size() + " (" + takeSl
          + " structured light = projectors x sequence frames)");
    }
    for (int i = 0; i < plan.size(); i++) {
      PlanStep p = plan.get(i);
      TakeStep t = take.get(i);
      boolean sl = p.kind() == PlanStep.Kind.STRUCTURED_LIGHT;
      if (sl != (t.kind() == TakeStep.Kind.STRUCTURED_LIGHT) || (!sl && !p.label().equals(t.label()))) {
        throw new IllegalArgumentException("step " + i + ": the capture plan fires " + p.label()
            + " but the virtual take renders " + t.label() + " (the plan's lights must be the rig's lamps in rig order)");
      }
    }
  }
}
