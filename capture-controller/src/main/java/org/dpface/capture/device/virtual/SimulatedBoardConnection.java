package org.dpface.capture.device.virtual;

import com.fazecast.jSerialComm.SerialPort;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dpface.capture.board.SerialTriggerBoard;
import org.dpface.capture.board.SimulatedBoard;
import org.dpface.capture.transport.SerialLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual rig's trigger board: a {@link SimulatedBoard} speaking the protocol byte for byte, and the
 * host's {@link SerialTriggerBoard} talking to it, either through a real pty pair made by {@code socat}
 * (the same kernel tty path as a USB board) or through an in-process pipe when socat is missing.
 * Closing stops the simulator and releases the link (and kills socat).
 */
public final class SimulatedBoardConnection implements AutoCloseable {
  /** How the host reaches the simulated board. */
  public enum Transport {
    /** A socat pty pair; the host opens its end with jSerialComm by path. */
    PTY,
    /** Two in-memory pipes; no external tool. */
    IN_PROCESS
  }

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedBoardConnection.class);
  private static final int BOARD_READ_POLL_MILLIS = 20;

  private final Transport transport;
  private final SimulatedBoard simulator;
  private final SerialTriggerBoard board;
  private final String port;
  private final Process socat;
  private final SerialPort boardPort;
  private final BytePipe[] pipes;
  private List<Path> cleanup = List.of();

  private SimulatedBoardConnection(Transport transport, SimulatedBoard simulator, SerialTriggerBoard board,
      String port, Process socat, SerialPort boardPort, BytePipe[] pipes) {
    this.transport = transport;
    this.simulator = simulator;
    this.board = board;
    this.port = port;
    this.socat = socat;
    this.boardPort = boardPort;
    this.pipes = pipes;
  }

  /** True if {@code socat} is on the PATH. */
  public static boolean socatAvailable() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "socat"))) {
        return true;
      }
    }
    return false;
  }

  /** {@link Transport#PTY} when socat is available, else {@link Transport#IN_PROCESS}. */
  public static Transport bestTransport() {
    return socatAvailable() ? Transport.PTY : Transport.IN_PROCESS;
  }

  /**
   * Starts {@code simulator} and connects a host board to it.
   *
   * @param workDir where the pty links and socat's log go (PTY only); null: a temporary folder, deleted on
   *     {@link #close()}. The files made there are deleted on close either way.
   */
  public static SimulatedBoardConnection open(Transport transport, Path workDir, SimulatedBoard simulator,
      SerialTriggerBoard.Options options) throws IOException {
    return transport == Transport.PTY ? openPty(workDir, simulator, options) : openInProcess(simulator, options);
  }

  private static SimulatedBoardConnection openInProcess(SimulatedBoard sim, SerialTriggerBoard.Options options) {
    BytePipe toBoard = new BytePipe("in-process link host->board", 1 << 14);
    BytePipe toHost = new BytePipe("in-process link board->host", 1 << 14);
    InputStream in = new InputStream() {
      private final byte[] one = new byte[1];

      @Override
      public int read() throws IOException {
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          int n = toBoard.read(b, off, len, BOARD_READ_POLL_MILLIS);
          if (n == 0) {
            throw new InterruptedIOException("no byte within " + BOARD_READ_POLL_MILLIS + " ms");
          }
          return n;
        } catch (InterruptedIOException e) {
          throw e;
        } catch (IOException e) {
          return -1; // host closed the link
        }
      }
    };
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        toHost.write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        toHost.write(b, off, len);
      }
    };
    String name = "in-process:simulated-board";
    SerialLink link = new SerialLink() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        return toHost.read(buf, off, len, timeoutMillis);
      }

      @Override
      public void write(byte[] buf, int off, int len) throws IOException {
        toBoard.write(buf, off, len);
      }

      @Override
      public void close() {
        toBoard.close();
        toHost.close();
      }
    };
    sim.start(in, out);
    return new SimulatedBoardConnection(Transport.IN_PROCESS, sim, new SerialTriggerBoard(link, options), name,
        null, null, new BytePipe[] {toBoard, toHost});
  }

  private static SimulatedBoardConnection openPty(Path workDir, SimulatedBoard sim,
      SerialTriggerBoard.Options options) throws IOException {
    Path dir = workDir == null ? Files.createTempDirectory("dpface-board-") : Files.createDirectories(workDir);
    Path host = dir.resolve("host-tty");
    Path boardEnd = dir.resolve("board-tty");
    Path log = dir.resolve("socat.log");
    Process socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + host,
        "pty,raw,echo=0,link=" + boardEnd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    SerialPort bp = null;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!Files.exists(host) || !Files.exists(boardEnd)) {
        if (!socat.isAlive() || System.nanoTime() - deadline > 0) {
          throw new IOException("socat made no pty pair in " + dir + ": " + Files.readString(log).strip());
        }
        Thread.sleep(5);
      }
      bp = SerialPort.getCommPort(boardEnd.toString());
      bp.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
          BOARD_READ_POLL_MILLIS, 1000);
      if (!bp.openPort()) {
        throw new IOException("cannot open the board end " + boardEnd + " (errno " + bp.getLastErrorCode() + ")");
      }
      bp.flushIOBuffers();
      sim.start(bp.getInputStream(), bp.getOutputStream());
      SerialTriggerBoard b = SerialTriggerBoard.open(host.toString(), options);
      SimulatedBoardConnection c = new SimulatedBoardConnection(Transport.PTY, sim, b, host.toString(), socat, bp,
          null);
      c.cleanup = workDir == null ? List.of(host, boardEnd, log, dir) : List.of(host, boardEnd, log);
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      sim.close();
      if (bp != null) {
        bp.closePort();
      }
      socat.destroyForcibly();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while starting socat", e);
      }
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
  }

  /** How the host reaches the board. */
  public Transport transport() {
    return transport;
  }

  /** The host side: what the capture code talks to. */
  public SerialTriggerBoard board() {
    return board;
  }

  /** The board side, e.g. to {@link SimulatedBoard#reboot()} it. */
  public SimulatedBoard simulator() {
    return simulator;
  }

  /** The host's port path or link name. */
  public String port() {
    return port;
  }

  @Override
  public void close() {
    board.close();
    if (pipes != null) {
      for (BytePipe p : pipes) {
        p.close();
      }
    }
    simulator.close();
    if (boardPort != null) {
      boardPort.closePort();
    }
    if (socat != null) {
      socat.destroyForcibly();
      try {
        socat.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Path p : cleanup) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        LOG.debug("cannot delete {}: {}", p, e.toString());
      }
    }
  }
}
