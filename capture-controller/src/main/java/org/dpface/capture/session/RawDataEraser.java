package org.dpface.capture.session;

import java.io.IOException;

/** Deletes a withdrawn subject's raw data; implemented by the storage layer. */
@FunctionalInterface
public interface RawDataEraser {

  /**
   * Deletes every raw take of {@code subjectId}.
   *
   * @return a one-line summary for the deletion log, e.g. {@code "deleted sessions [...], 412 files"}
   */
  String erase(String subjectId) throws IOException;
}
