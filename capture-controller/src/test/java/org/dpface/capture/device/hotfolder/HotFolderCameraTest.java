package org.dpface.capture.device.hotfolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dpface.capture.device.DeviceException;
import org.dpface.capture.device.DeviceStatus;
import org.dpface.capture.device.DpFrame;
import org.dpface.capture.device.FrameTimeoutException;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.io.PngImages;
import org.dpface.rigs.Resolution;
import org.dpface.rigs.SplitAxis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HotFolderCamera} against a real writer thread that writes 16-bit PNG pairs into the folder the
 * way tethering software does: atomically (temp name + rename), in slow pieces under the final name, late,
 * missing, wrong, or mixed with stray files.
 */
class HotFolderCameraTest {
  private static final int W = 16;
  private static final int H = 12;
  /** Time between shutters in the writer's schedule. */
  private static final long PERIOD_MS = 80;
  /** Board time of step 0 (the board's clock runs from its boot, unrelated to the host clock). */
  private static final long BOARD0_US = 7_000_000;
  private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(5);
  /**
   * Arrival tolerance of the tests that are not about it: the writer's PNGs are written atomically with
   * fsync, whose latency alone reached ~0.5 s on a busy CI disk, so 400 ms made these tests flaky.
   */
  private static final Duration TOLERANCE = Duration.ofSeconds(3);

