package org.dpface.capture.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpface.capture.board.TriggerStep;
import org.dpface.capture.session.CapturePlan;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;
import org.junit.jupiter.api.Test;

/** {@link TriggerPlans} against the bundled virtual-8cam channel map (cams 0..7, proj0/1 on 8/9, lights on 10..15). */
class TriggerPlansTest {
  private static final int ALL_CAMERAS = 0xFF;

  @Test
  void slBlocksPerProjectorThenOneStepPerLight() throws Exception {
    RigDescription rig = BundledRigs.load("virtual-8cam");
    CapturePlan plan = new CapturePlan(VirtualLab.PLAN.takes(), 6, List.of("light2", "light5"));
    TakeSchedule s = TriggerPlans.build(rig, plan, Timing.defaults());
    List<TriggerStep> steps = s.triggerPlan().steps();
    assertEquals(8, steps.size());
    int p0 = 1 << 8;
    int p1 = 1 << 9;
    int[] want = {ALL_CAMERAS | p0, ALL_CAMERAS | p0, ALL_CAMERAS, ALL_CAMERAS | p1, ALL_CAMERAS | p1, ALL_CAMERAS,
        ALL_CAMERAS | 1 << 12, ALL_CAMERAS | 1 << 15};
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], steps.get(i).channelMask(), "step " + i);
      assertEquals(8_000, steps.get(i).pulseMicros());
      assertEquals(i == 0 ? 1_000 : 40_000, steps.get(i).delayMicros());
    }
    assertEquals(List.of("sl-000", "sl-001", "sl-002"), s.projectorPatterns().get("proj0"));
    assertEquals(List.of("sl-003", "sl-004", "sl-005"), s.projectorPatterns().get("proj1"));
    assertEquals(64, s.frameCount());
    assertEquals(1_000, s.expectation().toleranceMicros());
  }

  @Test
  void cameraSubsetRaisesOnlyTheirShutters() throws Exception {
    RigDescription rig = BundledRigs.load("virtual-8cam");
    CapturePlan plan = new CapturePlan(VirtualLab.PLAN.takes(), 0, List.of("light0"));
    TakeSchedule s = TriggerPlans.build(rig, plan, Timing.defaults(), List.of("cam1", "cam6"));
    assertEquals((1 << 1) | (1 << 6) | (1 << 10), s.triggerPlan().steps().get(0).channelMask());
  }

  @Test
  void refusesWhatTheRigCannotFire() throws Exception {
    RigDescription rig = BundledRigs.load("virtual-8cam");
    IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> TriggerPlans.build(rig,
        new CapturePlan(VirtualLab.PLAN.takes(), 3, List.of("light0")), Timing.defaults()));
    assertTrue(odd.getMessage().contains("2 projectors"), odd.getMessage());
    IllegalArgumentException light = assertThrows(IllegalArgumentException.class, () -> TriggerPlans.build(rig,
        new CapturePlan(VirtualLab.PLAN.takes(), 0, List.of("light9")), Timing.defaults()));
    assertTrue(light.getMessage().contains("light9"), light.getMessage());
    IllegalArgumentException cam = assertThrows(IllegalArgumentException.class, () -> TriggerPlans.build(rig,
        VirtualLab.PLAN, Timing.defaults(), List.of("cam9")));
    assertTrue(cam.getMessage().contains("cam9"), cam.getMessage());
    IllegalArgumentException noProjector = assertThrows(IllegalArgumentException.class, () -> TriggerPlans.build(
        withoutProjectors(rig), VirtualLab.PLAN, Timing.defaults()));
    assertTrue(noProjector.getMessage().contains("no projector"), noProjector.getMessage());
  }

  private static RigDescription withoutProjectors(RigDescription r) {
    return new RigDescription(r.id(), r.description(), r.worldFrame(), r.cameras(), List.of(), r.lights(),
        org.dpface.rigs.TriggerBoardSpec.virtual(16, r.triggerBoard().channels().stream()
            .filter(m -> !m.target().startsWith("proj")).toList()), r.nominalGeometry());
  }
}
