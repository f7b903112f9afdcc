package org.dpface.capture.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.dpface.capture.session.ConsentException;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.session.TakeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFaultTest {
  @TempDir Path lab;

  /** SHA-256 of every file of the complete take, by name. */
  private static Map<String, String> hashes(SessionStore store, String takeId) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (var files = Files.list(store.takeDir(takeId))) {
      for (Path p : files.toList()) {
        out.put(p.getFileName().toString(), TakeVerifier.sha256(p));
      }
    }
    return out;
  }

  @Test
  void diskFullMidTakeFailsClearlyAndLosesNothing() throws Exception {
    QuotaVolume volume = new QuotaVolume(Long.MAX_VALUE);
    Map<String, String> before;
    try (SessionStore store = Fixtures.newSession(lab, volume)) {
      Fixtures.writeAll(store, "take-0001", 1).complete();
      before = hashes(store, "take-0001");
      volume.setRemaining(volume.remaining() > 0 ? 700 : 0); // room for about one PNG, not a whole frame
      TakeWriter w = store.beginTake("take-0002", Fixtures.expectation());
      w.recordFire(Fixtures.fire());
      IOException e = assertThrows(IOException.class, () -> {
        for (int step = 0; step < 3; step++) {
          for (String cam : Fixtures.CAMERAS) {
            w.writeFrame(Fixtures.frame(cam, step, 2));
          }
        }
      });
      assertTrue(e.getMessage().startsWith("take take-0002: writing frame cam0_s000 failed"), e.getMessage());
      assertTrue(e.getMessage().contains(QuotaVolume.NO_SPACE), e.getMessage());
      assertEquals(TakeState.FAILED, store.session().take("take-0002").orElseThrow().state());
      assertEquals(before, hashes(store, "take-0001"));
    }
    // Space freed: the session reopens with the complete take intact and the failed one settled.
    volume.setRemaining(Long.MAX_VALUE);
    try (SessionStore store = SessionStore.open(lab, "sub-0001-ses-01", SubjectRegistry.open(lab), volume,
        Fixtures.CLOCK)) {
      assertEquals(TakeState.COMPLETE, store.session().take("take-0001").orElseThrow().state());
      TakeState s2 = store.session().take("take-0002").orElseThrow().state();
      assertTrue(s2 == TakeState.FAILED || s2 == TakeState.INCOMPLETE, s2.toString());
      assertEquals(before, hashes(store, "take-0001"));
      assertEquals(TakeState.COMPLETE, Fixtures.writeAll(store, "take-0003", 3).complete().state());
    }
  }

  @Test
  void diskFullAtSeveralPointsOfATakeNeverCorruptsTheSession() throws Exception {
    // Measure what one take writes, then let the disk fill at 0, 1/4, 1/2 and 3/4 of it (and, per
    // budget, at whichever PNG, sidecar or journal line that byte falls in): reopening always works
    // and the first take is untouched.
    QuotaVolume probe = new QuotaVolume(Long.MAX_VALUE);
    long takeBytes;
    try (SessionStore other = Fixtures.newSession(lab.resolve("probe"), probe)) {
      long start = probe.remaining();
      Fixtures.writeAll(other, "take-0001", 1).complete();
      takeBytes = start - probe.remaining();
    }
    assertTrue(takeBytes > 0);
    for (long budget = 0; budget < takeBytes; budget += takeBytes / 4) {
      Path l = lab.resolve("b" + budget);
      QuotaVolume v = new QuotaVolume(Long.MAX_VALUE);
      try (SessionStore store = Fixtures.newSession(l, v)) {
        Fixtures.writeAll(store, "take-0001", 1).complete();
        v.setRemaining(budget);
        try {
          Fixtures.writeAll(store, "take-0002", 2).complete();
        } catch (IOException expected) {
          assertTrue(expected.getMessage().contains(QuotaVolume.NO_SPACE), expected.getMessage());
        }
      }
      try (SessionStore store = SessionStore.open(l, "sub-0001-ses-01", SubjectRegistry.open(l),
          LocalVolume.INSTANCE, Fixtures.CLOCK)) {
        assertEquals(TakeState.COMPLETE, store.session().take("take-0001").orElseThrow().state());
        assertFalse(store.session().take("take-0002").orElseThrow().state() == TakeState.CAPTURING);
        for (FrameRecord r : store.frames("take-0001")) {
          assertEquals(r.leftSha256(), TakeVerifier.sha256(
              store.takeDir("take-0001").resolve(RawLayout.leftPng(r.cameraId(), r.step()))));
        }
      }
    }
  }

  @Test
  void takeFolderThatCannotBeCreatedFailsTheTakeClearly() throws Exception {
    try (SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE)) {
      Fixtures.writeAll(store, "take-0001", 1).complete();
      Map<String, String> before = hashes(store, "take-0001");
      // A plain file where the take folder should go: no user, root included, can create it.
      Files.writeString(RawLayout.takeDir(store.sessionDir(), "take-0002", RawLayout.PARTIAL), "in the way");
      IOException e = assertThrows(IOException.class, () -> store.beginTake("take-0002", Fixtures.expectation()));
      assertTrue(e.getMessage().startsWith("take take-0002: cannot create "), e.getMessage());
      assertEquals(TakeState.FAILED, store.session().take("take-0002").orElseThrow().state());
      assertEquals(before, hashes(store, "take-0001"));
      assertEquals(TakeState.COMPLETE, Fixtures.writeAll(store, "take-0003", 3).complete().state());
    }
  }

  @Test
  void sessionsFolderThatCannotBeCreatedIsAClearError() throws Exception {
    SubjectRegistry reg = SubjectRegistry.open(lab);
    reg.add(Fixtures.consent());
    Files.writeString(RawLayout.sessionsDir(lab), "not a folder");
    IOException e = assertThrows(IOException.class, () -> Fixtures.newSession(lab, LocalVolume.INSTANCE));
    assertTrue(e.getMessage().startsWith("cannot create the sessions folder "), e.getMessage());
  }

  @Test
  void readOnlySessionFolderFailsTheTakeAndKeepsEarlierOnes() throws Exception {
    try (SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE)) {
      Fixtures.writeAll(store, "take-0001", 1).complete();
      Path takes = store.sessionDir().resolve("takes");
      Files.setPosixFilePermissions(takes, PosixFilePermissions.fromString("r-xr-xr-x"));
      try {
        assumeFalse(Files.isWritable(takes), "running as root: permissions do not stop writes");
        IOException e = assertThrows(IOException.class, () -> store.beginTake("take-0002", Fixtures.expectation()));
        assertTrue(e.getMessage().contains("cannot create"), e.getMessage());
        assertEquals(TakeState.FAILED, store.session().take("take-0002").orElseThrow().state());
        assertTrue(Files.isRegularFile(store.takeDir("take-0001").resolve("take.json")));
      } finally {
        Files.setPosixFilePermissions(takes, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }

  @Test
  void withdrawalErasesOnlyThatSubjectAndRefusesFurtherTakes() throws Exception {
    SubjectRegistry reg = SubjectRegistry.open(lab);
    reg.add(Fixtures.consent());
    String other = reg.add(Fixtures.consent()).id();
    SessionStore mine = Fixtures.newSession(lab, LocalVolume.INSTANCE);
    Fixtures.writeAll(mine, "take-0001", 1).complete();
    try (SessionStore theirs = SessionStore.create(lab, reg, LocalVolume.INSTANCE, Fixtures.CLOCK,
        new SessionRequest(other, "virtual-8cam", "cal-0001", "AB", Fixtures.PLAN))) {
      Fixtures.writeAll(theirs, "take-0001", 5).complete();
    }
    reg.withdraw("sub-0001", LocalDate.parse("2025-03-04"), new SubjectDataEraser(lab));
    assertFalse(Files.exists(RawLayout.sessionDir(lab, "sub-0001-ses-01")));
    assertTrue(Files.isRegularFile(RawLayout.takeDir(RawLayout.sessionDir(lab, "sub-0002-ses-01"), "take-0001", "")
        .resolve("take.json")));
    String log = Files.readString(lab.resolve("deletion-log.jsonl"));
    assertTrue(log.contains("deleted 1 sessions [sub-0001-ses-01]"), log);
    // A session still open when the subject withdrew refuses to capture.
    ConsentException e = assertThrows(ConsentException.class, () -> mine.beginTake("take-0002",
        Fixtures.expectation()));
    assertTrue(e.getMessage().contains("sub-0001") && e.getMessage().contains("withdrew"), e.getMessage());
    assertThrows(ConsentException.class, () -> SessionStore.create(lab, reg, LocalVolume.INSTANCE, Fixtures.CLOCK,
        new SessionRequest("sub-0001", "virtual-8cam", "cal-0001", "AB", Fixtures.PLAN)));
  }
}