  @TempDir Path tmp;
  private Path hot;
  private Path staging;
  private final ExecutorService writer = Executors.newSingleThreadExecutor();
  private final List<HotFolderCamera> cameras = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    hot = Files.createDirectory(tmp.resolve("hot"));
    staging = Files.createDirectory(tmp.resolve("staging"));
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    writer.shutdownNow();
    assertTrue(writer.awaitTermination(5, TimeUnit.SECONDS));
    cameras.forEach(HotFolderCamera::close);
  }

  private HotFolderCamera camera(HotFolderCamera.Builder b) throws DeviceException {
    HotFolderCamera c = b.build();
    cameras.add(c);
    return c;
  }

  private HotFolderCamera.Builder builder() {
    return HotFolderCamera.builder().setId("cam0").setFolder(hot).setResolution(new Resolution(W, H))
        .setSplitAxis(SplitAxis.HORIZONTAL).optTolerance(TOLERANCE);
  }

  /** A view whose every pixel encodes the step and the side, so a mixed-up frame is detected. */
  private static GrayU16 view(int step, boolean right) {
    GrayU16 g = new GrayU16(W, H);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        g.set(x, y, 1000 * step + (right ? 40_000 : 0) + x + W * y);
      }
    }
    return g;
  }

  private byte[] pngBytes(GrayU16 image) throws IOException {
    Path p = staging.resolve("img.png");
    PngImages.write(p, image);
    return Files.readAllBytes(p);
  }

  /** Writes the pair of {@code step} atomically (PngImages writes a hidden temp file, then renames). */
  private void writePair(String stem, int step) throws IOException {
    PngImages.write(hot.resolve(stem + "_L.png"), view(step, false));
    PngImages.write(hot.resolve(stem + "_R.png"), view(step, true));
  }

  /** Writes {@code bytes} under the final name in {@code pieces} chunks, {@code pauseMs} apart. */
  private static void writeSlowly(Path file, byte[] bytes, int pieces, long pauseMs)
      throws IOException, InterruptedException {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
      for (int i = 0; i < pieces; i++) {
        int from = bytes.length * i / pieces;
        int to = bytes.length * (i + 1) / pieces;
        out.write(bytes, from, to - from);
        out.flush();
        if (i < pieces - 1) {
          Thread.sleep(pauseMs);
        }
      }
    }
  }

  /** Runs {@code job} on the writer thread after {@code delayMs}. */
  private Future<Instant> later(long delayMs, IoJob job) {
    return writer.submit(() -> {
      Thread.sleep(delayMs);
      job.run();
      return Instant.now();
    });
  }

  @FunctionalInterface
  private interface IoJob {
    void run() throws Exception;
  }

  private static long board(int step) {
    return BOARD0_US + step * PERIOD_MS * 1000;
  }

  private static void assertFrame(DpFrame f, int step) {
    assertEquals("cam0", f.cameraId());
    assertEquals(step, f.stepIndex());
    assertEquals(board(step), f.boardMicros());
    assertEquals(W, f.width());
    assertEquals(H, f.height());
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        assertEquals(view(step, false).get(x, y), f.left().get(x, y), "left " + x + "," + y);
        assertEquals(view(step, true).get(x, y), f.right().get(x, y), "right " + x + "," + y);
      }
    }
  }

  /** The writer fires 5 shutters on a schedule; frames come back in order, moved to ingested/. */
  private void deliversInOrder(HotFolderCamera cam) throws Exception {
    writePair("old_0001", 99); // left over from an earlier take: never delivered
    cam.arm(5, 1000);
    writer.submit(() -> {
      for (int k = 0; k < 5; k++) {
        Thread.sleep(PERIOD_MS);
        writePair(String.format("capt%04d", k), k);
      }
      return null;
    });
    for (int k = 0; k < 5; k++) {
      assertFrame(cam.nextFrame(board(k), FRAME_TIMEOUT), k);
    }
    try (var s = Files.list(hot.resolve(HotFolderCamera.INGESTED))) {
      assertEquals(10, s.count());
    }
    assertTrue(Files.exists(hot.resolve("old_0001_L.png")), "left-over file is left alone");
    DeviceException done = assertThrows(DeviceException.class, () -> cam.nextFrame(board(5), FRAME_TIMEOUT));
    assertTrue(done.getMessage().contains("already delivered"), done.getMessage());
    DeviceStatus st = cam.status();
    assertTrue(st.connected());
    assertTrue(st.lastSeen().isPresent());
    assertTrue(st.problems().stream().anyMatch(p -> p.contains("before the last arm")), st.problems().toString());
  }

  @Test
  void deliversPairsInArrivalOrderWithWatchService() throws Exception {
    HotFolderCamera cam = camera(builder());
    assertTrue(cam.watching(), "the default file system offers a watch service");
    deliversInOrder(cam);
  }

  @Test
  void deliversPairsInArrivalOrderByPollingAlone() throws Exception {
    HotFolderCamera cam = camera(builder().optPollOnly(true).optPollInterval(Duration.ofMillis(40)));
    assertFalse(cam.watching());
    deliversInOrder(cam);
  }

  @Test
  void slowWriterIsNotReadBeforeTheFileIsComplete() throws Exception {
    HotFolderCamera cam = camera(builder());
    cam.arm(1, 1000);
    byte[] left = pngBytes(view(0, false));
    byte[] right = pngBytes(view(0, true));
    Future<Instant> finished = later(20, () -> {
      writeSlowly(hot.resolve("slow_L.png"), left, 5, 120);
      writeSlowly(hot.resolve("slow_R.png"), right, 3, 120);
    });
    DpFrame f = cam.nextFrame(board(0), FRAME_TIMEOUT);
    Instant done = finished.get(5, TimeUnit.SECONDS);
    assertFrame(f, 0);
    assertFalse(f.hostTime().isBefore(done), "frame read at " + f.hostTime() + " before the writer finished at "
        + done);
  }

  @Test
  void tempNamesAreIgnoredUntilRenamed() throws Exception {
    HotFolderCamera cam = camera(builder());
    cam.arm(1, 1000);
    Files.write(hot.resolve("a_L.png.tmp"), pngBytes(view(0, false)));
    Files.write(hot.resolve("a_R.png~"), pngBytes(view(0, true)));
    FrameTimeoutException e = assertThrows(FrameTimeoutException.class,
        () -> cam.nextFrame(board(0), Duration.ofMillis(300)));
    assertTrue(e.getMessage().contains("no new pair file"), e.getMessage());
    cam.arm(1, 1000);
    later(100, () -> {
      Files.move(hot.resolve("a_L.png.tmp"), hot.resolve("a_L.png"));
      Files.move(hot.resolve("a_R.png~"), hot.resolve("a_R.png"));
    });
    assertFrame(cam.nextFrame(board(0), FRAME_TIMEOUT), 0);
  }

  @Test
  void missingFrameTimesOutNamingCameraStepAndWait() throws Exception {
    HotFolderCamera cam = camera(builder());
    cam.arm(3, 1000);
    later(50, () -> {
      writePair("c0", 0);
      writePair("c1", 1);
    });
    assertFrame(cam.nextFrame(board(0), FRAME_TIMEOUT), 0);
    assertFrame(cam.nextFrame(board(1), FRAME_TIMEOUT), 1);
    long t0 = System.nanoTime();
    FrameTimeoutException e = assertThrows(FrameTimeoutException.class,
        () -> cam.nextFrame(board(2), Duration.ofMillis(400)));
    long waitedMs = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(waitedMs >= 400, "returned after " + waitedMs + " ms");
    String m = e.getMessage();
    assertTrue(m.startsWith("cam0: no frame for step 2 of 3 within "), m);
    assertTrue(m.contains("timeout 400 ms"), m);
    assertTrue(cam.status().problems().stream().anyMatch(p -> p.contains("step 2")), cam.status().toString());
  }

  @Test
  void halfPairTimesOutNamingTheMissingPartner() throws Exception {
    HotFolderCamera cam = camera(builder());
    cam.arm(1, 1000);
    later(20, () -> PngImages.write(hot.resolve("h_L.png"), view(0, false))).get(); // written before the wait
    FrameTimeoutException e = assertThrows(FrameTimeoutException.class,
        () -> cam.nextFrame(board(0), Duration.ofMillis(400)));
    assertTrue(e.getMessage().contains("h_L.png has no partner h_R.png"), e.getMessage());
  }

  @Test
  void truncatedFileTimesOutAsStillBeingWritten() throws Exception {
    HotFolderCamera cam = camera(builder());
    cam.arm(1, 1000);
    byte[] left = pngBytes(view(0, false));
    later(20, () -> {
      Files.write(hot.resolve("u_L.png"), Arrays.copyOf(left, left.length - 20));
      Files.write(hot.resolve("u_R.png"), pngBytes(view(0, true)));
    });
    FrameTimeoutException e = assertThrows(FrameTimeoutException.class,
        () -> cam.nextFrame(board(0), Duration.ofMillis(500)));
    assertTrue(e.getMessage().contains("u_L.png is still being written (" + (left.length - 20) + " bytes"),
        e.getMessage());
  }

  @Test
  void strayFilesAreIgnoredAndReported() throws Exception {
    HotFolderCamera cam = camera(builder());
    cam.arm(2, 1000);
    writer.submit(() -> {
      writePair("s0", 0);
      Files.writeString(hot.resolve("notes.txt"), "operator notes");
      Files.write(hot.resolve("IMG_0001.CR2"), new byte[] {1, 2, 3});
      Thread.sleep(PERIOD_MS);
      writePair("s1", 1);
      return null;
    });
    assertFrame(cam.nextFrame(board(0), FRAME_TIMEOUT), 0);
    assertFrame(cam.nextFrame(board(1), FRAME_TIMEOUT), 1);
    assertTrue(Files.exists(hot.resolve("notes.txt")));
    DeviceStatus st = cam.status();
    assertTrue(st.connected());
    assertTrue(st.problems().stream().anyMatch(p -> p.startsWith("2 stray file(s)")), st.problems().toString());
  }

  @Test
  void wrongSizeOrBitDepthFailsNamingTheFileAndTheNextStepStillMatches() throws Exception {
    HotFolderCamera cam = camera(builder());
    cam.arm(3, 1000);
    writer.submit(() -> {
      PngImages.write(hot.resolve("w0_L.png"), new GrayU16(W + 1, H));
      PngImages.write(hot.resolve("w0_R.png"), new GrayU16(W + 1, H));
      Thread.sleep(PERIOD_MS);
      PngImages.write(hot.resolve("w1_L.png"), new GrayU8(W, H));
      PngImages.write(hot.resolve("w1_R.png"), view(1, true));
      Thread.sleep(PERIOD_MS);
      writePair("w2", 2);
      return null;
    });
    DeviceException size = assertThrows(DeviceException.class, () -> cam.nextFrame(board(0), FRAME_TIMEOUT));
    assertFalse(size instanceof FrameTimeoutException);
    assertTrue(size.getMessage().contains("w0_L.png is 17x12, expected"), size.getMessage());
    DeviceException depth = assertThrows(DeviceException.class, () -> cam.nextFrame(board(1), FRAME_TIMEOUT));
    assertTrue(depth.getMessage().contains("step 1") && depth.getMessage().contains("w1_L.png")
        && depth.getMessage().contains("8-bit"), depth.getMessage());
    assertFrame(cam.nextFrame(board(2), FRAME_TIMEOUT), 2);
    assertTrue(Files.exists(hot.resolve(HotFolderCamera.REJECTED).resolve("w0_L.png")));
    assertTrue(Files.exists(hot.resolve(HotFolderCamera.REJECTED).resolve("w1_R.png")));
    assertTrue(Files.exists(hot.resolve(HotFolderCamera.INGESTED).resolve("w2_L.png")));
  }

  @Test
  void fileOutOfToleranceFailsNamingFileAndStep() throws Exception {
    HotFolderCamera cam = camera(builder().optTolerance(Duration.ofMillis(1000)));
    cam.arm(3, 1000);
    writer.submit(() -> {
      writePair("d0", 0);
      Thread.sleep(PERIOD_MS);
      writePair("d1", 1);
      Thread.sleep(PERIOD_MS + 4000); // the board fired step 2 at +2 periods; this shot is 4 s late
      writePair("d2", 2);
      return null;
    });
    assertFrame(cam.nextFrame(board(0), FRAME_TIMEOUT), 0);
    assertFrame(cam.nextFrame(board(1), FRAME_TIMEOUT), 1);
    DeviceException e = assertThrows(DeviceException.class, () -> cam.nextFrame(board(2), FRAME_TIMEOUT));
    String m = e.getMessage();
    assertTrue(m.contains("d2_L.png does not match step 2") && m.contains("later"), m);
  }

  @Test
  void leavePolicyNeverDeliversAFileTwice() throws Exception {
    HotFolderCamera cam = camera(builder().optPolicy(HotFolderCamera.Policy.LEAVE));
    cam.arm(2, 1000);
    later(20, () -> {
      writePair("k0", 0);
      writePair("k1", 1);
    });
    assertFrame(cam.nextFrame(board(0), FRAME_TIMEOUT), 0);
    assertFrame(cam.nextFrame(board(1), FRAME_TIMEOUT), 1);
    assertTrue(Files.exists(hot.resolve("k0_L.png")) && Files.exists(hot.resolve("k1_R.png")));
    assertFalse(Files.exists(hot.resolve(HotFolderCamera.INGESTED)));
    cam.arm(1, 1000);
    assertThrows(FrameTimeoutException.class, () -> cam.nextFrame(board(0), Duration.ofMillis(300)));
    // A consumed file copied back unchanged (same name, size, mtime) is still not new.
    Path copy = staging.resolve("k0_L.png");
    Files.copy(hot.resolve("k0_L.png"), copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Files.delete(hot.resolve("k0_L.png"));
    cam.arm(1, 1000);
    Thread.sleep(100);
    Files.copy(copy, hot.resolve("k0_L.png"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    assertThrows(FrameTimeoutException.class, () -> cam.nextFrame(board(0), Duration.ofMillis(300)));
  }

  @Test
  void statusShowsAVanishedFolderAndCloseReleasesWaiters() throws Exception {
    HotFolderCamera cam = camera(builder());
    assertTrue(cam.status().healthy(), cam.status().toString());
    assertEquals(HotFolderCamera.VERSION, cam.status().version());
    assertTrue(cam.status().lastSeen().isEmpty());
    cam.arm(1, 1000);
    CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        cam.nextFrame(board(0), Duration.ofSeconds(20));
        return null;
      } catch (DeviceException e) {
        return e;
      }
    });
    Thread.sleep(100);
    cam.close();
    Throwable t = waiting.get(5, TimeUnit.SECONDS);
    assertNotNull(t);
    assertTrue(t.getMessage().contains("camera closed"), t.getMessage());
    assertFalse(cam.status().connected());

    Path other = Files.createDirectory(tmp.resolve("other"));
    HotFolderCamera cam2 = camera(builder().setFolder(other));
    Files.delete(other);
    DeviceStatus st = cam2.status();
    assertFalse(st.connected());
    assertTrue(st.problems().get(0).contains("not readable"), st.toString());
    DeviceException arm = assertThrows(DeviceException.class, () -> cam2.arm(1, 1000));
    assertTrue(arm.getMessage().contains(other.toString()), arm.getMessage());
  }
}
