package org.dpface.capture.device;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code dpface rig status} shows for one device.
 *
 * @param deviceId the rig's id of the device, e.g. {@code cam0}
 * @param connected true if the device answered its last probe
 * @param version driver / firmware version string, empty if unknown
 * @param lastSeen host time of the last successful contact, empty if never
 * @param problems human-readable problems, empty when healthy (immutable copy)
 */
public record DeviceStatus(
    String deviceId, boolean connected, String version, Optional<Instant> lastSeen, List<String> problems) {
  public DeviceStatus {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(lastSeen, "lastSeen");
    problems = List.copyOf(problems);
  }

  /** True if connected and without problems. */
  public boolean healthy() {
    return connected && problems.isEmpty();
  }
}
