package org.dpface.capture.board;

/**
 * One step of a trigger plan: after waiting {@code delayMicros} (counted from the falling edge of the
 * previous step's pulse, or from FIRE for the first step) the board raises every channel in
 * {@code channelMask} for {@code pulseMicros}.
 *
 * @param channelMask bit i = channel i (see {@link Channels} for the rig's assignment), 16 channels at most
 * @param delayMicros 0 .. 2^32-1 µs
 * @param pulseMicros 1 .. 2^32-1 µs
 */
public record TriggerStep(int channelMask, long delayMicros, long pulseMicros) {
  public TriggerStep {
    if ((channelMask & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("channel mask 0x" + Integer.toHexString(channelMask)
          + " has bits above channel 15");
    }
    if (delayMicros < 0 || delayMicros > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("delay " + delayMicros + " µs not in 0..4294967295");
    }
    if (pulseMicros < 1 || pulseMicros > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("pulse width " + pulseMicros + " µs not in 1..4294967295");
    }
  }
}
