package org.dpface.capture.run;

import org.dpface.capture.session.Take;

/**
 * Progress of a capture, for a progress bar or a log. Called on the capturing thread; keep it quick.
 * Every method has an empty default.
 */
public interface CaptureListener {
  /** A listener that ignores everything. */
  CaptureListener NONE = new CaptureListener() {};

  /** Take {@code index} (1-based) of {@code count} starts. */
  default void takeStarted(Take take, int index, int count) {}

  /** The board fired the take's plan. */
  default void fired(Take take, int steps) {}

  /** Frame {@code frame} (1-based) of {@code frames} of the take is stored. */
  default void frameStored(Take take, int frame, int frames) {}

  /** The take finished: COMPLETE or FAILED with its reason. */
  default void takeFinished(Take take, int index, int count) {}
}
