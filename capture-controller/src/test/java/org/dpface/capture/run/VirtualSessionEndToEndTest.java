package org.dpface.capture.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpface.capture.device.virtual.SimulatedBoardConnection;
import org.dpface.capture.session.ConsentException;
import org.dpface.capture.session.Session;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeState;
import org.dpface.capture.storage.SessionStore;
import org.dpface.capture.storage.TakeVerifier;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.PngImages;
import org.dpface.core.io.PngInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole sessions on the virtual rig: {@link TakeRunner} and {@link SessionRunner} drive virtual cameras,
 * projector and lights and a {@code SerialTriggerBoard} talking to the {@code SimulatedBoard} over a real
 * socat pty; every stored frame is read back and compared with what the frame source rendered.
 */
class VirtualSessionEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private VirtualLab lab;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(SimulatedBoardConnection.socatAvailable(), "socat not on PATH: the pty tests need it");
    lab = new VirtualLab(dir);
  }

  @AfterEach
  void tearDown() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void wholeSessionStoresEveryFrameAsRenderedWithBoardTimestamps() throws Exception {
    List<String> progress = new ArrayList<>();
    CaptureListener listener = new CaptureListener() {
      @Override
      public void takeStarted(Take take, int index, int count) {
        progress.add("start " + index + "/" + count);
      }

      @Override
      public void frameStored(Take take, int frame, int frames) {
        progress.add(frame + "/" + frames);
      }
    };
    try (SessionStore store = lab.newSession(Optional.empty())) {
      SessionRunner.Result r = lab.sessionRunner(listener).runPlan(store, false);
      assertEquals(2, r.captured().size());
      assertTrue(r.failed().isEmpty(), () -> r.failed().toString());
      assertTrue(store.session().done());
      for (Take t : r.captured()) {
        assertTakeOnDisk(store, t.id());
      }
    }
    assertEquals("start 1/2", progress.get(0));
    assertEquals("18/18", progress.get(18));
    assertEquals("start 2/2", progress.get(19));
    assertEquals(38, progress.size());
    // The wiring pulsed each light once per take and advanced the projector through its 4 patterns.
    assertEquals(2, lab.virtual.lights().get("light0").flashes());
    assertEquals(2, lab.virtual.lights().get("light1").flashes());
    assertEquals(3, lab.virtual.projectors().get("proj0").currentIndex());
  }

  /** Every camera × step: 16-bit gray PNGs of the right size holding exactly the rendered pixels; board times. */
  private void assertTakeOnDisk(SessionStore store, String takeId) throws Exception {
    Path d = store.takeDir(takeId);
    assertTrue(Files.isDirectory(d), d.toString());
    assertFalse(d.getFileName().toString().contains("."), "final name: " + d);
    try (Stream<Path> files = Files.list(d)) {
      assertEquals(VirtualLab.CAMERAS.size() * 6 * 3 + 1, files.count(), "L + R + sidecar per frame, take.json");
    }
    JsonNode take = JSON.readTree(d.resolve("take.json").toFile());
    assertEquals("COMPLETE", take.get("state").asText());
    long fire = take.get("fire").get("fireMicros").asLong();
    JsonNode stepMicros = take.get("fire").get("stepBoardMicros");
    assertEquals(6, stepMicros.size());
    long[] planned = lab.runner.schedule().triggerPlan().plannedOffsetsMicros();
    for (int step = 0; step < 6; step++) {
      long board = stepMicros.get(step).asLong();
      assertTrue(board - fire >= planned[step], "step " + step + " never fires early");
      for (String cam : VirtualLab.CAMERAS) {
        String stem = cam + "_s" + String.format("%03d", step);
        for (int view = 0; view < 2; view++) {
          Path png = d.resolve(stem + (view == 0 ? "_L.png" : "_R.png"));
          PngInfo info = PngImages.info(png);
          assertEquals(16, info.bitDepth());
          assertEquals(PngInfo.GRAY, info.colorType());
          GrayU16 img = PngImages.readGrayU16(png);
          assertEquals(VirtualLab.RES.width(), img.width());
          assertEquals(VirtualLab.RES.height(), img.height());
          for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
              int want = lab.source.expected(cam, step, view, x, y);
              if (img.get(x, y) != want) {
                throw new AssertionError(png + " (" + x + "," + y + ") = " + img.get(x, y) + ", rendered " + want);
              }
            }
          }
        }
        JsonNode side = JSON.readTree(d.resolve(stem + ".json").toFile());
        assertEquals(board, side.get("boardMicros").asLong(), stem + " carries its step's board time");
        assertEquals(step, side.get("step").asInt());
        assertEquals(VirtualLab.TIMING.exposureMicros(), side.get("exposureMicros").asLong());
      }
    }
  }

  @Test
  void cameraMissingATriggerFailsTheTakeNamingCameraAndStepThenOneCommandRetakeCompletes() throws Exception {
    try (SessionStore store = lab.newSession(Optional.empty())) {
      SessionRunner runner = lab.sessionRunner(CaptureListener.NONE);
      lab.virtual.cameras().get("cam1").missShutter(2);
      Take failed = runner.runTake(store, VirtualLab.T1, false);
      assertEquals(TakeState.FAILED, failed.state());
      String reason = failed.reason().orElseThrow();
      assertTrue(reason.contains("cam1 step 2 (sl-002)") && reason.contains("missed the trigger"), reason);
      Path failedDir = store.takeDir(failed.id());
      assertTrue(failedDir.toString().endsWith(".failed"), failedDir.toString());
      assertTrue(Files.readString(failedDir.resolve("take.json")).contains("cam1 step 2"));
      // Frames of steps 0 and 1 were stored before the miss and are kept.
      assertEquals(6, store.frames(failed.id()).size());

      Take retake = runner.runTake(store, VirtualLab.T1, false);
      assertEquals(TakeState.COMPLETE, retake.state(), () -> retake.reason().toString());
      assertEquals(2, retake.attempt());
      assertEquals(TakeState.SUPERSEDED, store.session().take(failed.id()).orElseThrow().state());
      assertTakeOnDisk(store, retake.id());
      assertTrue(Files.isDirectory(failedDir), "the failed attempt's files stay");
      assertThrows(IllegalStateException.class, () -> runner.runTake(store, VirtualLab.T1, false),
          "a COMPLETE take is not retaken by accident");
    }
  }

  @Test
  void boardRebootMidTakeFailsThatTakeOnlyAndTheSessionCarriesOn() throws Exception {
    try (SessionStore store = lab.newSession(Optional.empty())) {
      SessionRunner runner = lab.sessionRunner(CaptureListener.NONE);
      Take first = runner.runTake(store, VirtualLab.T1, false);
      assertEquals(TakeState.COMPLETE, first.state());
      Map<Path, String> before = hashes(store.takeDir(first.id()));

      lab.faults.rebootAfterStep(3);
      Take rebooted = runner.runTake(store, VirtualLab.T2, false);
      assertEquals(TakeState.FAILED, rebooted.state());
      String reason = rebooted.reason().orElseThrow();
      assertTrue(reason.startsWith("trigger board: ") && reason.contains("rebooted"), reason);
      assertEquals(before, hashes(store.takeDir(first.id())), "the completed take is untouched");

      SessionRunner.Result r = runner.runPlan(store, true);
      assertEquals(1, r.captured().size());
      assertEquals(1, r.alreadyComplete());
      assertEquals(TakeState.COMPLETE, r.captured().get(0).state());
      assertTrue(store.session().done());
      assertTakeOnDisk(store, r.captured().get(0).id());
    }
  }

  @Test
  void refusedConsentWritesNothingAndFiresNothing() throws Exception {
    String sessionId;
    try (SessionStore store = lab.newSession(Optional.of(LocalDate.parse("2025-03-04")))) {
      sessionId = store.session().id();
    }
    Clock dayAfterExpiry = Clock.fixed(Instant.parse("2025-03-05T09:00:00Z"), ZoneOffset.UTC);
    try (SessionStore store = lab.reopen(sessionId, dayAfterExpiry)) {
      Path journal = store.sessionDir().resolve("journal.jsonl");
      byte[] journalBefore = Files.readAllBytes(journal);
      ConsentException e = assertThrows(ConsentException.class,
          () -> lab.sessionRunner(CaptureListener.NONE).runPlan(store, false));
      assertTrue(e.getMessage().contains("expired"), e.getMessage());
      assertArrayEquals(journalBefore, Files.readAllBytes(journal), "nothing journaled");
      try (Stream<Path> takes = Files.list(store.sessionDir().resolve("takes"))) {
        assertEquals(0, takes.count(), "no take folder");
      }
      assertEquals(0, lab.virtual.lights().get("light0").flashes(), "the board never fired");
      assertTrue(store.session().takes().stream().allMatch(t -> t.state() == TakeState.PLANNED));
    }
  }

  @Test
  void interruptedPlanResumesAndRetakesTheInterruptedTake() throws Exception {
    String sessionId;
    CaptureListener crash = new CaptureListener() {
      @Override
      public void frameStored(Take take, int frame, int frames) {
        if (frame == 5) {
          throw new IllegalStateException("simulated crash after 5 frames");
        }
      }
    };
    try (SessionStore store = lab.newSession(Optional.empty())) {
      sessionId = store.session().id();
      assertThrows(IllegalStateException.class, () -> lab.sessionRunner(crash).runPlan(store, false));
    }
    try (SessionStore store = lab.reopen(sessionId, VirtualLab.CLOCK)) {
      Session s = store.session();
      Take interrupted = s.takes().get(0);
      assertEquals(TakeState.INCOMPLETE, interrupted.state());
      assertEquals(5, store.frames(interrupted.id()).size(), "frames written before the crash stay");
      SessionRunner runner = lab.sessionRunner(CaptureListener.NONE);
      SessionRunner.Result r = runner.runPlan(store, false);
      assertEquals(1, r.captured().size(), "continues with the take still planned");
      assertEquals(TakeState.COMPLETE, r.captured().get(0).state());
      assertEquals(List.of(interrupted.id()), r.notRetaken().stream().map(Take::id).toList());
      SessionRunner.Result r2 = runner.runPlan(store, true);
      assertEquals(1, r2.captured().size());
      assertEquals(TakeState.COMPLETE, r2.captured().get(0).state());
      assertTrue(store.session().done());
    }
  }

  private static Map<Path, String> hashes(Path dir) throws Exception {
    Map<Path, String> m = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        m.put(p.getFileName(), TakeVerifier.sha256(p));
      }
    }
    return m;
  }
}
