package org.dpface.cli.capture;

import java.io.IOException;
import java.time.Clock;
import org.dpface.capture.board.SimulatedBoard;
import org.dpface.capture.device.virtual.SimulatedBoardConnection;
import org.dpface.capture.device.virtual.FrameSource;
import org.dpface.capture.run.VirtualCaptureRig;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.TriggerDriver;

/**
 * Brings up a rig whose trigger board is virtual for the CLI. The cameras render from the given frame
 * source (the virtual rig's takes through {@link VirtualSubjects}); the board is the protocol simulator
 * behind a socat pty when available (the kernel tty path a USB board takes), else behind the in-process
 * link.
 */
final class VirtualRigLauncher {
  private VirtualRigLauncher() {}

  /** How the CLI reaches the simulated board: auto (pty if socat is installed), pty, in-process. */
  enum Link { AUTO, PTY, IN_PROCESS }

  static VirtualCaptureRig open(RigDescription rig, FrameSource source, Link link, Clock clock) throws IOException {
    if (rig.triggerBoard().driver() != TriggerDriver.VIRTUAL) {
      throw new IllegalArgumentException("rig " + rig.id() + " has a " + rig.triggerBoard().driver()
          + " trigger board; this build captures only on rigs with a virtual board (physical camera drivers"
          + " are not wired into the CLI yet)");
    }
    SimulatedBoardConnection.Transport t = switch (link) {
      case AUTO -> SimulatedBoardConnection.bestTransport();
      case PTY -> SimulatedBoardConnection.Transport.PTY;
      case IN_PROCESS -> SimulatedBoardConnection.Transport.IN_PROCESS;
    };
    return VirtualCaptureRig.open(rig, source, t, null, SimulatedBoard.builder().build(), clock);
  }
}
