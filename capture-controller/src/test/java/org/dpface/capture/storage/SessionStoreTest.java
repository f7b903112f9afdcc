package org.dpface.capture.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.dpface.capture.device.DpFrame;
import org.dpface.capture.device.FileReplayCamera;
import org.dpface.capture.session.Session;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeState;
import org.dpface.core.image.GrayU8;
import org.dpface.core.io.PngImages;
import org.dpface.rigs.SplitAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {
  @TempDir Path lab;

  @Test
  void completeTakeIsVerifiedRenamedAndReplayable() throws Exception {
    try (SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE)) {
      Session s = store.session();
      assertEquals("sub-0001-ses-01", s.id());
      assertEquals(3, s.takes().size());
      Take t = Fixtures.writeAll(store, "take-0001", 1).complete();
      assertEquals(TakeState.COMPLETE, t.state());
      Path dir = RawLayout.takeDir(store.sessionDir(), "take-0001", "");
      assertTrue(Files.isDirectory(dir));
      assertFalse(Files.exists(RawLayout.takeDir(store.sessionDir(), "take-0001", RawLayout.PARTIAL)));
      JsonNode side = SessionStore.readJson(dir.resolve("take.json"));
      assertEquals("dpface-take", side.path("format").asText());
      assertEquals(1, side.path("version").asInt());
      assertEquals("COMPLETE", side.path("state").asText());
      assertEquals(6, side.path("frames").size());
      JsonNode frameSide = SessionStore.readJson(dir.resolve("cam1_s002.json"));
      assertEquals("dpface-frame", frameSide.path("format").asText());
      assertEquals("light-light0", frameSide.path("stepLabel").asText());
      for (FrameRecord r : store.frames("take-0001")) {
        assertEquals(r.leftSha256(), TakeVerifier.sha256(dir.resolve(RawLayout.leftPng(r.cameraId(), r.step()))));
      }
      // A stored take replays through the file camera bit for bit.
      try (FileReplayCamera cam = new FileReplayCamera("cam1", dir, Fixtures.RES, SplitAxis.VERTICAL,
          Fixtures.CLOCK)) {
        cam.arm(3, 5000);
        for (int step = 0; step < 3; step++) {
          DpFrame f = cam.nextFrame(-1, Duration.ofMillis(10));
          DpFrame want = Fixtures.frame("cam1", step, 1);
          assertEquals(step, f.stepIndex());
          assertTrue(java.util.Arrays.equals(want.left().data, f.left().data));
          assertTrue(java.util.Arrays.equals(want.right().data, f.right().data));
        }
        assertTrue(cam.status().healthy());
      }
    }
  }

  @Test
  void verificationCatchesMissingFrame() throws Exception {
    try (SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE)) {
      TakeWriter w = store.beginTake("take-0001", Fixtures.expectation());
      w.recordFire(Fixtures.fire());
      for (int step = 0; step < 3; step++) {
        w.writeFrame(Fixtures.frame("cam0", step, 1));
        if (step != 1) {
          w.writeFrame(Fixtures.frame("cam1", step, 1));
        }
      }
      Take t = w.complete();
      assertEquals(TakeState.FAILED, t.state());
      assertTrue(t.reason().orElseThrow().contains("missing frame cam1_s001"), t.reason().orElseThrow());
      Path failed = RawLayout.takeDir(store.sessionDir(), "take-0001", RawLayout.FAILED);
      assertTrue(Files.isRegularFile(failed.resolve("cam0_s001_L.png")), "frames of a failed take are kept");
      assertEquals("FAILED", SessionStore.readJson(failed.resolve("take.json")).path("state").asText());
    }
  }

  @Test
  void verificationCatchesWrongBitDepth() throws Exception {
    try (SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE)) {
      TakeWriter w = Fixtures.writeAll(store, "take-0001", 1);
      // The file on disk is replaced by an 8-bit PNG of the right size (a driver or disk fault).
      PngImages.write(w.partialDir().resolve("cam0_s002_R.png"), new GrayU8(Fixtures.RES.width(),
          Fixtures.RES.height()));
      Take t = w.complete();
      assertEquals(TakeState.FAILED, t.state());
      String reason = t.reason().orElseThrow();
      assertTrue(reason.contains("cam0_s002_R.png is 8-bit gray, expected 16-bit gray"), reason);
      assertTrue(reason.contains("SHA-256 mismatch"), reason);
    }
  }

  @Test
  void verificationCatchesTimestampOutOfTolerance() throws Exception {
    try (SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE)) {
      TakeWriter w = store.beginTake("take-0001", Fixtures.expectation());
      w.recordFire(Fixtures.fire());
      for (int step = 0; step < 3; step++) {
        for (String cam : Fixtures.CAMERAS) {
          DpFrame f = Fixtures.frame(cam, step, 1);
          if (cam.equals("cam1") && step == 2) {
            f = new DpFrame(cam, step, f.exposureMicros(), f.boardMicros() + Fixtures.TOLERANCE + 1,
                f.hostTime(), f.left(), f.right());
          }
          w.writeFrame(f);
        }
      }
      Take t = w.complete();
      assertEquals(TakeState.FAILED, t.state());
      assertTrue(t.reason().orElseThrow().contains("cam1_s002 fired at +13504 µs, planned +13000 µs"),
          t.reason().orElseThrow());
    }
  }

  @Test
  void retakeSupersedesAndPlansANewAttempt() throws Exception {
    try (SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE)) {
      Fixtures.writeAll(store, "take-0001", 1).complete();
      Take fresh = store.retake("take-0001");
      assertEquals("take-0004", fresh.id());
      assertEquals(2, fresh.attempt());
      assertEquals(TakeState.PLANNED, fresh.state());
      Take old = store.session().take("take-0001").orElseThrow();
      assertEquals(TakeState.SUPERSEDED, old.state());
      assertEquals("take-0004", old.supersededBy().orElseThrow());
      Path oldDir = RawLayout.takeDir(store.sessionDir(), "take-0001", "");
      assertEquals("SUPERSEDED", SessionStore.readJson(oldDir.resolve("take.json")).path("state").asText());
      assertThrows(IllegalStateException.class, () -> store.retake("take-0001"));
      assertEquals(TakeState.COMPLETE, Fixtures.writeAll(store, "take-0004", 2).complete().state());
    }
    // The journal tells the same story after reopening.
    try (SessionStore again = SessionStore.open(lab, "sub-0001-ses-01", SubjectRegistry.open(lab),
        LocalVolume.INSTANCE, Fixtures.CLOCK)) {
      Session s = again.session();
      assertEquals(TakeState.SUPERSEDED, s.take("take-0001").orElseThrow().state());
      assertEquals(TakeState.COMPLETE, s.take("take-0004").orElseThrow().state());
      assertEquals("take-0005", again.retake("take-0002").id());
    }
  }

  @Test
  void crashMidTakeReplaysToIncompleteAndSessionResumes() throws Exception {
    SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE);
    Fixtures.writeAll(store, "take-0001", 1).complete();
    TakeWriter w = store.beginTake("take-0002", Fixtures.expectation());
    w.recordFire(Fixtures.fire());
    w.writeFrame(Fixtures.frame("cam0", 0, 2));
    w.writeFrame(Fixtures.frame("cam1", 0, 2));
    // Crash: objects abandoned unclosed, the last journal line torn mid-way, a stray atomic-write temp.
    Path journal = RawLayout.journal(store.sessionDir());
    Files.write(journal, "1234abcd {\"event\":\"frame\",\"take\":\"take-0002\",\"cam".getBytes(
        StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    Files.write(w.partialDir().resolve(".cam0_s001_L.png.123.tmp"), new byte[] {1, 2, 3});

    try (SessionStore reopened = SessionStore.open(lab, "sub-0001-ses-01", SubjectRegistry.open(lab),
        LocalVolume.INSTANCE, Fixtures.CLOCK)) {
      Session s = reopened.session();
      assertEquals(TakeState.COMPLETE, s.take("take-0001").orElseThrow().state());
      Take t2 = s.take("take-0002").orElseThrow();
      assertEquals(TakeState.INCOMPLETE, t2.state());
      assertEquals("interrupted mid-take: 2 of 6 frames written", t2.reason().orElseThrow());
      Path inc = RawLayout.takeDir(reopened.sessionDir(), "take-0002", RawLayout.INCOMPLETE);
      assertEquals(reopened.takeDir("take-0002"), inc);
      assertTrue(Files.isRegularFile(inc.resolve("cam1_s000_R.png")));
      assertFalse(Files.exists(inc.resolve(".cam0_s001_L.png.123.tmp")));
      assertEquals("INCOMPLETE", SessionStore.readJson(inc.resolve("take.json")).path("state").asText());
      PngImages.readGrayU16(inc.resolve("cam0_s000_L.png"));
      // Every file of the complete take still matches its journaled hash.
      Path done = reopened.takeDir("take-0001");
      for (FrameRecord r : reopened.frames("take-0001")) {
        assertEquals(r.rightSha256(), TakeVerifier.sha256(done.resolve(RawLayout.rightPng(r.cameraId(), r.step()))));
      }
      // Resumable: the next planned take and a retake of the interrupted one both work.
      assertEquals("take-0003", s.nextPlanned().orElseThrow().id());
      assertEquals(TakeState.COMPLETE, Fixtures.writeAll(reopened, "take-0003", 3).complete().state());
      Take retake = reopened.retake("take-0002");
      assertEquals(TakeState.COMPLETE, Fixtures.writeAll(reopened, retake.id(), 4).complete().state());
      assertTrue(reopened.session().done());
    }
    // The torn line was cut off, so the journal reads cleanly after the appends.
    assertFalse(Journal.read(journal).tornTail());
  }
}
