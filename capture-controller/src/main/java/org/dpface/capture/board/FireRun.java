package org.dpface.capture.board;

import java.util.ArrayList;
import java.util.List;
import org.dpface.capture.protocol.BoardState;
import org.dpface.capture.protocol.Frame;
import org.dpface.capture.protocol.Message;
import org.dpface.capture.protocol.Protocol;

/**
 * One FIRE on a {@link SerialTriggerBoard}: send FIRE, collect STEP_DONE events until SEQUENCE_DONE, query
 * STATUS when a step is overdue, fetch lost step timestamps with REPORT, check the result.
 */
final class FireRun {
  /** Longest single wait, so an abort request is noticed promptly. */
  private static final long POLL_NANOS = 20_000_000L;

  private final SerialTriggerBoard b;
  private TriggerPlan plan;
  private int planId;
  private int fireSeq;
  private long[] stamps;
  private boolean[] have;
  private int seen;
  private int stepsFired;
  private boolean completed;

  FireRun(SerialTriggerBoard board) {
    this.b = board;
  }

  FireResult run(TriggerPlan plan, int planId) throws TriggerBoardException {
    String port = b.port();
    b.fireProgress(0);
    // Without a plan FIRE still goes to the board, which refuses it (BAD_STATE) in its own words.
    List<Frame> early = new ArrayList<>();
    Message.Firing firing = b.transact(new Message.Fire(plan == null ? 0 : planId), Message.Firing.class, early);
    fireSeq = b.lastSeq();
    long hostStart = System.nanoTime();
    if (plan == null || firing.planId() != planId || firing.totalSteps() != plan.size()) {
      throw new TriggerBoardException("trigger board on " + port + " started plan " + firing.planId() + " with "
          + firing.totalSteps() + " steps; host armed plan " + planId + " with "
          + (plan == null ? 0 : plan.size()) + " steps");
    }
    this.plan = plan;
    this.planId = planId;
    int n = plan.size();
    long[] offsets = plan.plannedOffsetsMicros();
    long slackNanos = b.options().stepSlackMillis() * 1_000_000L;
    stamps = new long[n];
    have = new boolean[n];
    int next = 0;
    long extraNanos = 0;
    int lastProgress = -1;
    boolean ended = false;
    for (Frame f : early) {
      ended |= handle(f);
    }
    while (!ended) {
      if (b.abortRequested()) {
        Message.Aborted a = b.transact(new Message.Abort(), Message.Aborted.class);
        stepsFired = a.stepsFired();
        completed = false;
        break;
      }
      while (next < n && have[next]) {
        next++;
      }
      long expected = next < n ? offsets[next] : plan.durationMicros();
      long deadline = hostStart + expected * 1000 + slackNanos + extraNanos;
      long now = System.nanoTime();
      Frame f = b.receive(Math.min(deadline, now + POLL_NANOS), "step events of plan " + planId);
      if (f != null) {
        ended = handle(f);
        continue;
      }
      if (System.nanoTime() - deadline < 0) {
        continue;
      }
      Message.StatusReport st = b.transact(new Message.Status(), Message.StatusReport.class);
      if (st.state() == BoardState.FIRING) {
        if (st.stepsFired() > lastProgress) {
          lastProgress = st.stepsFired();
          extraNanos += slackNanos;
          continue;
        }
        throw new TriggerBoardException("trigger board on " + port + " stalled firing plan " + planId
            + ": still at step " + st.stepsFired() + " of " + n + " well past its planned time");
      }
      stepsFired = st.stepsFired(); // SEQUENCE_DONE was lost on the wire
      completed = st.state() == BoardState.DONE && stepsFired == n;
      break;
    }
    if (stepsFired > n) {
      throw new TriggerBoardException("trigger board on " + port + " says it fired " + stepsFired
          + " steps of a " + n + "-step plan");
    }
    recoverMissing(planId, stepsFired, stamps, have);
    List<StepResult> steps = new ArrayList<>(stepsFired);
    for (int i = 0; i < stepsFired; i++) {
      if (i > 0 && stamps[i] <= stamps[i - 1]) {
        throw new TriggerBoardException("trigger board on " + port + " timestamps not increasing at step " + i
            + " of plan " + planId + ": " + stamps[i - 1] + " then " + stamps[i] + " µs");
      }
      steps.add(new StepResult(i, plan.steps().get(i).channelMask(), stamps[i]));
    }
    return new FireResult(planId, firing.fireMicros(), completed && stepsFired == n, steps);
  }

  /** Takes one frame received while firing; true when it ends the sequence (SEQUENCE_DONE). */
  private boolean handle(Frame f) throws TriggerBoardException {
    b.checkBoot(f);
    if (f.seq() != fireSeq || !f.intact()) {
      return false; // stale, or a damaged event: REPORT recovers lost timestamps afterwards
    }
    Message m = f.message();
    int n = plan.size();
    if (m instanceof Message.StepDone sd) {
      int i = sd.stepIndex();
      if (sd.planId() != planId || i >= n) {
        throw new TriggerBoardException("trigger board on " + b.port() + " reported step " + i + " of plan "
            + sd.planId() + " while firing plan " + planId + " (" + n + " steps)");
      }
      int want = plan.steps().get(i).channelMask();
      if (sd.channelMask() != want) {
        throw new TriggerBoardException(String.format("trigger board on %s raised channel mask 0x%04x at step"
            + " %d of plan %d; the plan says 0x%04x", b.port(), sd.channelMask(), i, planId, want));
      }
      if (!have[i]) {
        have[i] = true;
        seen++;
        b.fireProgress(seen);
      }
      stamps[i] = sd.boardMicros();
      return false;
    }
    if (m instanceof Message.SequenceDone done) {
      stepsFired = done.stepsFired();
      completed = done.completed();
      return true;
    }
    if (m instanceof Message.Error e) {
      throw b.boardError(new Message.Fire(planId), fireSeq, e);
    }
    return false; // e.g. a second FIRING from a resent FIRE
  }

  /** Asks the board (REPORT) for every fired step whose STEP_DONE never arrived intact. */
  private void recoverMissing(int planId, int stepsFired, long[] stamps, boolean[] have)
      throws TriggerBoardException {
    int i = 0;
    while (i < stepsFired) {
      if (have[i]) {
        i++;
        continue;
      }
      int count = Math.min(Protocol.MAX_STEPS_PER_LOG, stepsFired - i);
      Message.StepLog log = b.transact(new Message.Report(planId, i, count), Message.StepLog.class);
      if (log.planId() != planId || log.fromStep() != i || log.micros().isEmpty()) {
        throw new TriggerBoardException("trigger board on " + b.port() + " answered REPORT of plan " + planId
            + " steps " + i + "+" + count + " with plan " + log.planId() + " steps " + log.fromStep() + "+"
            + log.micros().size());
      }
      for (long t : log.micros()) {
        stamps[i] = t;
        have[i] = true;
        i++;
      }
    }
  }
}
