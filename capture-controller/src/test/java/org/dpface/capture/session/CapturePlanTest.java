package org.dpface.capture.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapturePlanTest {
  private static final List<String> LIGHTS = List.of("light0", "light1", "light2", "light3", "light4", "light5");

  @Test
  void defaultPlanMirrorsThePhysicalRig() {
    CapturePlan plan = CapturePlan.defaultPlan(20, LIGHTS);
    assertEquals(24, plan.takes().size());
    assertEquals(24, new HashSet<>(plan.takes()).size());
    assertEquals("neutral-forward-left", plan.takes().get(0).label());
    assertEquals("yawning-backward-up", plan.takes().get(23).label());
    assertEquals(26, plan.stepCount());
    List<PlanStep> steps = plan.steps();
    assertEquals("sl-000", steps.get(0).label());
    assertEquals(PlanStep.Kind.STRUCTURED_LIGHT, steps.get(19).kind());
    assertEquals("light-light0", steps.get(20).label());
    assertEquals(PlanStep.Kind.DP_LIGHT, steps.get(25).kind());
    for (TakeSpec t : plan.takes()) {
      assertEquals(t, TakeSpec.parse(t.label()));
    }
  }

  @Test
  void invalidPlansAndSessionsAreRefused() {
    TakeSpec a = new TakeSpec(Expression.NEUTRAL, Distance.FORWARD, Direction.UP);
    assertThrows(IllegalArgumentException.class, () -> new CapturePlan(List.of(a, a), 1, LIGHTS));
    assertThrows(IllegalArgumentException.class, () -> new CapturePlan(List.of(), 1, LIGHTS));
    assertThrows(IllegalArgumentException.class, () -> new CapturePlan(List.of(a), 0, List.of()));
    assertThrows(IllegalArgumentException.class, () -> TakeSpec.parse("neutral-up"));
    CapturePlan plan = new CapturePlan(List.of(a), 1, LIGHTS);
    assertThrows(IllegalArgumentException.class, () -> new Session("s", "sub-0001", "rig", "cal",
        "Jane Doe", java.time.Instant.EPOCH, plan, List.of()));
  }
}
