package org.dpface.capture.device;

/** A camera did not deliver an expected frame within its per-frame timeout. */
public class FrameTimeoutException extends DeviceException {
  private static final long serialVersionUID = 1L;

  public FrameTimeoutException(String message) {
    super(message);
  }
}
