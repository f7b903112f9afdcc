package org.dpface.calibration.rig;

import java.util.List;
import org.dpface.core.geom.RigidTransform;

/**
 * Robust choice among several estimates of one pose, for the initial values of the rig and projector
 * calibrations.
 */
public final class Poses {
  /** Weight of a rotation difference (mm per radian) when comparing candidate poses. */
  private static final double MM_PER_RAD = 1000;

  private Poses() {}

  /**
   * The candidate with the smallest summed distance (translation mm + rotation × 1000 mm/rad) to the others;
   * the first such on a tie. Robust to a bad estimate among them.
   *
   * @throws IndexOutOfBoundsException when {@code candidates} is empty
   */
  public static RigidTransform medoid(List<RigidTransform> candidates) {
    RigidTransform best = candidates.get(0);
    double bestScore = Double.POSITIVE_INFINITY;
    for (RigidTransform a : candidates) {
      double s = 0;
      for (RigidTransform b : candidates) {
        s += a.translationDistanceTo(b) + MM_PER_RAD * a.rotationAngleTo(b);
      }
      if (s < bestScore) {
        bestScore = s;
        best = a;
      }
    }
    return best;
  }
}
