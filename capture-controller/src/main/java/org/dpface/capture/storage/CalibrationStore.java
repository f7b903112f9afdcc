package org.dpface.capture.storage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.dpface.capture.session.CalibrationTarget;
import org.dpface.capture.session.PlanStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One calibration session on disk: {@code lab/calibration/cal-YYYYMMDD-NN/} with a {@code
 * calibration-session.json} and its takes under {@code takes/} (layout in {@code DESIGN-storage.md}).
 * Kept apart from subject sessions: a calibration take shows a board or a plane, never a person, so it
 * has no subject, no consent check and no place in the subject registry or its erasure.
 *
 * <p>Takes are written like subject takes (frames into {@code take-NNNN.partial/}, verified, renamed) by
 * {@link CalibrationTakeWriter}; there is no journal: a take is either renamed to its final name after
 * verification or it is not a take. Reopening a session renames a {@code .partial} folder left by a crash
 * to {@code .incomplete} (kept, never read).
 */
public final class CalibrationStore {
  static final String SESSION_FORMAT = "dpface-calibration-session";
  static final String TAKE_FORMAT = "dpface-calibration-take";
  private static final Logger LOG = LoggerFactory.getLogger(CalibrationStore.class);

  private final Path dir;
  private final String id;
  private final Volume volume;
  private final Clock clock;
  private CalibrationTakeWriter active;

  private CalibrationStore(Path dir, Volume volume, Clock clock) {
    this.dir = dir;
    this.id = dir.getFileName().toString();
    this.volume = volume;
    this.clock = clock;
  }

  /**
   * Creates the next calibration session of today ({@code cal-YYYYMMDD-NN}) under {@code labDir}.
   *
   * @param rigId the rig description's id
   * @param operator operator initials or pseudonym, 1 to 8 letters or digits
   */
  public static CalibrationStore create(Path labDir, String rigId, String operator, Volume volume, Clock clock)
      throws IOException {
    if (operator == null || !operator.matches("[A-Za-z0-9]{1,8}")) {
      throw new IllegalArgumentException("operator must be 1-8 letters or digits (initials, no names), got "
          + operator);
    }
    Path root = RawLayout.calibrationDir(labDir);
    volume.createDirectories(root);
    String prefix = "cal-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE)
        + "-";
    int n = 1;
    try (Stream<Path> s = Files.list(root)) {
      n += (int) s.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
    }
    Path dir = root.resolve(String.format("%s%02d", prefix, n));
    if (Files.exists(dir)) {
      throw new IOException(dir + " already exists");
    }
    volume.createDirectories(RawLayout.takesDir(dir));
    CalibrationStore store = new CalibrationStore(dir, volume, clock);
    ObjectNode meta = Events.header(SESSION_FORMAT);
    meta.put("session", store.id);
    meta.put("kind", "calibration");
    meta.put("rig", rigId);
    meta.put("operator", operator);
    meta.put("created", clock.instant().toString());
    volume.writeAtomic(RawLayout.calibrationSessionSidecar(dir), out -> SessionStore.PRETTY.writeValue(out, meta));
    LOG.info("created calibration session {}", store.id);
    return store;
  }

  /**
   * Reopens a calibration session folder; a {@code .partial} take left by a crash becomes {@code .incomplete}.
   *
   * @throws IOException if {@code sessionDir} has no {@code calibration-session.json} of this format
   */
  public static CalibrationStore open(Path sessionDir, Volume volume, Clock clock) throws IOException {
    Path sidecar = RawLayout.calibrationSessionSidecar(sessionDir);
    if (!Files.isRegularFile(sidecar)) {
      throw new IOException(sessionDir + " is not a calibration session (no " + sidecar.getFileName() + ")");
    }
    TakeFolders.readJson(sidecar, SESSION_FORMAT);
    CalibrationStore store = new CalibrationStore(sessionDir, volume, clock);
    for (Path p : store.takeFolders()) {
      String name = p.getFileName().toString();
      if (name.endsWith(RawLayout.PARTIAL)) {
        Path to = p.resolveSibling(name.substring(0, name.length() - RawLayout.PARTIAL.length()) + RawLayout.INCOMPLETE);
        volume.moveAtomic(p, to);
        LOG.warn("calibration session {}: {} was interrupted, kept as {}", store.id, name, to.getFileName());
      }
    }
    return store;
  }

