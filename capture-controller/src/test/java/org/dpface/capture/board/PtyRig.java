package org.dpface.capture.board;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Path;

/** A simulated board on one end of a {@link PtyPair}; the other end is for the host. */
final class PtyRig implements AutoCloseable {
  final PtyPair pty;
  final FaultInjector faults;
  final SimulatedBoard board;
  private final SerialPort boardPort;

  PtyRig(Path dir, long seed, SimulatedBoard.Builder builder) throws Exception {
    pty = new PtyPair(dir);
    faults = new FaultInjector(seed);
    boardPort = pty.openBoardEnd();
    board = builder.optSeed(seed).optFaults(faults).build();
    board.start(boardPort.getInputStream(), boardPort.getOutputStream());
  }

  String hostPath() {
    return pty.hostEnd.toString();
  }

  @Override
  public void close() {
    board.close();
    boardPort.closePort();
    pty.close();
  }
}
