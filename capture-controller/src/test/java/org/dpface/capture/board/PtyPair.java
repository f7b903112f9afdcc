package org.dpface.capture.board;

import com.fazecast.jSerialComm.SerialPort;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A pair of connected pseudo-terminals made by {@code socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B}:
 * bytes written to one come out of the other, through the kernel's tty layer like a USB CDC serial port.
 * Killing it makes both ends vanish, like an unplugged board.
 */
final class PtyPair implements AutoCloseable {
  /** Reason given when socat is missing. */
  static final String NO_SOCAT = "socat not on PATH: the pty serial tests need it (apt-get install socat;"
      + " .ci/run installs it)";

  final Path hostEnd;
  final Path boardEnd;
  private final Process socat;

  PtyPair(Path dir) throws IOException, InterruptedException {
    hostEnd = dir.resolve("host-tty");
    boardEnd = dir.resolve("board-tty");
    socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + hostEnd,
        "pty,raw,echo=0,link=" + boardEnd)
        .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(Files.exists(hostEnd) && Files.exists(boardEnd))) {
      if (!socat.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new IOException("socat did not create the pty pair; log: "
            + Files.readString(dir.resolve("socat.log")));
      }
      Thread.sleep(5);
    }
  }

  static boolean socatAvailable() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, "socat"))) {
        return true;
      }
    }
    return false;
  }

  /** Opens the board end with jSerialComm, semi-blocking reads with a 20 ms timeout, buffers flushed. */
  SerialPort openBoardEnd() throws IOException {
    SerialPort p = SerialPort.getCommPort(boardEnd.toString());
    p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 20, 1000);
    if (!p.openPort()) {
      throw new IOException("cannot open " + boardEnd + " (errno " + p.getLastErrorCode() + ")");
    }
    p.flushIOBuffers();
    return p;
  }

  /** Kills socat: both ptys disappear. */
  void kill() {
    socat.destroyForcibly();
    try {
      socat.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
