package org.dpface.rigs.virtual.take;

import java.util.Locale;
import java.util.Objects;

/**
 * One step (one trigger) of a {@link VirtualTake}: what lights the subject while every camera
 * exposes one DP pair.
 *
 * @param index position in the take (0-based)
 * @param kind what lights the scene
 * @param sourceIndex projector index (SL) or lamp index (LIGHT) in rig order; -1 for AMBIENT
 * @param sourceId projector or lamp id; "ambient" for AMBIENT
 * @param patternIndex pattern index in the sequence (SL); -1 otherwise
 * @param label stable label, e.g. {@code sl-proj0-07}, {@code light-light3}, {@code ambient}
 */
public record TakeStep(int index, Kind kind, int sourceIndex, String sourceId, int patternIndex, String label) {
  /** What lights the scene during a step. */
  public enum Kind {
    /** A projector shows one pattern (ambient light on); camera at the SL f-number. */
    STRUCTURED_LIGHT,
    /** One lamp on (ambient light on); camera at the DP (lens) f-number. */
    LIGHT,
    /** Ambient light only; camera at the DP f-number. */
    AMBIENT
  }

  public TakeStep {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(label, "label");
  }

  static TakeStep structuredLight(int index, int projector, String projectorId, int pattern, int patternCount) {
    int digits = Math.max(2, Integer.toString(patternCount - 1).length());
    String label = String.format(Locale.ROOT, "sl-%s-%0" + digits + "d", projectorId, pattern);
    return new TakeStep(index, Kind.STRUCTURED_LIGHT, projector, projectorId, pattern, label);
  }

  static TakeStep light(int index, int light, String lightId) {
    return new TakeStep(index, Kind.LIGHT, light, lightId, -1, "light-" + lightId);
  }

  static TakeStep ambient(int index) {
    return new TakeStep(index, Kind.AMBIENT, -1, "ambient", -1, "ambient");
  }
}
