package org.dpface.capture.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bookkeeping behind a driver's {@link Device#status()}: whether it was closed, the host time of the
 * last good contact, and the last problem (kept until an operation succeeds again).
 *
 * <p>Not thread-safe: the driver guards it with its own lock.
 */
public final class DeviceHealth {
  private final String id;
  private final String kind;
  private Instant lastSeen;
  private String lastProblem;
  private boolean closed;

  /**
   * @param id device id
   * @param kind what the device is, for messages such as {@code "cam0: camera is closed"}
   */
  public DeviceHealth(String id, String kind) {
    this.id = id;
    this.kind = kind;
  }

  /** True once {@link #close()} was called. */
  public boolean closed() {
    return closed;
  }

  /** Marks the device closed. */
  public void close() {
    closed = true;
  }

  /** Throws if the device was closed. */
  public void checkOpen() throws DeviceException {
    if (closed) {
      throw new DeviceException(id + ": " + kind + " is closed");
    }
  }

  /** Records {@code message} as the last problem and returns the exception to throw. */
  public DeviceException fail(String message) {
    lastProblem = message;
    return new DeviceException(message);
  }

  /** Records {@code message} as the last problem and returns the exception to throw. */
  public DeviceException fail(String message, Throwable cause) {
    lastProblem = message;
    return new DeviceException(message, cause);
  }

  /** Records {@code message} as the last problem and returns the timeout to throw. */
  public FrameTimeoutException timeout(String message) {
    lastProblem = message;
    return new FrameTimeoutException(message);
  }

  /** An operation succeeded: forgets the last problem. */
  public void clearProblem() {
    lastProblem = null;
  }

  /** Host time of the last good contact. */
  public void seen(Instant time) {
    lastSeen = time;
  }

  /** Host time of the last good contact, empty if never. */
  public Optional<Instant> lastSeen() {
    return Optional.ofNullable(lastSeen);
  }

  /**
   * The problems to report, in order: {@code "closed"}, or while open {@code whenOpen} if not null; then
   * the last problem. The list is mutable so the driver can append its own.
   */
  public List<String> problems(String whenOpen) {
    List<String> problems = new ArrayList<>();
    if (closed) {
      problems.add("closed");
    } else if (whenOpen != null) {
      problems.add(whenOpen);
    }
    if (lastProblem != null) {
      problems.add(lastProblem);
    }
    return problems;
  }
}
