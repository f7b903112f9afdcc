package org.dpface.capture.device.ffmpeg;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FFmpeg's native log (normally written to stderr) to SLF4J, so that library code and tests using
 * FFmpeg stay quiet unless a logger is configured. FFmpeg errors map to WARN (many are recoverable probing
 * messages), warnings to DEBUG; the native level is set to warnings so chatty levels never cross into Java.
 */
final class FfmpegLogs {
  private static final Logger LOG = LoggerFactory.getLogger("org.dpface.capture.device.ffmpeg.FFmpeg");
  /** Kept reachable for the life of the process: native code holds a pointer to it. */
  private static LogCallback callback;

  private FfmpegLogs() {}

  static synchronized void routeToSlf4j() {
    if (callback != null) {
      return;
    }
    callback = new LogCallback() {
      @Override
      public void call(int level, BytePointer msg) {
        String text = msg.getString().strip();
        if (text.isEmpty()) {
          return;
        }
        if (level <= avutil.AV_LOG_ERROR) {
          LOG.warn("{}", text);
        } else {
          LOG.debug("{}", text);
        }
      }
    }.retainReference();
    avutil.av_log_set_level(avutil.AV_LOG_WARNING);
    avutil.setLogCallback(callback);
  }
}
