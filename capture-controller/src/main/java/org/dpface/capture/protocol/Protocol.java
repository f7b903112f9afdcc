package org.dpface.capture.protocol;

/** Protocol-wide constants of the trigger-board protocol (docs/trigger-protocol.md). */
public final class Protocol {
  /** Protocol version this code speaks (HELLO / IDENTIFY). */
  public static final int VERSION = 1;
  /** Most steps one ARM frame carries; longer plans are sent in chunks. */
  public static final int MAX_STEPS_PER_ARM = 50;
  /** Most timestamps one STEP_LOG frame carries. */
  public static final int MAX_STEPS_PER_LOG = 60;
  /** Widest channel mask (bits). */
  public static final int MAX_CHANNELS = 16;
  /** Bytes per step in an ARM payload: mask u16, delay u32, pulse u32. */
  public static final int ARM_STEP_BYTES = 10;
  /** Bytes before the steps in an ARM payload: plan id u16, total u16, offset u16, count u8. */
  public static final int ARM_HEADER_BYTES = 7;

  private Protocol() {}
}
