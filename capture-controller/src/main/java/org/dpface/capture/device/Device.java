package org.dpface.capture.device;

/**
 * Common part of every rig device driver: an id matching the rig description and a status probe.
 * Closing releases the device (port, folder watch, native handle); it is idempotent.
 */
public interface Device extends AutoCloseable {

  /** The device id from the rig description, e.g. {@code cam0}, {@code proj0}, {@code light3}. */
  String id();

  /** Probes the device; never throws, problems are reported in the status. */
  DeviceStatus status();

  @Override
  void close();
}
