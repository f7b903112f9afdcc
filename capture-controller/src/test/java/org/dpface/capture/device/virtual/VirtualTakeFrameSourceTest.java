package org.dpface.capture.device.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dpface.capture.session.CapturePlan;
import org.dpface.capture.session.TakeSpec;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.LightSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.subject.HeadModel;
import org.dpface.rigs.virtual.subject.PosedSubject;
import org.dpface.rigs.virtual.subject.SubjectPlacement;
import org.dpface.rigs.virtual.subject.SubjectPose;
import org.dpface.rigs.virtual.subject.SyntheticSubject;
import org.dpface.rigs.virtual.take.RigBinning;
import org.dpface.rigs.virtual.take.VirtualTake;
import org.dpface.rigs.virtual.take.VirtualTakeConfig;
import org.junit.jupiter.api.Test;

/** The virtual take behind the capture plan's steps, on virtual-8cam binned 8x8 with 3 patterns. */
class VirtualTakeFrameSourceTest {
  @Test
  void rendersTheTakeStepForStepAndRejectsMismatchedPlans() throws Exception {
    RigDescription rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), 8);
    HeadModel model = HeadModel.standard();
    PosedSubject posed = SyntheticSubject.create(1, 1, model).pose(model, SubjectPose.neutralFront(), SubjectPlacement.of(rig));
    List<GrayU8> patterns = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      GrayU8 p = new GrayU8(rig.projectors().get(0).resolution().width(), rig.projectors().get(0).resolution().height());
      for (int i = 0; i < p.data.length; i++) {
        p.data[i] = (byte) (((i >> k) & 1) * 255);
      }
      patterns.add(p);
    }
    List<String> lights = rig.lights().stream().map(LightSpec::id).toList();
    CapturePlan plan = new CapturePlan(List.of(TakeSpec.parse("neutral-forward-front")), 3 * rig.projectors().size(), lights);
    VirtualTakeConfig cfg = VirtualTakeConfig.defaults().withThreads(1);
    VirtualTakeFrameSource source = new VirtualTakeFrameSource(plan);
    assertEquals(plan.stepCount(), source.stepCount());
    GrayU16 l = new GrayU16(1, 1);
    GrayU16 r = new GrayU16(1, 1);
    assertThrows(IllegalStateException.class, () -> source.renderStep("cam0", 0, l, r), "nothing loaded");

    try (VirtualTake withAmbient = VirtualTake.prepare(rig, posed, patterns, cfg)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> source.use(withAmbient));
      assertTrue(e.getMessage().contains("withAmbientShot(false)"), e.getMessage());
    }
    try (VirtualTake take = VirtualTake.prepare(rig, posed, patterns, cfg.withAmbientShot(false))) {
      source.use(take);
      GrayU16 el = new GrayU16(1, 1);
      GrayU16 er = new GrayU16(1, 1);
      for (int step : new int[] {0, 4, plan.stepCount() - 1}) {
        source.renderStep("cam1", step, l, r);
        take.renderStep("cam1", step, el, er);
        assertEquals(60, l.width());
        assertEquals(80, l.height());
        assertArrayEquals(el.data, l.data, "left, step " + step);
        assertArrayEquals(er.data, r.data, "right, step " + step);
      }
      CapturePlan fewer = new CapturePlan(plan.takes(), 2 * rig.projectors().size(), lights);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new VirtualTakeFrameSource(fewer).use(take));
      assertTrue(e.getMessage().contains("structured light"), e.getMessage());
      CapturePlan reordered = new CapturePlan(plan.takes(), plan.structuredLightFrames(),
          List.of(lights.get(1), lights.get(0), lights.get(2), lights.get(3), lights.get(4), lights.get(5)));
      e = assertThrows(IllegalArgumentException.class, () -> new VirtualTakeFrameSource(reordered).use(take));
      assertTrue(e.getMessage().contains("light-" + lights.get(1)), e.getMessage());
      source.clear();
      assertThrows(IllegalStateException.class, () -> source.renderStep("cam0", 0, l, r));
    }
  }
}
