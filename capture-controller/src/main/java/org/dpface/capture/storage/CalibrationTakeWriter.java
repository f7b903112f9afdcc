package org.dpface.capture.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.dpface.capture.board.FireResult;
import org.dpface.capture.device.DpFrame;
import org.dpface.capture.session.CalibrationTarget;
import org.dpface.capture.session.PlanStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one calibration take: frames (left and right PNG, then the sidecar, each atomic) into {@code
 * take-NNNN.partial/}; {@link #complete()} verifies the take with {@link TakeVerifier} (the same checks as
 * a subject take) and renames it to its final name, otherwise to {@code .failed} with the reasons.
 */
public final class CalibrationTakeWriter implements FrameSink {
  private static final Logger LOG = LoggerFactory.getLogger(CalibrationTakeWriter.class);
  private static final int MAX_REASONS = 5;

  private final CalibrationStore store;
  private final String takeId;
  private final CalibrationTarget target;
  private final Path partial;
  private final TakeExpectation expectation;
  private final List<PlanStep> steps;
  private final Map<String, FrameRecord> frames = new LinkedHashMap<>();
  private OptionalLong fireMicros = OptionalLong.empty();
  private boolean finished;

  CalibrationTakeWriter(CalibrationStore store, String takeId, CalibrationTarget target, Path partial,
      TakeExpectation expectation, List<PlanStep> steps) {
    this.store = store;
    this.takeId = takeId;
    this.target = target;
    this.partial = partial;
    this.expectation = expectation;
    this.steps = List.copyOf(steps);
  }

  /** The take id, e.g. {@code take-0003}. */
  public String takeId() {
    return takeId;
  }

  /** What the take captures. */
  public CalibrationTarget target() {
    return target;
  }

  /** True once completed or failed. */
  public synchronized boolean finished() {
    return finished;
  }

  TakeExpectation expectation() {
    return expectation;
  }

  List<PlanStep> steps() {
    return steps;
  }

  OptionalLong fireMicros() {
    return fireMicros;
  }

  Map<String, FrameRecord> frames() {
    return frames;
  }

  @Override
  public synchronized void recordFire(FireResult fire) {
    checkCapturing();
    fireMicros = OptionalLong.of(fire.fireMicros());
  }

  @Override
  public synchronized FrameRecord writeFrame(DpFrame frame) throws IOException {
    checkCapturing();
    String cam = frame.cameraId();
    int step = frame.stepIndex();
    String key = RawLayout.frameStem(cam, step);
    if (frames.containsKey(key)) {
      throw new IllegalArgumentException("calibration take " + takeId + " already has frame " + key);
    }
    try {
      FileDigest l = store.volume().writePng(partial.resolve(RawLayout.leftPng(cam, step)), frame.left());
      FileDigest r = store.volume().writePng(partial.resolve(RawLayout.rightPng(cam, step)), frame.right());
      FrameRecord rec = new FrameRecord(cam, step, frame.exposureMicros(), frame.boardMicros(),
          frame.hostTime().toString(), l.sha256(), r.sha256(), l.bytes() + r.bytes(), frame.sensorBits());
      ObjectNode side = Events.header(Events.FRAME_FORMAT);
      side.put("session", store.id());
      side.put("take", takeId);
      side.put("stepLabel", step < steps.size() ? steps.get(step).label() : null);
      Events.putFrame(side, rec);
      store.volume().writeAtomicFolderSyncedLater(partial.resolve(RawLayout.frameSidecar(cam, step)),
          out -> SessionStore.PRETTY.writeValue(out, side));
      frames.put(key, rec);
      return rec;
    } catch (IOException ex) {
      String reason = "writing frame " + key + " failed: " + SessionStore.describe(ex);
      fail(reason);
      throw new IOException("calibration take " + takeId + ": " + reason, ex);
    }
  }

  /**
   * Verifies the take; on success writes {@code take.json}, renames the folder to its final name and
   * returns the stored take, otherwise fails it (see {@link #fail}) and returns null.
   */
  public synchronized StoredCalibrationTake complete() throws IOException {
    checkCapturing();
    List<String> problems = TakeVerifier.verify(partial, expectation, frames, fireMicros);
    if (!problems.isEmpty()) {
      fail("verification failed: " + String.join("; ", problems.subList(0, Math.min(MAX_REASONS, problems.size())))
          + (problems.size() > MAX_REASONS ? "; and " + (problems.size() - MAX_REASONS) + " more" : ""));
      return null;
    }
    Path done = RawLayout.takeDir(store.dir(), takeId, "");
    store.writeTakeSidecar(partial, this, "COMPLETE", null);
    store.volume().moveAtomic(partial, done);
    finished = true;
    LOG.info("calibration take {} ({}) complete: {} frames", takeId, target.label(), frames.size());
    return StoredCalibrationTake.read(done);
  }

  /**
   * Fails the take with {@code reason}: writes {@code take.json} (best effort) and renames the folder to
   * {@code take-NNNN.failed/}; frames already written are kept.
   */
  public synchronized void fail(String reason) {
    if (finished) {
      return;
    }
    finished = true;
    LOG.warn("calibration take {} ({}) failed: {}", takeId, target.label(), reason);
    try {
      if (Files.isDirectory(partial)) {
        store.writeTakeSidecar(partial, this, "FAILED", reason);
        store.volume().moveAtomic(partial, RawLayout.takeDir(store.dir(), takeId, RawLayout.FAILED));
      }
    } catch (IOException e) {
      LOG.warn("calibration take {}: could not record the failure: {}", takeId, SessionStore.describe(e));
    }
  }

  private void checkCapturing() {
    if (finished) {
      throw new IllegalStateException("calibration take " + takeId + " is already finished");
    }
  }
}
