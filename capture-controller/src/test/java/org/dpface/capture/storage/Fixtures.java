package org.dpface.capture.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.dpface.capture.board.FireResult;
import org.dpface.capture.board.StepResult;
import org.dpface.capture.board.TriggerPlan;
import org.dpface.capture.board.TriggerStep;
import org.dpface.capture.device.DpFrame;
import org.dpface.capture.session.CapturePlan;
import org.dpface.capture.session.ConsentException;
import org.dpface.capture.session.ConsentRecord;
import org.dpface.capture.session.Direction;
import org.dpface.capture.session.Distance;
import org.dpface.capture.session.Expression;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.session.TakeSpec;
import org.dpface.core.image.GrayU16;
import org.dpface.rigs.Resolution;

/** A tiny synthetic lab: 2 cameras, 3 steps (2 SL + 1 light), 8x6 views, seeded pixels. */
final class Fixtures {
  static final List<String> CAMERAS = List.of("cam0", "cam1");
  static final Resolution RES = new Resolution(8, 6);
  static final long FIRE_MICROS = 1_000_000;
  static final long TOLERANCE = 500;
  static final TriggerPlan TRIGGER = new TriggerPlan(List.of(
      new TriggerStep(0x3, 1000, 5000), new TriggerStep(0x3, 1000, 5000), new TriggerStep(0x3, 1000, 5000)));
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T10:00:00Z"), ZoneOffset.UTC);
  static final CapturePlan PLAN = new CapturePlan(List.of(
      new TakeSpec(Expression.NEUTRAL, Distance.FORWARD, Direction.LEFT),
      new TakeSpec(Expression.NEUTRAL, Distance.FORWARD, Direction.RIGHT),
      new TakeSpec(Expression.YAWNING, Distance.BACKWARD, Direction.UP)), 2, List.of("light0"));

  private Fixtures() {}

  static ConsentRecord consent() {
    return new ConsentRecord(List.of("capture", "dataset"), "v2", LocalDate.parse("2025-03-01"), Optional.empty());
  }

  static TakeExpectation expectation() {
    return new TakeExpectation(CAMERAS, RES, TRIGGER, TOLERANCE);
  }

  static FireResult fire() {
    long[] off = TRIGGER.plannedOffsetsMicros();
    List<StepResult> steps = new ArrayList<>();
    for (int i = 0; i < off.length; i++) {
      steps.add(new StepResult(i, 0x3, FIRE_MICROS + off[i] + 3));
    }
    return new FireResult(1, FIRE_MICROS, true, steps);
  }

  static DpFrame frame(String cam, int step, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 31 + step * 7L + cam.hashCode());
    GrayU16 l = new GrayU16(RES.width(), RES.height());
    GrayU16 r = new GrayU16(RES.width(), RES.height());
    for (int i = 0; i < l.data.length; i++) {
      l.data[i] = (short) rnd.nextInt(65536);
      r.data[i] = (short) rnd.nextInt(65536);
    }
    long board = FIRE_MICROS + TRIGGER.plannedOffsetsMicros()[step] + 3;
    return new DpFrame(cam, step, 5000, board, CLOCK.instant(), l, r);
  }

  /** A lab with sub-0001 consented and a fresh session on the local disk. */
  static SessionStore newSession(Path lab, Volume volume) throws IOException, ConsentException {
    SubjectRegistry reg = SubjectRegistry.open(lab);
    String subject = reg.list().isEmpty() ? reg.add(consent()).id() : reg.list().get(0).id();
    return SessionStore.create(lab, reg, volume, CLOCK,
        new SessionRequest(subject, "virtual-8cam", "cal-0001", "AB", PLAN));
  }

  /** Writes every frame of a take and completes it. */
  static TakeWriter writeAll(SessionStore store, String takeId, long seed) throws Exception {
    TakeWriter w = store.beginTake(takeId, expectation());
    w.recordFire(fire());
    for (int step = 0; step < TRIGGER.size(); step++) {
      for (String cam : CAMERAS) {
        w.writeFrame(frame(cam, step, seed));
      }
    }
    return w;
  }
}