  /** The session id, e.g. {@code cal-20260521-01}. */
  public String id() {
    return id;
  }

  /** The session folder. */
  public Path dir() {
    return dir;
  }

  /**
   * Starts the next take ({@code take-NNNN}, numbered after every take folder already there, whatever its
   * state) into {@code take-NNNN.partial/}.
   *
   * @param steps the schedule's steps (their labels go into the frame sidecars)
   */
  public synchronized CalibrationTakeWriter beginTake(CalibrationTarget target, TakeExpectation expectation,
      List<PlanStep> steps) throws IOException {
    if (active != null && !active.finished()) {
      throw new IllegalStateException("calibration take " + active.takeId() + " is still capturing");
    }
    if (steps.size() != expectation.steps()) {
      throw new IllegalArgumentException(steps.size() + " step labels for " + expectation.steps() + " trigger steps");
    }
    String takeId = String.format("take-%04d", takeFolders().size() + 1);
    Path partial = RawLayout.takeDir(dir, takeId, RawLayout.PARTIAL);
    volume.createDirectories(partial);
    active = new CalibrationTakeWriter(this, takeId, target, partial, expectation, steps);
    LOG.info("calibration session {}: capturing {} ({}, {})", id, takeId, target.label(), target.target());
    return active;
  }

  /** Every COMPLETE take of this session, in take order. */
  public List<StoredCalibrationTake> completeTakes() throws IOException {
    return StoredCalibrationTake.inSession(dir);
  }

  Volume volume() {
    return volume;
  }

  Clock clock() {
    return clock;
  }

  /** Writes a calibration take's {@code take.json} into {@code takeDir} atomically. */
  void writeTakeSidecar(Path takeDir, CalibrationTakeWriter w, String state, String reason) throws IOException {
    ObjectNode o = Events.header(TAKE_FORMAT);
    o.put("session", id);
    o.put("kind", "calibration");
    o.put("take", w.takeId());
    o.put("label", w.target().label());
    o.put("purpose", w.target().purpose().label());
    o.put("target", w.target().target());
    o.put("state", state);
    o.put("reason", reason);
    o.put("captured", Instant.now(clock).toString());
    ObjectNode x = o.putObject("expected");
    ArrayNode cams = x.putArray("cameras");
    w.expectation().cameraIds().forEach(cams::add);
    x.put("steps", w.expectation().steps());
    x.put("width", w.expectation().resolution().width());
    x.put("height", w.expectation().resolution().height());
    x.put("toleranceMicros", w.expectation().toleranceMicros());
    ArrayNode labels = o.putArray("stepLabels");
    w.steps().forEach(s -> labels.add(s.label()));
    if (w.fireMicros().isPresent()) {
      o.put("fireMicros", w.fireMicros().getAsLong());
    }
    ArrayNode frames = o.putArray("frames");
    w.frames().values().forEach(r -> Events.putFrame(frames.addObject(), r));
    Events.putSensorBits(o, w.frames().values());
    volume.writeAtomic(takeDir.resolve(RawLayout.takeSidecar()), out -> SessionStore.PRETTY.writeValue(out, o));
  }

  private List<Path> takeFolders() throws IOException {
    Path takes = RawLayout.takesDir(dir);
    if (!Files.isDirectory(takes)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(takes)) {
      return s.filter(p -> p.getFileName().toString().startsWith("take-")).sorted().toList();
    }
  }
}
