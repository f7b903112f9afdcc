package org.dpface.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of this process from Linux {@code /proc/self/status}; -1 elsewhere. */
final class ProcMemory {
  private ProcMemory() {}

  /** Current RSS in bytes. */
  static long rss() {
    return field("VmRSS");
  }

  /** RSS high-water mark in bytes since start or the last {@link #resetHighWaterMark()}. */
  static long highWaterMark() {
    return field("VmHWM");
  }

  /** Resets the high-water mark to the current RSS ({@code clear_refs} 5); false if not possible. */
  static boolean resetHighWaterMark() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static long field(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
