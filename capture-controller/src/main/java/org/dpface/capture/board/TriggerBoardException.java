package org.dpface.capture.board;

import java.io.IOException;

/** A trigger board failed: port lost, no reply, protocol violation. Messages name the port. */
public class TriggerBoardException extends IOException {
  /** @param message names the port and what went wrong */
  public TriggerBoardException(String message) {
    super(message);
  }

  /** @param message names the port and what went wrong */
  public TriggerBoardException(String message, Throwable cause) {
    super(message, cause);
  }
}
