package org.dpface.capture.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The takes of a session and what each take fires: {@code structuredLightFrames} projector patterns,
 * then one DP shot under each light in {@code lightIds}. Every step exposes all cameras once.
 *
 * @param takes takes in capture order, no duplicates (immutable copy)
 * @param structuredLightFrames number of SL pattern steps per take, >= 0
 * @param lightIds lights for the DP shots, in order (immutable copy)
 */
public record CapturePlan(List<TakeSpec> takes, int structuredLightFrames, List<String> lightIds) {
  public CapturePlan {
    takes = List.copyOf(takes);
    lightIds = List.copyOf(lightIds);
    if (takes.isEmpty()) {
      throw new IllegalArgumentException("a capture plan needs at least one take");
    }
    if (new HashSet<>(takes).size() != takes.size()) {
      throw new IllegalArgumentException("a capture plan lists a take twice: " + takes);
    }
    if (structuredLightFrames < 0) {
      throw new IllegalArgumentException("structured-light frames must be >= 0, got " + structuredLightFrames);
    }
    if (structuredLightFrames + lightIds.size() == 0) {
      throw new IllegalArgumentException("a take needs at least one step");
    }
  }

  /**
   * The plan of the physical rig in DESIGN.md: 3 expressions × 2 distances × 4 directions = 24 takes
   * (expression outermost, then distance, then direction), each with the SL sequence and a DP shot
   * under every light.
   */
  public static CapturePlan defaultPlan(int structuredLightFrames, List<String> lightIds) {
    List<TakeSpec> takes = new ArrayList<>();
    for (Expression e : Expression.values()) {
      for (Distance d : Distance.values()) {
        for (Direction dir : Direction.values()) {
          takes.add(new TakeSpec(e, d, dir));
        }
      }
    }
    return new CapturePlan(takes, structuredLightFrames, lightIds);
  }

  /** Trigger steps per take. */
  public int stepCount() {
    return structuredLightFrames + lightIds.size();
  }

  /** The steps of one take, in firing order (allocates). */
  public List<PlanStep> steps() {
    List<PlanStep> out = new ArrayList<>(stepCount());
    for (int i = 0; i < structuredLightFrames; i++) {
      out.add(new PlanStep(i, PlanStep.Kind.STRUCTURED_LIGHT, String.format("sl-%03d", i)));
    }
    for (int i = 0; i < lightIds.size(); i++) {
      out.add(new PlanStep(structuredLightFrames + i, PlanStep.Kind.DP_LIGHT, "light-" + lightIds.get(i)));
    }
    return out;
  }
}
