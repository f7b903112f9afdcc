package org.dpface.capture.device;

import java.time.Instant;
import java.util.Objects;
import org.dpface.core.image.GrayU16;

/**
 * One dual-pixel exposure: the two half-aperture views of one shutter, linear 16-bit, plus when it
 * happened. The DP disparity between {@code left} and {@code right} runs along the camera's
 * {@link DpCamera#splitAxis() split axis}; for a vertical axis "left" is the top half-aperture view.
 *
 * @param cameraId the camera that took it
 * @param stepIndex the trigger-plan step that fired the shutter
 * @param exposureMicros exposure time, µs
 * @param boardMicros rising edge of the shutter pulse on the trigger board's clock, µs since its boot
 *     (−1 when the frame was not matched to a board step)
 * @param hostTime host wall-clock time at which the driver received the frame
 * @param left left (or top) view, same size as {@code right}
 * @param right right (or bottom) view
 * @param sensorBits bits of the sensor's raw values in {@code left} and {@code right} (a 14-bit ADC stored
 *     unshifted reaches 16383), 1..16; 0 when the camera does not know it
 */
public record DpFrame(
    String cameraId,
    int stepIndex,
    long exposureMicros,
    long boardMicros,
    Instant hostTime,
    GrayU16 left,
    GrayU16 right,
    int sensorBits) {
  /** A frame from a camera that does not know its sensor's bit depth ({@code sensorBits} 0). */
  public DpFrame(String cameraId, int stepIndex, long exposureMicros, long boardMicros, Instant hostTime, GrayU16 left,
      GrayU16 right) {
    this(cameraId, stepIndex, exposureMicros, boardMicros, hostTime, left, right, 0);
  }

  public DpFrame {
    Objects.requireNonNull(cameraId, "cameraId");
    Objects.requireNonNull(hostTime, "hostTime");
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    if (stepIndex < 0) {
      throw new IllegalArgumentException("step index must be >= 0, got " + stepIndex);
    }
    if (sensorBits < 0 || sensorBits > 16) {
      throw new IllegalArgumentException(cameraId + " step " + stepIndex + ": sensor bits must be 1..16 or 0 (unknown), got "
          + sensorBits);
    }
    if (left.width() != right.width() || left.height() != right.height()) {
      throw new IllegalArgumentException(cameraId + " step " + stepIndex + ": left is " + left.width()
          + "x" + left.height() + " but right is " + right.width() + "x" + right.height());
    }
  }

  /** Width of each view in pixels. */
  public int width() {
    return left.width();
  }

  /** Height of each view in pixels. */
  public int height() {
    return left.height();
  }
}
