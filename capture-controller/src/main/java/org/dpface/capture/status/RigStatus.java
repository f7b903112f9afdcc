package org.dpface.capture.status;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dpface.capture.board.BoardInfo;
import org.dpface.capture.board.BoardStatus;
import org.dpface.capture.board.TriggerBoard;
import org.dpface.capture.board.TriggerBoardException;
import org.dpface.capture.device.Device;
import org.dpface.capture.device.DeviceStatus;
import org.dpface.capture.protocol.BoardState;

/**
 * What {@code dpface rig status} shows: one {@link DeviceStatus} per device, the trigger board first
 * (probed with IDENTIFY and STATUS), then every camera, projector and light in rig order.
 *
 * @param rigId the rig
 * @param probed host time of the probe
 * @param devices every device's status (immutable copy)
 */
public record RigStatus(String rigId, Instant probed, List<DeviceStatus> devices) {
  /** The id under which the trigger board is listed. */
  public static final String BOARD_ID = "trigger-board";

  public RigStatus {
    devices = List.copyOf(devices);
  }

  /** Probes {@code board} (may be null when it could not be opened: {@code boardProblem} says why) and the devices. */
  public static RigStatus probe(String rigId, TriggerBoard board, String boardProblem, List<? extends Device> others,
      Clock clock) {
    List<DeviceStatus> all = new ArrayList<>();
    all.add(board == null
        ? new DeviceStatus(BOARD_ID, false, "", Optional.empty(), List.of(boardProblem))
        : probeBoard(board, clock));
    for (Device d : others) {
      all.add(d.status());
    }
    return new RigStatus(rigId, clock.instant(), all);
  }

  /** IDENTIFY + STATUS; never throws. */
  public static DeviceStatus probeBoard(TriggerBoard board, Clock clock) {
    try {
      BoardInfo info = board.identify();
      BoardStatus s = board.status();
      List<String> problems = new ArrayList<>();
      if (s.lastErrorCode() != 0) {
        problems.add("last error code " + s.lastErrorCode());
      }
      if (s.state() == BoardState.FIRING) {
        problems.add("busy firing plan " + s.planId());
      }
      String version = "firmware " + info.firmware() + ", protocol " + info.protocolVersion() + ", "
          + info.channelCount() + " channels, boot #" + info.bootCount() + " on " + info.port();
      return new DeviceStatus(BOARD_ID, true, version, Optional.of(clock.instant()), problems);
    } catch (TriggerBoardException e) {
      return new DeviceStatus(BOARD_ID, false, "", Optional.empty(), List.of(e.getMessage()));
    }
  }

  /** True if every device is connected and without problems. */
  public boolean healthy() {
    return devices.stream().allMatch(DeviceStatus::healthy);
  }

  /** A text table: device, connected, version, last seen, problems. */
  public String format() {
    StringBuilder b = new StringBuilder();
    b.append("rig ").append(rigId).append(" (probed ").append(probed).append(")\n");
    b.append(String.format("%-14s %-9s %-24s %s%n", "DEVICE", "STATE", "LAST SEEN", "VERSION / PROBLEMS"));
    for (DeviceStatus d : devices) {
      String state = !d.connected() ? "OFFLINE" : d.problems().isEmpty() ? "ok" : "PROBLEM";
      String seen = d.lastSeen().map(Instant::toString).orElse("never");
      String text = d.version() + (d.problems().isEmpty() ? "" : (d.version().isEmpty() ? "" : "; ")
          + String.join("; ", d.problems()));
      b.append(String.format("%-14s %-9s %-24s %s%n", d.deviceId(), state, seen, text));
    }
    long bad = devices.stream().filter(d -> !d.healthy()).count();
    b.append(devices.size()).append(" devices, ").append(bad == 0 ? "all healthy" : bad + " with problems")
        .append('\n');
    return b.toString();
  }
}
