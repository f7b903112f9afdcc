package org.dpface.reconstruction.struct;

import java.util.Objects;

/**
 * Meaning of one frame of a structured-light sequence.
 *
 * <p>Conventions (projector pixel centres at integer coordinates u = column, v = row):
 * <ul>
 *   <li>{@link FrameKind#GRAY}, axis a, bit b: projector pixel with integer coordinate c along a is bright
 *       iff bit b (0 = least significant) of {@code c ^ (c >> 1)} is 1; {@link FrameKind#GRAY_INVERSE} is
 *       its complement.
 *   <li>{@link FrameKind#PHASE}, axis a, step i of N: intensity {@code 0.5 + 0.5 cos(2 pi c / periodPx + shiftRad)}
 *       at projector coordinate c; the shifts of the N steps of one axis are {@code shift0 + 2 pi i / N}.
 * </ul>
 *
 * @param kind what the frame shows
 * @param axis encoded axis; null for white and black
 * @param bit Gray-code bit (0 = LSB); -1 when not a Gray frame
 * @param step phase step index i in [0, steps); -1 when not a phase frame
 * @param steps number of phase steps N (>= 3); 0 when not a phase frame
 * @param periodPx sinusoid period in projector pixels; 0 when not a phase frame
 * @param shiftRad phase shift of this step in radians; 0 when not a phase frame
 */
public record FrameRole(FrameKind kind, Axis axis, int bit, int step, int steps, double periodPx, double shiftRad) {
  public FrameRole {
    Objects.requireNonNull(kind, "kind");
    switch (kind) {
      case WHITE, BLACK -> {
        if (axis != null || bit != -1 || step != -1 || steps != 0 || periodPx != 0 || shiftRad != 0) {
          throw new IllegalArgumentException(kind.jsonName() + " frame takes no axis, bit or phase fields");
        }
      }
      case GRAY, GRAY_INVERSE -> {
        Objects.requireNonNull(axis, "axis");
        if (bit < 0 || bit > 30) {
          throw new IllegalArgumentException("Gray bit must be in [0, 30], got " + bit);
        }
        if (step != -1 || steps != 0 || periodPx != 0 || shiftRad != 0) {
          throw new IllegalArgumentException("Gray frame takes no phase fields");
        }
      }
      case PHASE -> {
        Objects.requireNonNull(axis, "axis");
        if (steps < 3) {
          throw new IllegalArgumentException("phase steps must be >= 3, got " + steps);
        }
        if (step < 0 || step >= steps) {
          throw new IllegalArgumentException("phase step must be in [0, " + steps + "), got " + step);
        }
        if (!(periodPx >= 2) || !Double.isFinite(periodPx)) {
          throw new IllegalArgumentException("phase period must be a finite number >= 2 px, got " + periodPx);
        }
        if (!Double.isFinite(shiftRad) || bit != -1) {
          throw new IllegalArgumentException("phase frame needs a finite shift and no Gray bit");
        }
      }
      default -> throw new AssertionError(kind);
    }
  }

  /** The all-white frame. */
  public static FrameRole white() {
    return new FrameRole(FrameKind.WHITE, null, -1, -1, 0, 0, 0);
  }

  /** The all-black frame. */
  public static FrameRole black() {
    return new FrameRole(FrameKind.BLACK, null, -1, -1, 0, 0, 0);
  }

  /** Gray-code bit {@code bit} of {@code axis}. */
  public static FrameRole gray(Axis axis, int bit) {
    return new FrameRole(FrameKind.GRAY, axis, bit, -1, 0, 0, 0);
  }

  /** Inverse of Gray-code bit {@code bit} of {@code axis}. */
  public static FrameRole grayInverse(Axis axis, int bit) {
    return new FrameRole(FrameKind.GRAY_INVERSE, axis, bit, -1, 0, 0, 0);
  }

  /** Phase step {@code step} of {@code steps}, shift {@code 2 pi step / steps}. */
  public static FrameRole phase(Axis axis, int step, int steps, double periodPx) {
    return new FrameRole(FrameKind.PHASE, axis, -1, step, steps, periodPx, 2 * Math.PI * step / steps);
  }
}
