package org.dpface.capture.board;

/**
 * The board rebooted (new boot nonce) since it was identified; whatever plan it held is gone. Call
 * {@link TriggerBoard#identify()} and {@link TriggerBoard#arm(TriggerPlan)} again.
 */
public final class BoardRebootedException extends TriggerBoardException {
  private final int stepsFiredBeforeReboot;

  /**
   * @param stepsFiredBeforeReboot steps of the running plan seen before the reboot, -1 if none was running
   */
  public BoardRebootedException(String message, int stepsFiredBeforeReboot) {
    super(message);
    this.stepsFiredBeforeReboot = stepsFiredBeforeReboot;
  }

  /** Steps of the running plan seen before the reboot, -1 if no plan was running. */
  public int stepsFiredBeforeReboot() {
    return stepsFiredBeforeReboot;
  }
}
