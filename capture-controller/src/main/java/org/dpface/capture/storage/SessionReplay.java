package org.dpface.capture.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeSpec;
import org.dpface.capture.session.TakeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Journal replay and crash recovery for {@link SessionStore} (package-private). */
final class SessionReplay {
  private static final Logger LOG = LoggerFactory.getLogger(SessionReplay.class);

  private SessionReplay() {}

  /** Applies one journal event (after the header) to the take map. */
  static void apply(ObjectNode e, Map<String, TakeLog> takes) throws IOException {
    String type = e.path("event").asText();
    String takeId = e.path("take").asText();
    if (Events.PLANNED.equals(type)) {
      takes.put(takeId, new TakeLog(new Take(takeId, TakeSpec.parse(e.path("spec").asText()),
          e.path("attempt").asInt(1), TakeState.PLANNED, Optional.empty(), Optional.empty())));
      return;
    }
    TakeLog log = takes.get(takeId);
    if (log == null) {
      throw new IOException("journal event " + type + " names unknown take " + takeId);
    }
    switch (type) {
      case Events.STARTED -> {
        log.take = log.take.with(TakeState.CAPTURING, Optional.empty());
        log.frames.clear();
        log.expectedFrames = e.path("expectedFrames").asInt(-1);
      }
      case Events.FIRED -> {
        log.fireMicros = OptionalLong.of(e.path("fireMicros").asLong());
        JsonNode steps = e.path("stepBoardMicros");
        log.stepBoardMicros = new long[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
          log.stepBoardMicros[i] = steps.get(i).asLong();
        }
      }
      case Events.FRAME -> {
        FrameRecord r = Events.frame(e);
        log.frames.put(r.key(), r);
      }
      case Events.COMPLETED -> log.take = log.take.with(TakeState.COMPLETE, Optional.empty());
      case Events.FAILED -> log.take = log.take.with(TakeState.FAILED, Events.text(e, "reason"));
      case Events.INTERRUPTED -> log.take = log.take.with(TakeState.INCOMPLETE, Events.text(e, "reason"));
      case Events.SUPERSEDED -> log.take = new Take(takeId, log.take.spec(), log.take.attempt(),
          TakeState.SUPERSEDED, log.take.reason(), Events.text(e, "by"));
      default -> throw new IOException("unknown journal event '" + type + "'");
    }
  }

  /**
   * Settles a take the journal left CAPTURING: finished-but-not-journaled outcomes are journaled,
   * anything else becomes INCOMPLETE in {@code <take>.incomplete/}.
   */
  static void recoverInterrupted(SessionStore store, TakeLog log) throws IOException {
    Path sessionDir = store.sessionDir();
    String takeId = log.take.id();
    Path done = RawLayout.takeDir(sessionDir, takeId, "");
    Path failed = RawLayout.takeDir(sessionDir, takeId, RawLayout.FAILED);
    Path partial = RawLayout.takeDir(sessionDir, takeId, RawLayout.PARTIAL);
    Path incomplete = RawLayout.takeDir(sessionDir, takeId, RawLayout.INCOMPLETE);
    // The final name and a COMPLETE sidecar exist only after verification passed.
    Optional<JsonNode> doneSidecar = sidecar(done);
    if (doneSidecar.isPresent() && "COMPLETE".equals(doneSidecar.get().path("state").asText())) {
      LOG.info("session {}: {} was verified and renamed before the crash; marking it complete",
          store.sessionId(), takeId);
      store.journalOutcome(log, TakeState.COMPLETE, null);
      return;
    }
    Optional<JsonNode> failedSidecar = sidecar(failed);
    if (failedSidecar.isPresent()) {
      store.journalOutcome(log, TakeState.FAILED, failedSidecar.get().path("reason").asText("failed"));
      return;
    }
    Path found = Files.isDirectory(partial) ? partial : Files.isDirectory(failed) ? failed : null;
    String reason = "interrupted mid-take: " + log.frames.size() + " of "
        + (log.expectedFrames < 0 ? "?" : Integer.toString(log.expectedFrames)) + " frames written";
    log.take = log.take.with(TakeState.INCOMPLETE, Optional.of(reason));
    if (found != null) {
      removeTempFiles(found);
      store.volume().moveAtomic(found, incomplete);
    } else {
      store.volume().createDirectories(incomplete);
    }
    store.writeTakeSidecar(incomplete, log, null);
    LOG.warn("session {}: {} {}; kept in {}", store.sessionId(), takeId, reason, incomplete);
    store.journalOutcome(log, TakeState.INCOMPLETE, reason);
  }

  private static Optional<JsonNode> sidecar(Path dir) {
    Path f = dir.resolve(RawLayout.takeSidecar());
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SessionStore.readJson(f));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Deletes the hidden temp files an atomic write leaves behind when killed; they never hold a frame. */
  private static void removeTempFiles(Path dir) throws IOException {
    List<Path> temps;
    try (Stream<Path> s = Files.list(dir)) {
      temps = s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(".") && n.endsWith(".tmp");
      }).toList();
    }
    for (Path p : temps) {
      Files.deleteIfExists(p);
    }
  }
}
