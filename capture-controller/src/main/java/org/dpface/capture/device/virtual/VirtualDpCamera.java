package org.dpface.capture.device.virtual;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.dpface.capture.device.DeviceException;
import org.dpface.capture.device.DeviceHealth;
import org.dpface.capture.device.DeviceStatus;
import org.dpface.capture.device.DpCamera;
import org.dpface.capture.device.DpFrame;
import org.dpface.core.image.GrayU16;
import org.dpface.rigs.Resolution;
import org.dpface.rigs.SplitAxis;

/**
 * A DP camera of the virtual rig. It exposes only when its shutter line is pulsed
 * ({@link #shutter(int, long)}, driven by {@link VirtualWiring} from the steps the trigger board reports
 * as fired): each pulse while armed queues one exposure carrying the board step and its board
 * timestamp, and {@link #nextFrame} renders that step with the {@link FrameSource}. A step whose trigger
 * never fired never yields a frame; the host then times out.
 *
 * <p>Fault injection for tests: {@link #missShutter(int)} makes the camera ignore the pulse of one board
 * step once, as a camera with a flaky remote cable or a full buffer would.
 *
 * <p>Thread-safe: the wiring thread pulses while the host collects.
 */
public final class VirtualDpCamera implements DpCamera {
  private final String id;
  private final Resolution resolution;
  private final SplitAxis splitAxis;
  private final FrameSource source;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition exposed = lock.newCondition();
  private final ArrayDeque<long[]> pending = new ArrayDeque<>();
  private final Set<Integer> missOnce = new HashSet<>();
  private final DeviceHealth health;
  private int armedExposures = -1;
  private long exposureMicros;
  private int exposuresTaken;
  private int delivered;

  /**
   * @param id camera id from the rig description
   * @param resolution size of each DP view
   * @param splitAxis DP split axis
   * @param source renders what the camera sees at each step
   * @param clock host clock stamped into frames
   */
  public VirtualDpCamera(String id, Resolution resolution, SplitAxis splitAxis, FrameSource source, Clock clock) {
    this.id = id;
    this.resolution = resolution;
    this.splitAxis = splitAxis;
    this.source = source;
    this.clock = clock;
    this.health = new DeviceHealth(id, "camera");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Resolution resolution() {
    return resolution;
  }

  @Override
  public SplitAxis splitAxis() {
    return splitAxis;
  }

  /** Ignores the shutter pulse of board step {@code step} once (fault injection). */
  public void missShutter(int step) {
    lock.lock();
    try {
      missOnce.add(step);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void arm(int exposures, long exposureMicros) throws DeviceException {
    if (exposures < 1) {
      throw new IllegalArgumentException(id + ": exposures must be >= 1, got " + exposures);
    }
    lock.lock();
    try {
      health.checkOpen();
      if (exposures > source.stepCount()) {
        throw health.fail(id + ": armed for " + exposures + " exposures but the frame source renders "
            + source.stepCount() + " steps");
      }
      pending.clear();
      armedExposures = exposures;
      this.exposureMicros = exposureMicros;
      exposuresTaken = 0;
      delivered = 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The shutter line was pulsed at board step {@code boardStep}, rising edge at {@code boardMicros} on the
   * board's clock. Ignored when not armed or when every armed exposure was taken.
   */
  public void shutter(int boardStep, long boardMicros) {
    lock.lock();
    try {
      if (health.closed() || armedExposures < 0 || exposuresTaken >= armedExposures) {
        return;
      }
      if (missOnce.remove(boardStep)) {
        return;
      }
      exposuresTaken++;
      pending.addLast(new long[] {boardStep, boardMicros});
      exposed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next exposure, rendered. The frame's step and board timestamp are those of the pulse that
   * exposed it; {@code boardMicros} (the host's expectation) is not trusted over the camera's own record.
   */
  @Override
  public DpFrame nextFrame(long boardMicros, Duration timeout) throws DeviceException {
    long[] shot;
    lock.lock();
    try {
      health.checkOpen();
      if (armedExposures < 0) {
        throw health.fail(id + ": nextFrame before arm");
      }
      if (delivered >= armedExposures) {
        throw health.fail(id + ": all " + armedExposures + " armed frames were already delivered");
      }
      long nanos = timeout.toNanos();
      while (pending.isEmpty()) {
        if (nanos <= 0) {
          throw health.timeout(id + ": no exposure " + delivered + " of " + armedExposures + " within "
              + timeout.toMillis() + " ms (shutter not fired or missed)");
        }
        try {
          nanos = exposed.awaitNanos(nanos);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw health.fail(id + ": interrupted while waiting for a frame");
        }
      }
      shot = pending.removeFirst();
      delivered++;
    } finally {
      lock.unlock();
    }
    int step = (int) shot[0];
    if (step >= source.stepCount()) {
      throw health.fail(id + ": shutter fired at board step " + step + " but the frame source renders "
          + source.stepCount() + " steps");
    }
    GrayU16 left = new GrayU16(resolution.width(), resolution.height());
    GrayU16 right = new GrayU16(resolution.width(), resolution.height());
    source.renderStep(id, step, left, right);
    Instant now = clock.instant();
    lock.lock();
    try {
      health.seen(now);
      health.clearProblem();
    } finally {
      lock.unlock();
    }
    return new DpFrame(id, step, exposureMicros, shot[1], now, left, right, source.sensorBits(id, step));
  }

  @Override
  public DeviceStatus status() {
    lock.lock();
    try {
      return new DeviceStatus(id, !health.closed(), "virtual-dp-camera 1", health.lastSeen(), health.problems(null));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      health.close();
      exposed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
