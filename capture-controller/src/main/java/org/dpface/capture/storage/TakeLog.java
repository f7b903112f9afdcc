package org.dpface.capture.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.dpface.capture.session.Take;

/** What the store knows about one take: its state, frame records and FIRE result (package-private). */
final class TakeLog {
  Take take;
  final Map<String, FrameRecord> frames = new LinkedHashMap<>();
  OptionalLong fireMicros = OptionalLong.empty();
  long[] stepBoardMicros = new long[0];
  int expectedFrames = -1;

  TakeLog(Take take) {
    this.take = take;
  }
}
