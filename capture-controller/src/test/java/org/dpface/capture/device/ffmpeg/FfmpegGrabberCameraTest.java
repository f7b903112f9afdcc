package org.dpface.capture.device.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.dpface.capture.device.DeviceException;
import org.dpface.capture.device.DeviceStatus;
import org.dpface.core.image.GrayU16;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FfmpegGrabberCamera} on videos that FFmpeg itself writes in the test (FFmpegFrameRecorder, lossless
 * codecs), so every grabbed level can be checked exactly against what was encoded.
 */
class FfmpegGrabberCameraTest {
  private static final int W = 64;
  private static final int H = 48;
  private static final int FRAMES = 10;
  private static final double FPS = 10;

  @TempDir Path tmp;

  @BeforeAll
  static void quietFfmpeg() {
    FfmpegLogs.routeToSlf4j(); // the recorder runs before the camera class would install it
  }

  /** Level of pixel (x, y) in frame k: a per-frame offset plus a gradient, all distinct 16-bit values. */
  private static int level16(int k, int x, int y) {
    return 1000 * k + 37 * x + 11 * y + 5;
  }

  private static int level8(int k, int x, int y) {
    return (20 * k + 2 * x + y) & 0xFF;
  }

  private static void record(Path file, String format, int codec, int pixelFormat, boolean sixteen)
      throws Exception {
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), W, H, 0)) {
      rec.setFormat(format);
      rec.setVideoCodec(codec);
      rec.setPixelFormat(pixelFormat);
      rec.setFrameRate(FPS);
      rec.start();
      for (int k = 0; k < FRAMES; k++) {
        try (Frame f = new Frame(W, H, sixteen ? Frame.DEPTH_USHORT : Frame.DEPTH_UBYTE, 1)) {
          for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
              int i = y * f.imageStride + x;
              if (sixteen) {
                ((ShortBuffer) f.image[0]).put(i, (short) level16(k, x, y));
              } else {
                ((ByteBuffer) f.image[0]).put(i, (byte) level8(k, x, y));
              }
            }
          }
          rec.record(f);
        }
      }
      rec.stop();
    }
  }

  private static FfmpegGrabberCamera open(Path file) throws DeviceException {
    return FfmpegGrabberCamera.builder().setId("preview0").setSource(file.toString()).build();
  }

  private static void checkFile(Path file, boolean sixteen) throws DeviceException {
    try (FfmpegGrabberCamera cam = open(file)) {
      assertEquals(W, cam.width());
      assertEquals(H, cam.height());
      assertEquals(FPS, cam.frameRate(), 1e-6);
      GrayU16 img = new GrayU16(1, 1);
      long lastTs = -1;
      for (int k = 0; k < FRAMES; k++) {
        assertTrue(cam.grab(img), "frame " + k);
        assertEquals(W, img.width());
        assertEquals(H, img.height());
        for (int y = 0; y < H; y++) {
          for (int x = 0; x < W; x++) {
            // 8-bit sources: swscale widens v to (v << 8) | v = 257 v, the full-range expansion
            int expected = sixteen ? level16(k, x, y) : 257 * level8(k, x, y);
            if (img.get(x, y) != expected) {
              assertEquals(expected, img.get(x, y), "frame " + k + " pixel " + x + "," + y);
            }
          }
        }
        assertTrue(cam.lastTimestampMicros() > lastTs, "timestamps increase");
        assertEquals(Math.round(k * 1e6 / FPS), cam.lastTimestampMicros(), 1000, "frame " + k + " time");
        lastTs = cam.lastTimestampMicros();
      }
      assertEquals(FRAMES, cam.framesGrabbed());
      assertTrue(cam.status().healthy(), cam.status().toString());
      assertFalse(cam.grab(img), "end of file");
      assertFalse(cam.grab(img), "stays at end");
      assertEquals(FRAMES, cam.framesGrabbed());
      DeviceStatus st = cam.status();
      assertFalse(st.connected());
      assertTrue(st.version().startsWith("ffmpeg "), st.version());
      assertTrue(st.problems().contains("end of stream after 10 frames"), st.toString());
    }
  }

  @Test
  void grabsEveryFrameOfA16BitFfv1MatroskaExactly() throws Exception {
    Path file = tmp.resolve("gray16.mkv");
    record(file, "matroska", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_GRAY16LE, true);
    checkFile(file, true);
  }

  @Test
  void grabsEveryFrameOfA16BitRawvideoNutExactly() throws Exception {
    // Not AVI: its header has no pixel format, so 16-bit raw video reads back as RGB555 and levels change.
    Path file = tmp.resolve("gray16.nut");
    record(file, "nut", avcodec.AV_CODEC_ID_RAWVIDEO, avutil.AV_PIX_FMT_GRAY16LE, true);
    checkFile(file, true);
  }

  @Test
  void widensAn8BitSourceTo16Bits() throws Exception {
    Path file = tmp.resolve("gray8.mkv");
    record(file, "matroska", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_GRAY8, false);
    checkFile(file, false);
  }

  @Test
  void unopenableSourceFailsNamingItAndClosedCameraRefuses() throws Exception {
    Path missing = tmp.resolve("no-such-video.mkv");
    DeviceException e = assertThrows(DeviceException.class, () -> open(missing));
    assertTrue(e.getMessage().startsWith("preview0: cannot open " + missing), e.getMessage());

    Path file = tmp.resolve("gray16.mkv");
    record(file, "matroska", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_GRAY16LE, true);
    FfmpegGrabberCamera cam = open(file);
    cam.close();
    cam.close();
    DeviceException closed = assertThrows(DeviceException.class, () -> cam.grab(new GrayU16(1, 1)));
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    assertTrue(cam.status().problems().contains("closed"));
  }
}
