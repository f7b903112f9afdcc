package org.dpface.capture.board;

/** No usable reply arrived within the timeout, after every retry. */
public final class BoardTimeoutException extends TriggerBoardException {
  /** @param message names the port, the command, its sequence number and the attempts made */
  public BoardTimeoutException(String message) {
    super(message);
  }
}
