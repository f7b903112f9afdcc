package org.dpface.rigs.virtual.subject;

/**
 * Head directions of a capture, as a rotation of the head about its own origin (between the ear
 * canals) applied in the head frame before placement. LEFT/RIGHT turn the nose toward the subject's
 * left/right by {@link #LEFT_RIGHT_YAW_RAD}; UP tilts it up by {@link #UP_PITCH_RAD}.
 */
public enum HeadDirection {
  FRONT,
  LEFT,
  RIGHT,
  UP;

  /** Yaw of LEFT and RIGHT (30°). */
  public static final double LEFT_RIGHT_YAW_RAD = Math.toRadians(30);
  /** Pitch of UP (20°). */
  public static final double UP_PITCH_RAD = Math.toRadians(20);

  /**
   * Row-major rotation (head frame, posed ← neutral). The nose direction (0, 0, -1) becomes
   * (sin a, 0, -cos a) for LEFT (toward +x, the subject's left), (-sin a, 0, -cos a) for RIGHT and
   * (0, -sin b, -cos b) for UP (toward -y).
   */
  public double[] rotation() {
    switch (this) {
      case LEFT:
      case RIGHT: {
        double a = this == LEFT ? LEFT_RIGHT_YAW_RAD : -LEFT_RIGHT_YAW_RAD;
        double c = Math.cos(a);
        double s = Math.sin(a);
        return new double[] {c, 0, -s, 0, 1, 0, s, 0, c};
      }
      case UP: {
        double c = Math.cos(UP_PITCH_RAD);
        double s = Math.sin(UP_PITCH_RAD);
        return new double[] {1, 0, 0, 0, c, s, 0, -s, c};
      }
      default:
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }
  }
}
