package org.dpface.capture.transport;

import java.io.Closeable;
import java.io.IOException;

/** A byte pipe to a board: a serial port, or anything standing in for one. */
public interface SerialLink extends Closeable {

  /** What to call the link in messages, e.g. the port path {@code /dev/ttyACM0}. */
  String name();

  /**
   * Reads up to {@code len} bytes, waiting at most {@code timeoutMillis} for the first one.
   *
   * @return bytes read, 0 if none arrived in time
   * @throws PortClosedException if the port went away (unplugged, closed by the other end)
   */
  int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException;

  /** Writes all of {@code buf[off, off+len)}; throws {@link PortClosedException} if the port went away. */
  void write(byte[] buf, int off, int len) throws IOException;
}
