package org.dpface.capture.device;

/** A device refused a command or failed to deliver; the message names the device and what failed. */
public class DeviceException extends Exception {
  private static final long serialVersionUID = 1L;

  public DeviceException(String message) {
    super(message);
  }

  public DeviceException(String message, Throwable cause) {
    super(message, cause);
  }
}
