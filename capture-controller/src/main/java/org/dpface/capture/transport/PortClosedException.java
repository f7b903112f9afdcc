package org.dpface.capture.transport;

import java.io.IOException;

/** The serial port disappeared or failed: unplugged board, closed pty, I/O error. */
public final class PortClosedException extends IOException {
  /** @param message names the port and what was being done */
  public PortClosedException(String message) {
    super(message);
  }
}
