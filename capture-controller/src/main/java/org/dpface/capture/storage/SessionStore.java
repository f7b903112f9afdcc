package org.dpface.capture.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpface.capture.session.CapturePlan;
import org.dpface.capture.session.ConsentException;
import org.dpface.capture.session.ConsentRecord;
import org.dpface.capture.session.Session;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeSpec;
import org.dpface.capture.session.TakeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One capture session on disk: its folder, its journal, and the state of every take, rebuilt from the
 * journal when the session is reopened (see {@code DESIGN-storage.md}).
 *
 * <p>Opening replays the journal. A take the journal shows started but not finished was interrupted
 * (crash, kill -9, power cut): if its folder already has its final name and a COMPLETE {@code take.json}
 * the rename had happened and it is completed; if it was being failed it is failed; otherwise its
 * {@code .partial} folder is renamed {@code .incomplete}, kept with every frame written so far, and the
 * take becomes {@link TakeState#INCOMPLETE}. The session then continues: later takes are captured as
 * usual and {@link #retake} plans the interrupted one again.
 *
 * <p>Every capture re-checks the subject's consent. One process per session folder; one take at a time.
 */
public final class SessionStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);
  static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path sessionDir;
  private final Volume volume;
  private final SubjectRegistry registry;
  private final Clock clock;
  private final Map<String, TakeLog> takes = new LinkedHashMap<>();
  private Journal journal;
  private String id;
  private String subjectId;
  private String rigId;
  private String calibrationId;
  private String operator;
  private Instant created;
  private CapturePlan plan;
  private int lastTakeNumber;
  private TakeWriter active;

  private SessionStore(Path sessionDir, Volume volume, SubjectRegistry registry, Clock clock) {
    this.sessionDir = sessionDir;
    this.volume = volume;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Creates the next session of {@code request.subjectId()} ({@code <subject>-ses-NN}) with one
   * PLANNED take per plan entry.
   *
   * @throws ConsentException if the subject may not be captured today
   * @throws IOException if the session folder or its files cannot be written
   */
  public static SessionStore create(Path labDir, SubjectRegistry registry, Volume volume, Clock clock,
      SessionRequest request) throws IOException, ConsentException {
    registry.requireConsent(request.subjectId(), ConsentRecord.SCOPE_CAPTURE, today(clock));
    Path sessions = RawLayout.sessionsDir(labDir);
    try {
      volume.createDirectories(sessions);
    } catch (IOException e) {
      throw new IOException("cannot create the sessions folder " + sessions + ": " + describe(e), e);
    }
    int n = 1;
    try (Stream<Path> s = Files.list(sessions)) {
      String prefix = request.subjectId() + "-ses-";
      n += (int) s.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
    }
    String sessionId = String.format("%s-ses-%02d", request.subjectId(), n);
    Path dir = RawLayout.sessionDir(labDir, sessionId);
    if (Files.exists(dir)) {
      throw new IOException(dir + " already exists");
    }
    try {
      volume.createDirectories(dir.resolve("takes"));
    } catch (IOException e) {
      throw new IOException("cannot create session folder " + dir + ": " + describe(e), e);
    }
    SessionStore store = new SessionStore(dir, volume, registry, clock);
    store.id = sessionId;
    store.subjectId = request.subjectId();
    store.rigId = request.rigId();
    store.calibrationId = request.calibrationId();
    store.operator = request.operator();
    store.created = clock.instant();
    store.plan = request.plan();
    store.session(); // validates the operator before anything is journaled
    ObjectNode meta = Events.header(Events.SESSION_FORMAT);
    store.putMeta(meta);
    volume.writeAtomic(RawLayout.sessionSidecar(dir), out -> PRETTY.writeValue(out, meta));
    store.journal = Journal.openForAppend(volume, RawLayout.journal(dir), 0);
    ObjectNode first = Events.event(Events.SESSION, null);
    first.put("format", Events.JOURNAL_FORMAT);
    first.put("version", Events.VERSION);
    store.putMeta(first);
    store.journal.append(first);
    for (TakeSpec spec : request.plan().takes()) {
      store.planTake(spec, 1);
    }
    LOG.info("created session {} for {} ({} takes planned)", sessionId, request.subjectId(),
        request.plan().takes().size());
    return store;
  }

  /** Reopens a session, replaying its journal and recovering an interrupted take. */
  public static SessionStore open(Path labDir, String sessionId, SubjectRegistry registry, Volume volume,
      Clock clock) throws IOException {
    Path dir = RawLayout.sessionDir(labDir, sessionId);
    Path journalFile = RawLayout.journal(dir);
    if (!Files.isRegularFile(journalFile)) {
      throw new IOException("session " + sessionId + " has no journal at " + journalFile);
    }
    Journal.Contents contents = Journal.read(journalFile);
    if (contents.events().isEmpty()) {
      throw new IOException(journalFile + ": journal has no intact session header");
    }
    if (contents.tornTail()) {
      LOG.warn("{}: ignoring a torn last journal line after byte {}", journalFile, contents.validBytes());
    }
    SessionStore store = new SessionStore(dir, volume, registry, clock);
    store.replay(contents.events(), journalFile);
    store.journal = Journal.openForAppend(volume, journalFile, contents.validBytes());
    store.recover();
    return store;
  }

  /** A snapshot of the session and all its takes. */
  public synchronized Session session() {
    List<Take> list = new ArrayList<>();
    takes.values().forEach(l -> list.add(l.take));
    return new Session(id, subjectId, rigId, calibrationId, operator, created, plan, list);
  }

  /** The session folder. */
  public Path sessionDir() {
    return sessionDir;
  }

  /** Where the files of {@code takeId} are now, following its state. */
  public synchronized Path takeDir(String takeId) {
    TakeLog log = log(takeId);
    return RawLayout.takeDir(sessionDir, takeId, suffix(log.take.state()));
  }

  /** The frame records of {@code takeId} from the journal, in write order. */
  public synchronized List<FrameRecord> frames(String takeId) {
    return List.copyOf(log(takeId).frames.values());
  }

  /**
   * Starts capturing PLANNED take {@code takeId} into {@code <take>.partial/}.
   *
   * @throws ConsentException if the subject may no longer be captured (withdrawn, expired)
   * @throws IOException if the journal or the take folder cannot be written; the take is then FAILED
   */
  public synchronized TakeWriter beginTake(String takeId, TakeExpectation expectation)
      throws IOException, ConsentException {
    registry.requireConsent(subjectId, ConsentRecord.SCOPE_CAPTURE, today(clock));
    TakeLog log = log(takeId);
    if (active != null && !active.finished()) {
      throw new IllegalStateException("take " + active.takeId() + " is still capturing");
    }
    if (log.take.state() != TakeState.PLANNED) {
      throw new IllegalStateException("take " + takeId + " is " + log.take.state() + ", not PLANNED; use retake");
    }
    ObjectNode e = Events.event(Events.STARTED, takeId);
    e.put("time", clock.instant().toString());
    ArrayNode cams = e.putArray("cameras");
    expectation.cameraIds().forEach(cams::add);
    e.put("steps", expectation.steps());
    e.put("expectedFrames", expectation.steps() * expectation.cameraIds().size());
    journal.append(e);
    log.take = log.take.with(TakeState.CAPTURING, Optional.empty());
    log.expectedFrames = expectation.steps() * expectation.cameraIds().size();
    Path partial = RawLayout.takeDir(sessionDir, takeId, RawLayout.PARTIAL);
    active = new TakeWriter(this, log, partial, expectation);
    try {
      volume.createDirectories(partial);
    } catch (IOException ex) {
      IOException clear = new IOException("take " + takeId + ": cannot create " + partial + ": " + describe(ex), ex);
      active.fail(clear.getMessage());
      throw clear;
    }
    LOG.info("session {}: capturing {} ({})", id, takeId, log.take.spec().label());
    return active;
  }

  /**
   * Plans a new take of the same spec and marks {@code takeId} SUPERSEDED (its files stay where they are;
   * a stored {@code take.json} is rewritten to say so).
   *
   * @return the new PLANNED take
   */
  public synchronized Take retake(String takeId) throws IOException {
    TakeLog old = log(takeId);
    TakeState s = old.take.state();
    if (s == TakeState.CAPTURING || s == TakeState.SUPERSEDED) {
      throw new IllegalStateException("take " + takeId + " is " + s + " and cannot be retaken");
    }
    Path oldDir = takeDir(takeId);
    Take fresh = planTake(old.take.spec(), old.take.attempt() + 1);
    ObjectNode e = Events.event(Events.SUPERSEDED, takeId);
    e.put("by", fresh.id());
    journal.append(e);
    old.take = new Take(takeId, old.take.spec(), old.take.attempt(), TakeState.SUPERSEDED, old.take.reason(),
        Optional.of(fresh.id()));
    if (Files.isRegularFile(oldDir.resolve(RawLayout.takeSidecar()))) {
      writeTakeSidecar(oldDir, old, null);
    }
    LOG.info("session {}: {} superseded by {}", id, takeId, fresh.id());
    return fresh;
  }

  @Override
  public synchronized void close() throws IOException {
    if (journal != null) {
      journal.close();
    }
  }

  // ------------------------------------------------------------------ used by TakeWriter

  synchronized void append(ObjectNode event) throws IOException {
    journal.append(event);
  }

  Volume volume() {
    return volume;
  }

  Clock clock() {
    return clock;
  }

  String sessionId() {
    return id;
  }

  CapturePlan plan() {
    return plan;
  }

  /** Writes {@code take.json} into {@code dir} atomically. */
  void writeTakeSidecar(Path dir, TakeLog log, TakeExpectation exp) throws IOException {
    ObjectNode o = Events.header(Events.TAKE_FORMAT);
    o.put("session", id);
    o.put("subject", subjectId);
    o.put("take", log.take.id());
    o.put("spec", log.take.spec().label());
    o.put("attempt", log.take.attempt());
    o.put("state", log.take.state().name());
    o.put("reason", log.take.reason().orElse(null));
    o.put("supersededBy", log.take.supersededBy().orElse(null));
    if (log.fireMicros.isPresent()) {
      ObjectNode fire = o.putObject("fire");
      fire.put("fireMicros", log.fireMicros.getAsLong());
      ArrayNode steps = fire.putArray("stepBoardMicros");
      for (long t : log.stepBoardMicros) {
        steps.add(t);
      }
    }
    if (exp != null) {
      ObjectNode x = o.putObject("expected");
      ArrayNode cams = x.putArray("cameras");
      exp.cameraIds().forEach(cams::add);
      x.put("steps", exp.steps());
      x.put("width", exp.resolution().width());
      x.put("height", exp.resolution().height());
      x.put("toleranceMicros", exp.toleranceMicros());
    }
    Events.putSensorBits(o, log.frames.values());
    ArrayNode frames = o.putArray("frames");
    log.frames.values().forEach(r -> Events.putFrame(frames.addObject(), r));
    volume.writeAtomic(dir.resolve(RawLayout.takeSidecar()), out -> PRETTY.writeValue(out, o));
  }

  static String suffix(TakeState state) {
    return switch (state) {
      case CAPTURING, PLANNED -> RawLayout.PARTIAL;
      case FAILED -> RawLayout.FAILED;
      case INCOMPLETE -> RawLayout.INCOMPLETE;
      case COMPLETE, SUPERSEDED -> "";
    };
  }

  static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }

  // ------------------------------------------------------------------ internals

  private static LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private TakeLog log(String takeId) {
    TakeLog log = takes.get(takeId);
    if (log == null) {
      throw new IllegalArgumentException("session " + id + " has no take " + takeId);
    }
    return log;
  }

  private Take planTake(TakeSpec spec, int attempt) throws IOException {
    String takeId = String.format("take-%04d", lastTakeNumber + 1);
    ObjectNode e = Events.event(Events.PLANNED, takeId);
    e.put("spec", spec.label());
    e.put("attempt", attempt);
    journal.append(e);
    lastTakeNumber++;
    Take t = new Take(takeId, spec, attempt, TakeState.PLANNED, Optional.empty(), Optional.empty());
    takes.put(takeId, new TakeLog(t));
    return t;
  }

  private void putMeta(ObjectNode o) {
    o.put("session", id);
    o.put("subject", subjectId);
    o.put("rig", rigId);
    o.put("calibration", calibrationId);
    o.put("operator", operator);
    o.put("created", created.toString());
    o.set("plan", Events.plan(plan));
  }

  private void replay(List<ObjectNode> events, Path file) throws IOException {
    ObjectNode head = events.get(0);
    if (!Events.SESSION.equals(head.path("event").asText())
        || !Events.JOURNAL_FORMAT.equals(head.path("format").asText())
        || head.path("version").asInt() != Events.VERSION) {
      throw new IOException(file + ": first line is not a " + Events.JOURNAL_FORMAT + " version "
          + Events.VERSION + " session header");
    }
    id = head.path("session").asText();
    subjectId = head.path("subject").asText();
    rigId = head.path("rig").asText();
    calibrationId = head.path("calibration").asText();
    operator = head.path("operator").asText();
    created = Instant.parse(head.path("created").asText());
    plan = Events.plan(head.path("plan"));
    for (int i = 1; i < events.size(); i++) {
      SessionReplay.apply(events.get(i), takes);
    }
    lastTakeNumber = takes.size();
  }

  private void recover() throws IOException {
    for (TakeLog log : takes.values()) {
      if (log.take.state() == TakeState.CAPTURING) {
        try {
          SessionReplay.recoverInterrupted(this, log);
        } catch (IOException e) {
          // The take keeps its recovered state in memory; the next open recovers it again.
          LOG.warn("session {}: could not record the recovery of {}: {}", id, log.take.id(), describe(e));
        }
      }
    }
  }

  /** Sets a recovered take's state and journals it (used by {@link SessionReplay}). */
  void journalOutcome(TakeLog log, TakeState state, String reason) throws IOException {
    String type = switch (state) {
      case COMPLETE -> Events.COMPLETED;
      case FAILED -> Events.FAILED;
      default -> Events.INTERRUPTED;
    };
    ObjectNode e = Events.event(type, log.take.id());
    if (reason != null) {
      e.put("reason", reason);
    }
    log.take = log.take.with(state, Optional.ofNullable(reason));
    journal.append(e);
  }

  static JsonNode readJson(Path file) throws IOException {
    return PRETTY.readTree(file.toFile());
  }
}
