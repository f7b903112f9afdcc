package org.dpface.cli.capture;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dpface.capture.board.SerialTriggerBoard;
import org.dpface.capture.board.TriggerBoardException;
import org.dpface.capture.device.DeviceStatus;
import org.dpface.capture.device.virtual.TestPatternFrameSource;
import org.dpface.capture.run.VirtualCaptureRig;
import org.dpface.capture.status.RigStatus;
import org.dpface.cli.Dpface;
import org.dpface.cli.rig.RigCommand;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.TriggerDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dpface rig status}: every device of a rig — connected, version, last seen, problems. A rig with a
 * virtual board is brought up on virtual devices and probed; a serial board is opened and asked IDENTIFY
 * and STATUS. Exit code 1 unless every device is healthy.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Shows every device of a rig: connected, version, last seen, problems.",
        "Exit code 0 when all are healthy, 1 otherwise."})
public final class RigStatusCommand implements Callable<Integer> {
  @Option(names = "--rig", required = true, paramLabel = "ID|FILE", description = "A bundled rig id or a rig file.")
  String rig;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RigDescription r = RigCommand.load(rig);
    Clock clock = Clock.systemUTC();
    RigStatus status;
    if (r.triggerBoard().driver() == TriggerDriver.VIRTUAL) {
      try (VirtualCaptureRig v = VirtualRigLauncher.open(r,
          // a status probe captures no take: the cheap test-pattern source stands behind the cameras
          new TestPatternFrameSource(r.cameras().stream().map(c -> c.id()).toList(), 1, 0),
          VirtualRigLauncher.Link.AUTO, clock)) {
        status = RigStatus.probe(r.id(), v.rig().board(), null, v.rig().devices(), clock);
      }
    } else {
      List<DeviceStatus> devices = new ArrayList<>();
      String port = r.triggerBoard().port().orElse("?");
      SerialTriggerBoard board = null;
      String problem = null;
      try {
        board = SerialTriggerBoard.open(port, SerialTriggerBoard.Options.defaults());
      } catch (TriggerBoardException e) {
        problem = e.getMessage();
      }
      for (String id : r.deviceIds()) {
        devices.add(new DeviceStatus(id, false, "", Optional.empty(),
            List.of("no driver for this device in this build (physical camera/projector/light drivers are not wired"
                + " into the CLI yet)")));
      }
      RigStatus b = RigStatus.probe(r.id(), board, problem, List.of(), clock);
      if (board != null) {
        board.close();
      }
      List<DeviceStatus> all = new ArrayList<>(b.devices());
      all.addAll(devices);
      status = new RigStatus(r.id(), b.probed(), all);
    }
    spec.commandLine().getOut().print(status.format());
    spec.commandLine().getOut().flush();
    return status.healthy() ? Dpface.EXIT_OK : Dpface.EXIT_FAILURE;
  }
}
