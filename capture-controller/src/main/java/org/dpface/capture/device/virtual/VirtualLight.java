package org.dpface.capture.device.virtual;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dpface.capture.device.DeviceException;
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
  private boolean on;
  private double level;
  private int flashes;
  private long lastFlashBoardMicros = -1;
  private Instant lastSeen;
  private boolean closed;

  /** @param id light id from the rig description */
  public VirtualLight(String id, Clock clock) {
    this.id = id;
    this.clock = clock;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized void set(boolean on, double level) throws DeviceException {
    if (closed) {
      throw new DeviceException(id + ": light is closed");
    }
    if (!(level >= 0 && level <= 1)) {
      throw new IllegalArgumentException(id + ": level " + level + " not in [0, 1]");
    }
    this.on = on;
    this.level = level;
    lastSeen = clock.instant();
  }

  /** The board pulsed this light's channel at {@code boardMicros} (on for the pulse, then off again). */
  public synchronized void flash(long boardMicros) {
    if (!closed) {
      flashes++;
      lastFlashBoardMicros = boardMicros;
      lastSeen = clock.instant();
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
    return new DeviceStatus(id, !closed, "virtual-light 1", Optional.ofNullable(lastSeen),
        closed ? List.of("closed") : List.of());
  }

  @Override
  public synchronized void close() {
    closed = true;
    on = false;
  }
}
