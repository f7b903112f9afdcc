package org.dpface.capture.device;

/** A switchable light with an optional dimming level in [0, 1]. */
public interface Light extends Device {

  /** Switches the light on at {@code level} (0 .. 1) or off. */
  void set(boolean on, double level) throws DeviceException;

  /** True while on. */
  boolean isOn();

  /** The level set last, 0 .. 1. */
  double level();
}
