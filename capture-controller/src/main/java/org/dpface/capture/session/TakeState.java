package org.dpface.capture.session;

/** Life cycle of a take: PLANNED → CAPTURING → COMPLETE | FAILED | INCOMPLETE; any → SUPERSEDED on retake. */
public enum TakeState {
  /** In the plan, not started. */
  PLANNED,
  /** Frames are being written into {@code <id>.partial/}. */
  CAPTURING,
  /** All frames verified; stored under {@code <id>/}. */
  COMPLETE,
  /** Capture or verification failed; kept under {@code <id>.failed/} with the reason. */
  FAILED,
  /** The process died mid-take; found on reopen, kept under {@code <id>.incomplete/}. */
  INCOMPLETE,
  /** Replaced by a retake; its files stay where they were. */
  SUPERSEDED
}
