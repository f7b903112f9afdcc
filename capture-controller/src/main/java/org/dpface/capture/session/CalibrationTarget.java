package org.dpface.capture.session;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one calibration take captures: the target the operator placed in front of the rig. A calibration
 * take holds no person, so it has no subject and no consent (see {@code DESIGN-storage.md}). The target's
 * pose is never recorded: calibration measures it.
 *
 * @param label short name, unique in its calibration session, e.g. {@code board-07} or {@code plane-02}
 *     (lower-case letters, digits and dashes)
 * @param purpose what the take calibrates
 * @param target the physical target, e.g. {@code chessboard:5x8:30} (inner corners COLSxROWS, square mm)
 */
public record CalibrationTarget(String label, Purpose purpose, String target) {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  /** What a calibration take is for. */
  public enum Purpose {
    /** A calibration board pose: cameras (flat-lit frame) and projectors (its SL frames). */
    BOARD,
    /** A textured plane for the DP defocus coefficients (its depth measured by its SL frames). */
    DP_PLANE;

    /** The name stored in {@code take.json}, e.g. {@code dp-plane}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #label()}. */
    public static Purpose parse(String text) {
      for (Purpose p : values()) {
        if (p.label().equals(text)) {
          return p;
        }
      }
      throw new IllegalArgumentException("calibration take purpose must be board or dp-plane, got \"" + text + "\"");
    }
  }

  public CalibrationTarget {
    Objects.requireNonNull(purpose, "purpose");
    if (label == null || !LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException("calibration take label must be 1-40 lower-case letters, digits or "
          + "dashes, got \"" + label + "\"");
    }
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("calibration take " + label + " needs a target (e.g. chessboard:5x8:30)");
    }
  }
}
