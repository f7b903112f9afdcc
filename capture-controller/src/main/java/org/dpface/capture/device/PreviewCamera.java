package org.dpface.capture.device;

import org.dpface.core.image.GrayU16;

/**
 * A camera that streams ordinary (non-dual-pixel) frames for live preview and alignment: UVC webcams,
 * V4L2 machine-vision cameras, video files or network streams. It is deliberately not a {@link DpCamera}:
 * a {@link DpFrame} promises two half-aperture views, and a full frame paired with a fabricated second view
 * would be silently wrong DP data in a take.
 *
 * <p>Frames are free-running (not fired by the trigger board) and pulled one at a time into a caller-owned
 * buffer, so a preview loop allocates nothing per frame.
 */
public interface PreviewCamera extends Device {

  /**
   * Grabs the next video frame as 16-bit gray into {@code output}, which is reshaped to the frame size.
   *
   * @return true if a frame was written; false at the end of a finite source (a file), after which every
   *     call returns false
   * @throws DeviceException if the source cannot be read or the camera is closed
   */
  boolean grab(GrayU16 output) throws DeviceException;

  /** Presentation time of the last grabbed frame in µs from the stream start (−1 before the first frame). */
  long lastTimestampMicros();

  /** Number of frames grabbed since opening. */
  long framesGrabbed();
}
