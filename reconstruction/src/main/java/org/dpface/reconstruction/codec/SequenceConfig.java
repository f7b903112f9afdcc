package org.dpface.reconstruction.codec;

/**
 * Options of dpface's own sequence ({@link Sequences#dpface}).
 *
 * @param phaseSteps N of the N-step phase shift per axis; 0 for a Gray-code-only sequence, else >= 3
 * @param periodPx sinusoid period in projector pixels (ignored when {@code phaseSteps == 0})
 * @param lowestGrayBit finest Gray bit projected; with phase it must satisfy {@code 4 * 2^bit <= periodPx}
 *     so the Gray code unwraps the phase even one stripe off; Gray-only sequences use 0 for full resolution
 */
public record SequenceConfig(int phaseSteps, double periodPx, int lowestGrayBit) {
  public SequenceConfig {
    if (phaseSteps != 0 && phaseSteps < 3) {
      throw new IllegalArgumentException("phaseSteps must be 0 or >= 3, got " + phaseSteps);
    }
    if (phaseSteps != 0 && !(periodPx >= 2 && Double.isFinite(periodPx))) {
      throw new IllegalArgumentException("periodPx must be finite and >= 2, got " + periodPx);
    }
    if (lowestGrayBit < 0 || lowestGrayBit > 30) {
      throw new IllegalArgumentException("lowestGrayBit must be in [0, 30], got " + lowestGrayBit);
    }
  }

  /** dpface's default: 4-step phase shift with a 16 px period over Gray bits down to bit 2 (4 px cells). */
  public static SequenceConfig defaults() {
    return new SequenceConfig(4, 16, 2);
  }

  /** Gray code down to single projector pixels, no phase frames. */
  public static SequenceConfig grayOnly() {
    return new SequenceConfig(0, 0, 0);
  }
}
