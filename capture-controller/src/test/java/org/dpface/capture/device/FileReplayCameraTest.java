package org.dpface.capture.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.PngImages;
import org.dpface.rigs.Resolution;
import org.dpface.rigs.SplitAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReplayCameraTest {
  private static final Resolution RES = new Resolution(4, 3);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  private void pair(String stem, int value) throws Exception {
    GrayU16 img = new GrayU16(RES.width(), RES.height());
    img.fill(value);
    PngImages.write(dir.resolve(stem + "_L.png"), img);
    img.fill(value + 1);
    PngImages.write(dir.resolve(stem + "_R.png"), img);
  }

  @Test
  void servesPairsInNameOrderAndTimesOutPastTheEnd() throws Exception {
    pair("cam0_s001", 200);
    pair("cam0_s000", 100);
    pair("cam1_s000", 999); // another camera's file is ignored
    try (FileReplayCamera cam = new FileReplayCamera("cam0", dir, RES, SplitAxis.VERTICAL, CLOCK)) {
      assertThrows(DeviceException.class, () -> cam.nextFrame(0, Duration.ZERO));
      cam.arm(3, 1000);
      DpFrame f0 = cam.nextFrame(42, Duration.ofMillis(5));
      assertEquals(100, f0.left().get(0, 0));
      assertEquals(101, f0.right().get(3, 2));
      assertEquals(42, f0.boardMicros());
      assertEquals(1000, f0.exposureMicros());
      assertEquals(200, cam.nextFrame(43, Duration.ofMillis(5)).left().get(1, 1));
      FrameTimeoutException t = assertThrows(FrameTimeoutException.class,
          () -> cam.nextFrame(44, Duration.ofMillis(5)));
      assertTrue(t.getMessage().startsWith("cam0: no frame 2 of 3"), t.getMessage());
      assertEquals(Instant.parse("2025-01-01T00:00:00Z"), cam.status().lastSeen().orElseThrow());
    }
  }

  @Test
  void missingPartnerAndWrongSizeAreReportedByName() throws Exception {
    pair("cam0_s000", 1);
    Files.delete(dir.resolve("cam0_s000_R.png"));
    GrayU16 big = new GrayU16(5, 3);
    PngImages.write(dir.resolve("cam0_s001_L.png"), big);
    PngImages.write(dir.resolve("cam0_s001_R.png"), big);
    try (FileReplayCamera cam = new FileReplayCamera("cam0", dir, RES, SplitAxis.HORIZONTAL, CLOCK)) {
      cam.arm(2, 1000);
      DeviceException missing = assertThrows(DeviceException.class, () -> cam.nextFrame(0, Duration.ZERO));
      assertTrue(missing.getMessage().contains("cam0_s000_R.png is missing"), missing.getMessage());
      assertFalse(cam.status().healthy());
      assertTrue(cam.status().problems().get(0).contains("cam0_s000_R.png"));
    }
    FileReplayCamera closed = new FileReplayCamera("cam0", dir, RES, SplitAxis.HORIZONTAL, CLOCK);
    closed.close();
    assertThrows(DeviceException.class, () -> closed.arm(1, 1));
    assertFalse(closed.status().connected());
  }
}
