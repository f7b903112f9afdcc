package org.dpface.capture.device.virtual;

import java.time.Clock;
import org.dpface.capture.device.DeviceException;
import org.dpface.capture.device.DeviceHealth;
import org.dpface.capture.device.DeviceStatus;
import org.dpface.capture.device.Light;

/**
 * A light of the virtual rig. The host may switch it ({@link #set}); the trigger board flashes it for a
 * step's pulse ({@link #flash}, from {@link VirtualWiring}), which is counted so tests can check that each
 * light fired exactly in its DP step.
 */
public final class VirtualLight implements Light {
  private final String id;
  private final Clock clock;
  private final DeviceHealth health;
  private boolean on;
  private double level;
  private int flashes;
  private long lastFlashBoardMicros = -1;

  /** @param id light id from the rig description */
  public VirtualLight(String id, Clock clock) {
    this.id = id;
    this.clock = clock;
    this.health = new DeviceHealth(id, "light");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized void set(boolean on, double level) throws DeviceException {
    health.checkOpen();
    if (!(level >= 0 && level <= 1)) {
      throw new IllegalArgumentException(id + ": level " + level + " not in [0, 1]");
    }
    this.on = on;
    this.level = level;
    health.seen(clock.instant());
  }

  /** The board pulsed this light's channel at {@code boardMicros} (on for the pulse, then off again). */
  public synchronized void flash(long boardMicros) {
    if (!health.closed()) {
      flashes++;
      lastFlashBoardMicros = boardMicros;
      health.seen(clock.instant());
    }
  }

  /** Pulses received so far. */
  public synchronized int flashes() {
    return flashes;
  }

  /** Board time of the last pulse, −1 if none. */
  public synchronized long lastFlashBoardMicros() {
    return lastFlashBoardMicros;
  }

  @Override
  public synchronized boolean isOn() {
    return on;
  }

  @Override
  public synchronized double level() {
    return level;
  }

  @Override
  public synchronized DeviceStatus status() {
    return new DeviceStatus(id, !health.closed(), "virtual-light 1", health.lastSeen(), health.problems(null));
  }

  @Override
  public synchronized void close() {
    health.close();
    on = false;
  }
}
