package org.dpface.capture.storage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.dpface.capture.board.FireResult;
import org.dpface.capture.board.StepResult;
import org.dpface.capture.device.DpFrame;
import org.dpface.capture.session.PlanStep;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one take: frames go into {@code <take>.partial/}, each PNG and sidecar atomically, each
 * followed by a journal line with its SHA-256. {@link #complete()} verifies the take
 * ({@link TakeVerifier}) and renames the folder to its final name, or to {@code <take>.failed/} with
 * the reason. An I/O error while writing a frame (disk full, folder gone) fails the take at once with
 * that error as the reason; frames already written stay on disk untouched.
 */
public final class TakeWriter implements FrameSink {
  private static final Logger LOG = LoggerFactory.getLogger(TakeWriter.class);
  private static final int MAX_REASONS = 5;

  private final SessionStore store;
  private final TakeLog log;
  private final Path partial;
  private final TakeExpectation expectation;
  private final List<PlanStep> planSteps;

  TakeWriter(SessionStore store, TakeLog log, Path partial, TakeExpectation expectation) {
    this.store = store;
    this.log = log;
    this.partial = partial;
    this.expectation = expectation;
    List<PlanStep> steps = store.plan().steps();
    this.planSteps = steps.size() == expectation.steps() ? steps : List.of();
  }

  /** The take being written. */
  public String takeId() {
    return log.take.id();
  }

  /** The folder frames are written to. */
  public Path partialDir() {
    return partial;
  }

  /** True once completed or failed. */
  public boolean finished() {
    return log.take.state() != TakeState.CAPTURING;
  }

  @Override
  public synchronized void recordFire(FireResult fire) throws IOException {
    checkCapturing();
    ObjectNode e = Events.event(Events.FIRED, takeId());
    e.put("planId", fire.planId());
    e.put("fireMicros", fire.fireMicros());
    e.put("completed", fire.completed());
    ArrayNode steps = e.putArray("stepBoardMicros");
    long[] board = new long[fire.steps().size()];
    for (int i = 0; i < board.length; i++) {
      StepResult s = fire.steps().get(i);
      board[i] = s.boardMicros();
      steps.add(s.boardMicros());
    }
    store.append(e);
    log.fireMicros = OptionalLong.of(fire.fireMicros());
    log.stepBoardMicros = board;
  }

  /**
   * Stores one DP frame: left and right PNG, then its sidecar, then the journal line.
   *
   * @throws IOException naming the take, frame and cause; the take is then FAILED
   */
  @Override
  public synchronized FrameRecord writeFrame(DpFrame frame) throws IOException {
    checkCapturing();
    String cam = frame.cameraId();
    int step = frame.stepIndex();
    String key = RawLayout.frameStem(cam, step);
    if (log.frames.containsKey(key)) {
      throw new IllegalArgumentException("take " + takeId() + " already has frame " + key);
    }
    try {
      Path left = partial.resolve(RawLayout.leftPng(cam, step));
      Path right = partial.resolve(RawLayout.rightPng(cam, step));
      FileDigest leftFile = store.volume().writePng(left, frame.left());
      FileDigest rightFile = store.volume().writePng(right, frame.right());
      FrameRecord r = new FrameRecord(cam, step, frame.exposureMicros(), frame.boardMicros(),
          frame.hostTime().toString(), leftFile.sha256(), rightFile.sha256(), leftFile.bytes() + rightFile.bytes(),
          frame.sensorBits());
      ObjectNode side = Events.header(Events.FRAME_FORMAT);
      side.put("session", store.sessionId());
      side.put("take", takeId());
      side.put("stepLabel", step < planSteps.size() ? planSteps.get(step).label() : null);
      Events.putFrame(side, r);
      store.volume().writeAtomicFolderSyncedLater(partial.resolve(RawLayout.frameSidecar(cam, step)),
          out -> SessionStore.PRETTY.writeValue(out, side));
      ObjectNode e = Events.event(Events.FRAME, takeId());
      Events.putFrame(e, r);
      store.append(e);
      log.frames.put(key, r);
      return r;
    } catch (IOException ex) {
      String reason = "writing frame " + key + " failed: " + SessionStore.describe(ex);
      fail(reason);
      throw new IOException("take " + takeId() + ": " + reason + "; the take is FAILED, frames written "
          + "before it are kept in " + RawLayout.takeDir(store.sessionDir(), takeId(), RawLayout.FAILED), ex);
    }
  }

  /**
   * Verifies the take; on success writes {@code take.json} and renames the folder to its final name
   * (COMPLETE), otherwise fails it with the verification problems as the reason.
   *
   * @return the take in its final state
   */
  public synchronized Take complete() throws IOException {
    checkCapturing();
    List<String> problems = TakeVerifier.verify(partial, expectation, log.frames, log.fireMicros);
    if (!problems.isEmpty()) {
      String reason = "verification failed: " + String.join("; ", problems.subList(0,
          Math.min(MAX_REASONS, problems.size())))
          + (problems.size() > MAX_REASONS ? "; and " + (problems.size() - MAX_REASONS) + " more" : "");
      return fail(reason);
    }
    Take before = log.take;
    log.take = log.take.with(TakeState.COMPLETE, Optional.empty());
    Path done = RawLayout.takeDir(store.sessionDir(), takeId(), "");
    try {
      store.writeTakeSidecar(partial, log, expectation);
      store.volume().moveAtomic(partial, done);
    } catch (IOException ex) {
      log.take = before;
      fail("storing the verified take failed: " + SessionStore.describe(ex));
      throw new IOException("take " + takeId() + ": cannot finish: " + SessionStore.describe(ex), ex);
    }
    store.append(Events.event(Events.COMPLETED, takeId()));
    LOG.info("take {} complete: {} frames", takeId(), log.frames.size());
    return log.take;
  }

  /**
   * Fails the take with {@code reason}: writes {@code take.json} (best effort), renames the folder to
   * {@code <take>.failed/}, journals the failure. Files already written are kept.
   */
  public synchronized Take fail(String reason) {
    if (finished()) {
      return log.take;
    }
    log.take = log.take.with(TakeState.FAILED, Optional.of(reason));
    LOG.warn("take {} failed: {}", takeId(), reason);
    Path failed = RawLayout.takeDir(store.sessionDir(), takeId(), RawLayout.FAILED);
    try {
      if (Files.isDirectory(partial)) {
        try {
          store.writeTakeSidecar(partial, log, expectation);
        } catch (IOException e) {
          LOG.warn("take {}: no take.json for the failed take: {}", takeId(), SessionStore.describe(e));
        }
        store.volume().moveAtomic(partial, failed);
      }
      ObjectNode e = Events.event(Events.FAILED, takeId());
      e.put("reason", reason);
      store.append(e);
    } catch (IOException e) {
      // The journal still says CAPTURING: reopening the session settles the take from what is on disk.
      LOG.warn("take {}: could not record the failure: {}", takeId(), SessionStore.describe(e));
    }
    return log.take;
  }

  private void checkCapturing() {
    if (finished()) {
      throw new IllegalStateException("take " + takeId() + " is already " + log.take.state());
    }
  }
}
