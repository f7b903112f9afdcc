package org.dpface.reconstruction.struct;

/**
 * Why a camera pixel was not decoded, stored as {@link #code()} in {@link DecodedMaps#reason}. When several
 * apply, the first in declaration order is reported.
 */
public enum Rejection {
  /** Decoded; projector coordinates are valid. */
  NONE(0),
  /** White minus black below the shadow threshold: not lit by the projector, or too dark (low albedo). */
  SHADOW(1),
  /** Some frame at or above the saturation level: the bit and phase decisions are unreliable. */
  SATURATED(2),
  /** A Gray bit whose pattern and inverse differ too little, other than the one bit expected at a stripe edge. */
  LOW_CONTRAST(3),
  /** Phase-shift modulation too low relative to white minus black. */
  LOW_MODULATION(4),
  /** Unwrapped phase disagrees with the Gray-code stripe by more than one stripe cell. */
  PHASE_MISMATCH(5),
  /** Decoded coordinate outside the projector image. */
  OUT_OF_RANGE(6);

  private final byte code;

  Rejection(int code) {
    this.code = (byte) code;
  }

  /** The byte stored in a reason image. */
  public byte code() {
    return code;
  }

  /** The rejection for a stored code. */
  public static Rejection fromCode(int code) {
    Rejection[] all = values();
    if (code < 0 || code >= all.length) {
      throw new IllegalArgumentException("unknown rejection code " + code);
    }
    return all[code];
  }
}
