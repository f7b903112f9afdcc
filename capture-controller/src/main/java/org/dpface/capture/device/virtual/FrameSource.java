package org.dpface.capture.device.virtual;

import org.dpface.core.image.GrayU16;

/**
 * What a virtual DP camera sees at each trigger step of a take: the rendered left/right views of one
 * camera for one step (structured-light steps first, then one DP shot per light, as the capture plan
 * orders them). The virtual rig's take renderer plugs in through a small adapter; tests and the CLI use
 * {@link TestPatternFrameSource} until it does.
 *
 * <p>Implementations must be deterministic (same camera and step → identical pixels) and safe to call
 * from several threads for different cameras at once.
 */
public interface FrameSource {

  /** Steps of one take this source can render. */
  int stepCount();

  /**
   * Renders {@code cameraId}'s view at {@code step} into {@code left} and {@code right} (linear 16-bit,
   * already sized to the camera's resolution; every pixel is overwritten).
   */
  void renderStep(String cameraId, int step, GrayU16 left, GrayU16 right);

  /**
   * Bits of the raw values {@link #renderStep} writes for {@code cameraId} at {@code step} (the simulated
   * sensor's ADC depth: 14 gives at most 16383), 1..16; 0 (the default) when unknown.
   */
  default int sensorBits(String cameraId, int step) {
    return 0;
  }
}
