package org.dpface.capture.run;

import java.io.IOException;
import org.dpface.capture.session.CalibrationTarget;
import org.dpface.capture.storage.CalibrationStore;
import org.dpface.capture.storage.CalibrationTakeWriter;
import org.dpface.capture.storage.StoredCalibrationTake;

/**
 * Captures calibration takes ({@link TriggerPlans#buildCalibration}: the SL sequence, then a flat-lit
 * step) on a {@link CaptureRig} into a {@link CalibrationStore}, with the same trigger, collection and
 * verification as a subject take ({@link TakeRunner}). No consent check: a calibration take shows a target,
 * not a person. The operator moves the target between takes; a virtual rig's frame source is told the next
 * target pose before each take.
 */
public final class CalibrationRunner {
  /** Progress of a calibration capture. */
  public interface Listener {
    /** Take {@code index} (1-based) of {@code count} finished: stored, or failed with {@code problem}. */
    void takeFinished(CalibrationTarget target, int index, int count, StoredCalibrationTake stored, String problem);
  }

  private final TakeRunner runner;

  /** @param runner a runner whose schedule came from {@link TriggerPlans#buildCalibration} */
  public CalibrationRunner(TakeRunner runner) {
    this.runner = runner;
  }

  /**
   * Captures one calibration take of {@code target}.
   *
   * @return the stored take, or null when it failed (the reason is logged, written to its {@code take.json}
   *     and passed to {@code listener})
   * @throws IOException when storing failed (disk full): later takes would fail the same way
   */
  public StoredCalibrationTake capture(CalibrationStore store, CalibrationTarget target, int index, int count,
      Listener listener) throws IOException {
    TakeSchedule schedule = runner.schedule();
    CalibrationTakeWriter writer = store.beginTake(target, schedule.expectation(), schedule.steps());
    StoredCalibrationTake done = null;
    String problem;
    try {
      problem = runner.fireAndStore(writer, writer.takeId(), n -> { }, (k, n) -> { });
      if (problem == null) {
        done = writer.complete();
        if (done == null) {
          problem = "verification failed (see " + writer.takeId() + ".failed/take.json)";
        }
      } else {
        writer.fail(problem);
      }
    } catch (IOException e) {
      writer.fail(e.getMessage());
      throw e;
    }
    listener.takeFinished(target, index, count, done, problem);
    return done;
  }
}
