package org.dpface.capture.device.virtual;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.dpface.capture.device.DeviceException;
import org.dpface.capture.device.DeviceHealth;
import org.dpface.capture.device.DeviceStatus;
import org.dpface.capture.device.Projector;

/**
 * A projector of the virtual rig: holds a pattern list and the index shown; each advance pulse from the
 * trigger board ({@link VirtualWiring}) moves to the next pattern. What it shows is bookkeeping here: the
 * {@link FrameSource} renders the scene of each step. An advance past the last pattern is recorded as a
 * problem (a real projector would wrap or stall), never silently.
 */
public final class VirtualProjector implements Projector {
  private final String id;
  private final Clock clock;
  private final DeviceHealth health;
  private List<String> patterns = List.of();
  private int current = -1;
  private int advances;

  /** @param id projector id from the rig description */
  public VirtualProjector(String id, Clock clock) {
    this.id = id;
    this.clock = clock;
    this.health = new DeviceHealth(id, "projector");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized void loadPatterns(List<String> patternIds) throws DeviceException {
    health.checkOpen();
    patterns = List.copyOf(patternIds);
    current = patterns.isEmpty() ? -1 : 0;
    advances = 0;
    health.clearProblem();
    health.seen(clock.instant());
  }

  @Override
  public synchronized int patternCount() {
    return patterns.size();
  }

  @Override
  public synchronized void show(int index) throws DeviceException {
    health.checkOpen();
    if (index < 0 || index >= patterns.size()) {
      throw health.fail(id + ": pattern " + index + " not in 0.." + (patterns.size() - 1));
    }
    current = index;
    health.seen(clock.instant());
  }

  @Override
  public synchronized void advance() throws DeviceException {
    health.checkOpen();
    if (current + 1 >= patterns.size()) {
      throw health.fail(id + ": advance past the last of " + patterns.size() + " patterns");
    }
    current++;
    advances++;
    health.seen(clock.instant());
  }

  /** Advance pulses received since the patterns were loaded. */
  public synchronized int advances() {
    return advances;
  }

  @Override
  public synchronized int currentIndex() {
    return current;
  }

  /** The id of the pattern shown now, empty before any pattern was loaded. */
  public synchronized Optional<String> currentPattern() {
    return current < 0 ? Optional.empty() : Optional.of(patterns.get(current));
  }

  @Override
  public synchronized DeviceStatus status() {
    return new DeviceStatus(id, !health.closed(), "virtual-projector 1", health.lastSeen(), health.problems(null));
  }

  @Override
  public synchronized void close() {
    health.close();
  }
}
