package org.dpface.capture.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpface.capture.board.TriggerPlan;
import org.dpface.capture.board.TriggerStep;
import org.dpface.capture.session.CapturePlan;
import org.dpface.capture.session.PlanStep;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.LightSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.TriggerAction;
import org.dpface.rigs.TriggerBoardSpec;

/**
 * Builds the {@link TakeSchedule} of a take from the rig's channel map and the capture plan.
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>Every trigger step raises the shutter (and focus, if wired: DSLR remote cables need the
 *       half-press line held for a release) channels of every chosen camera: one step = one exposure of
 *       every camera, so frames map 1:1 to plan steps.
 *   <li>The structured-light steps are split into equal consecutive blocks, one per projector in rig
 *       order; a projector is loaded with its block's labels (pattern 0 shown at load) and its advance
 *       channel is raised in each of its steps but the last. The projector advances on the falling edge,
 *       after the exposure, so the next step sees the next pattern.
 *   <li>Each DP step raises the channels of its light for the exposure.
 *   <li>Step delays: {@link Timing#firstDelayMicros()} before the first, {@link Timing#stepGapMicros()}
 *       between steps; pulses {@link Timing#exposureMicros()}.
 * </ol>
 */
public final class TriggerPlans {
  /** Label of a calibration take's step lit by every lamp at once. */
  public static final String FLAT_STEP = "flat";

  private TriggerPlans() {}

  /** A schedule exposing every camera of the rig. */
  public static TakeSchedule build(RigDescription rig, CapturePlan plan, Timing timing) {
    return build(rig, plan, timing, rig.cameras().stream().map(CameraSpec::id).toList());
  }

  /**
   * A schedule exposing {@code cameraIds}.
   *
   * @throws IllegalArgumentException naming what is missing: a camera without a shutter channel, a light
   *     without a channel, SL steps without a projector, SL steps not divisible among the projectors,
   *     cameras of different resolutions
   */
  public static TakeSchedule build(RigDescription rig, CapturePlan plan, Timing timing, List<String> cameraIds) {
    return build(rig, plan.steps(), plan.structuredLightFrames(), timing, cameraIds);
  }

  /**
   * The steps of a calibration take (capture-controller {@code DESIGN-storage.md}, calibration sessions):
   * the same {@code structuredLightFrames} SL steps as a subject take ({@code sl-000} …, split per
   * projector in rig order), then one {@value #FLAT_STEP} step lit by every lamp of the rig at once.
   */
  public static List<PlanStep> calibrationSteps(int structuredLightFrames) {
    if (structuredLightFrames < 0) {
      throw new IllegalArgumentException("structured-light frames must be >= 0, got " + structuredLightFrames);
    }
    List<PlanStep> out = new ArrayList<>();
    for (int i = 0; i < structuredLightFrames; i++) {
      out.add(new PlanStep(i, PlanStep.Kind.STRUCTURED_LIGHT, String.format("sl-%03d", i)));
    }
    out.add(new PlanStep(structuredLightFrames, PlanStep.Kind.DP_LIGHT, FLAT_STEP));
    return out;
  }

  /** A calibration take's schedule ({@link #calibrationSteps}) exposing every camera of the rig. */
  public static TakeSchedule buildCalibration(RigDescription rig, int structuredLightFrames, Timing timing) {
    return buildCalibration(rig, structuredLightFrames, timing, rig.cameras().stream().map(CameraSpec::id).toList());
  }

  /** A calibration take's schedule exposing {@code cameraIds} (e.g. the camera a DP plane is held in front of). */
  public static TakeSchedule buildCalibration(RigDescription rig, int structuredLightFrames, Timing timing,
      List<String> cameraIds) {
    return build(rig, calibrationSteps(structuredLightFrames), structuredLightFrames, timing, cameraIds);
  }

  private static TakeSchedule build(RigDescription rig, List<PlanStep> steps, int sl, Timing timing,
      List<String> cameraIds) {
    TriggerBoardSpec board = rig.triggerBoard();
    if (cameraIds.isEmpty()) {
      throw new IllegalArgumentException("a take needs at least one camera");
    }
    int shutters = 0;
    CameraSpec first = null;
    for (String id : cameraIds) {
      CameraSpec c = rig.camera(id).orElseThrow(
          () -> new IllegalArgumentException("rig " + rig.id() + " has no camera " + id));
      if (first == null) {
        first = c;
      } else if (!c.resolution().equals(first.resolution())) {
        throw new IllegalArgumentException("cameras " + first.id() + " (" + first.resolution() + ") and " + id
            + " (" + c.resolution() + ") differ in resolution; a take stores one size");
      }
      int shutter = mask(board, id, TriggerAction.SHUTTER);
      if (shutter == 0) {
        throw new IllegalArgumentException("camera " + id + " has no shutter channel on rig " + rig.id()
            + "'s trigger board");
      }
      shutters |= shutter | mask(board, id, TriggerAction.FOCUS);
    }
    List<ProjectorSpec> projectors = rig.projectors();
    int per = 0;
    if (sl > 0) {
      if (projectors.isEmpty()) {
        throw new IllegalArgumentException("the plan has " + sl + " structured-light steps but rig " + rig.id()
            + " has no projector");
      }
      if (sl % projectors.size() != 0) {
        throw new IllegalArgumentException(sl + " structured-light steps cannot be split evenly among "
            + projectors.size() + " projectors");
      }
      per = sl / projectors.size();
    }
    Map<String, List<String>> patterns = new LinkedHashMap<>();
    List<TriggerStep> trigger = new ArrayList<>(steps.size());
    for (PlanStep s : steps) {
      int m = shutters;
      if (s.kind() == PlanStep.Kind.STRUCTURED_LIGHT) {
        ProjectorSpec p = projectors.get(s.index() / per);
        int k = s.index() % per;
        int advance = mask(board, p.id(), TriggerAction.PROJECTOR_ADVANCE);
        if (advance == 0 && per > 1) {
          throw new IllegalArgumentException("projector " + p.id() + " has no projector-advance channel");
        }
        patterns.computeIfAbsent(p.id(), x -> new ArrayList<>()).add(s.label());
        if (k < per - 1) {
          m |= advance;
        }
      } else if (FLAT_STEP.equals(s.label())) {
        for (LightSpec l : rig.lights()) {
          int lm = mask(board, l.id(), TriggerAction.LIGHT);
          if (lm == 0) {
            throw new IllegalArgumentException("light " + l.id() + " has no channel on rig " + rig.id()
                + "'s trigger board");
          }
          m |= lm;
        }
      } else {
        String light = s.label().substring("light-".length());
        int lm = mask(board, light, TriggerAction.LIGHT);
        if (lm == 0) {
          throw new IllegalArgumentException("light " + light + " has no channel on rig " + rig.id()
              + "'s trigger board");
        }
        m |= lm;
      }
      long delay = s.index() == 0 ? timing.firstDelayMicros() : timing.stepGapMicros();
      trigger.add(new TriggerStep(m, delay, timing.exposureMicros()));
    }
    return new TakeSchedule(new TriggerPlan(trigger), steps, cameraIds, patterns, first.resolution(), timing);
  }

  /** Channels wired to {@code action} on {@code target}, as a mask. */
  static int mask(TriggerBoardSpec board, String target, TriggerAction action) {
    int m = 0;
    for (var c : board.channelsFor(target)) {
      if (c.action() == action) {
        m |= 1 << c.channel();
      }
    }
    return m;
  }
}
