package org.dpface.capture.run;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.dpface.capture.board.FireResult;
import org.dpface.capture.board.StepResult;
import org.dpface.capture.board.TriggerBoardException;
import org.dpface.capture.device.DeviceException;
import org.dpface.capture.device.DpCamera;
import org.dpface.capture.device.DpFrame;
import org.dpface.capture.device.FrameTimeoutException;
import org.dpface.capture.session.ConsentException;
import org.dpface.capture.session.PlanStep;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeState;
import org.dpface.capture.storage.FrameSink;
import org.dpface.capture.storage.SessionStore;
import org.dpface.capture.storage.TakeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures one take on a {@link CaptureRig} into a {@link SessionStore}.
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>{@link SessionStore#beginTake} re-checks consent: a refusal throws {@link ConsentException}
 *       before anything is written.
 *   <li>Arm every camera for the schedule's steps, load each projector's patterns, identify the board
 *       (recovers from a reboot between takes) and arm it with the trigger plan.
 *   <li>FIRE; journal the board's result; tell the fire observers (virtual wiring).
 *   <li>Step by step: collect each camera's frame in parallel (bounded pool, per-frame timeout); check
 *       it is the exposure of that step with that step's board timestamp; store the step's frames in
 *       camera order (deterministic journal).
 *   <li>Verify and complete, or fail with a reason naming the camera and step (or the board's error).
 * </ol>
 *
 * A failed take keeps whatever was written; an I/O error while storing (disk full) fails the take and
 * is rethrown, because later takes would fail the same way.
 */
public final class TakeRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TakeRunner.class);

  private final CaptureRig rig;
  private final TakeSchedule schedule;
  private final Duration frameTimeout;
  private final ExecutorService pool;

  /**
   * @param frameTimeout how long to wait for each camera's frame of a step after the board fired
   * @param threads cameras collected (rendered) at once, >= 1
   */
  public TakeRunner(CaptureRig rig, TakeSchedule schedule, Duration frameTimeout, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.rig = rig;
    this.schedule = schedule;
    this.frameTimeout = frameTimeout;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "capture-collect-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    for (String id : schedule.cameraIds()) {
      rig.camera(id);
    }
  }

  /** The schedule every take follows. */
  public TakeSchedule schedule() {
    return schedule;
  }

  /** Captures PLANNED take {@code takeId} as take {@code index} of {@code count}. */
  public Take capture(SessionStore store, String takeId, int index, int count, CaptureListener listener)
      throws IOException, ConsentException {
    TakeWriter writer = store.beginTake(takeId, schedule.expectation());
    Take take = store.session().take(takeId).orElseThrow();
    listener.takeStarted(take, index, count);
    Take done;
    try {
      String problem = fireAndStore(writer, take.id(), n -> listener.fired(take, n),
          (k, n) -> listener.frameStored(take, k, n));
      done = problem == null ? writer.complete() : writer.fail(problem);
    } catch (IOException e) {
      if (!writer.finished()) {
        writer.fail(e.getMessage());
      }
      throw e;
    }
    listener.takeFinished(done, index, count);
    return done;
  }

  /**
   * Runs one take into {@code writer}; returns null if every frame was stored, else why the take failed
   * (the caller completes or fails the take). Shared by subject and calibration takes.
   *
   * @param fired told the number of steps the board fired
   * @param stored told (frame, frames) after each stored frame
   */
  String fireAndStore(FrameSink writer, String takeId, IntConsumer fired, BiConsumer<Integer, Integer> stored)
      throws IOException {
    int steps = schedule.steps().size();
    FireResult fire;
    try {
      for (String id : schedule.cameraIds()) {
        rig.camera(id).arm(steps, schedule.timing().exposureMicros());
      }
      for (Map.Entry<String, List<String>> e : schedule.projectorPatterns().entrySet()) {
        rig.projector(e.getKey()).loadPatterns(e.getValue());
      }
      rig.board().identify();
      rig.board().arm(schedule.triggerPlan());
      fire = rig.board().fire();
    } catch (TriggerBoardException e) {
      return "trigger board: " + e.getMessage();
    } catch (DeviceException e) {
      return "device not ready: " + e.getMessage();
    }
    writer.recordFire(fire);
    for (Consumer<FireResult> o : rig.fireObservers()) {
      o.accept(fire);
    }
    fired.accept(fire.steps().size());
    if (!fire.completed() || fire.steps().size() != steps) {
      return "trigger board fired only " + fire.steps().size() + " of " + steps + " steps (aborted)";
    }
    int storedCount = 0;
    int frames = schedule.frameCount();
    for (int i = 0; i < steps; i++) {
      StepResult s = fire.steps().get(i);
      List<Future<DpFrame>> got = new ArrayList<>();
      for (String id : schedule.cameraIds()) {
        DpCamera cam = rig.camera(id);
        Callable<DpFrame> c = () -> cam.nextFrame(s.boardMicros(), frameTimeout);
        got.add(pool.submit(c));
      }
      List<DpFrame> ok = new ArrayList<>();
      String problem = null;
      for (int c = 0; c < got.size(); c++) {
        String cam = schedule.cameraIds().get(c);
        String p;
        try {
          DpFrame f = got.get(c).get();
          p = check(cam, i, s, f);
          if (p == null) {
            ok.add(f);
          }
        } catch (ExecutionException e) {
          p = describe(cam, i, e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          p = cam + " step " + i + ": interrupted";
        }
        if (problem == null && p != null) {
          problem = p;
        }
      }
      if (problem != null) {
        LOG.warn("take {}: {}", takeId, problem);
        return problem;
      }
      for (DpFrame f : ok) {
        writer.writeFrame(f);
        stored.accept(++storedCount, frames);
      }
    }
    return null;
  }

  private String check(String cam, int step, StepResult s, DpFrame f) {
    String where = cam + " step " + step + " (" + label(step) + ")";
    if (!f.cameraId().equals(cam)) {
      return where + ": frame came from camera " + f.cameraId();
    }
    if (f.stepIndex() != step) {
      return where + ": camera missed the trigger; it delivered the exposure of step " + f.stepIndex();
    }
    if (f.boardMicros() != s.boardMicros()) {
      return where + ": frame carries board time " + f.boardMicros() + " µs, the board fired the step at "
          + s.boardMicros() + " µs";
    }
    return null;
  }

  private String describe(String cam, int step, Throwable cause) {
    String where = cam + " step " + step + " (" + label(step) + ")";
    if (cause instanceof FrameTimeoutException) {
      return where + ": no frame within " + frameTimeout.toMillis() + " ms: " + cause.getMessage();
    }
    return where + ": " + cause.getMessage();
  }

  private String label(int step) {
    List<PlanStep> steps = schedule.steps();
    return step < steps.size() ? steps.get(step).label() : "?";
  }

  /** True if {@code take} ended COMPLETE. */
  static boolean complete(Take take) {
    return take.state() == TakeState.COMPLETE;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
