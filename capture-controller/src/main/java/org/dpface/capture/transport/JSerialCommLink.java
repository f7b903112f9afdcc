package org.dpface.capture.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SerialLink} over a jSerialComm port opened by path (a USB CDC device such as {@code /dev/ttyACM0},
 * or a pty made by socat). The port is put in semi-blocking read mode with a short poll timeout, so a read
 * returns as soon as any byte arrives and timeouts are enforced here to the millisecond; input and output
 * buffers are flushed right after opening (an Arduino may have printed a boot banner, a pty may hold stale
 * bytes).
 */
public final class JSerialCommLink implements SerialLink {
  private static final Logger LOG = LoggerFactory.getLogger(JSerialCommLink.class);
  /** Longest single wait inside jSerialComm; bounds how late a timeout can be noticed. */
  private static final int POLL_MILLIS = 10;
  private static final int WRITE_TIMEOUT_MILLIS = 1000;

  private final SerialPort port;
  private final String name;
  private volatile boolean closed;

  private JSerialCommLink(SerialPort port, String name) {
    this.port = port;
    this.name = name;
  }

  /**
   * Opens the port at {@code path} at {@code baud} bits/s, 8N1, no flow control.
   *
   * @throws PortClosedException if the port does not exist or cannot be opened, naming the path and the
   *     OS error code
   */
  public static JSerialCommLink open(String path, int baud) throws IOException {
    SerialPort port;
    try {
      port = SerialPort.getCommPort(path);
    } catch (RuntimeException e) {
      throw new PortClosedException("serial port " + path + " does not exist: " + e.getMessage());
    }
    port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
        POLL_MILLIS, WRITE_TIMEOUT_MILLIS);
    if (!port.openPort()) {
      throw new PortClosedException("cannot open serial port " + path + " (errno " + port.getLastErrorCode()
          + " at jSerialComm line " + port.getLastErrorLocation() + ")");
    }
    port.flushIOBuffers();
    LOG.debug("opened serial port {} at {} baud", path, baud);
    return new JSerialCommLink(port, path);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
      if (closed) {
        throw new PortClosedException("serial port " + name + " is closed");
      }
      int n = port.readBytes(buf, len, off);
      if (n < 0) {
        throw new PortClosedException("serial port " + name + " failed or vanished while reading (errno "
            + port.getLastErrorCode() + ")");
      }
      if (n > 0 || System.nanoTime() - deadline >= 0) {
        return n;
      }
    }
  }

  @Override
  public void write(byte[] buf, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      if (closed) {
        throw new PortClosedException("serial port " + name + " is closed");
      }
      int n = port.writeBytes(buf, len - done, off + done);
      if (n < 0) {
        throw new PortClosedException("serial port " + name + " failed or vanished while writing (errno "
            + port.getLastErrorCode() + ")");
      }
      if (n == 0) {
        throw new PortClosedException("serial port " + name + " accepted no bytes within "
            + WRITE_TIMEOUT_MILLIS + " ms");
      }
      done += n;
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      port.closePort();
      LOG.debug("closed serial port {}", name);
    }
  }
}
