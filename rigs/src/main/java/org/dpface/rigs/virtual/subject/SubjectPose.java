package org.dpface.rigs.virtual.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One capture condition of a subject: expression, head direction and distance. */
public record SubjectPose(Expression expression, HeadDirection direction, SubjectDistance distance) {
  public SubjectPose {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(distance, "distance");
  }

  /** Neutral, front, forward. */
  public static SubjectPose neutralFront() {
    return new SubjectPose(Expression.NEUTRAL, HeadDirection.FRONT, SubjectDistance.FORWARD);
  }

  /** All 24 poses (3 expressions x 2 distances x 4 directions) in a fixed order. */
  public static List<SubjectPose> all() {
    List<SubjectPose> poses = new ArrayList<>();
    for (Expression e : Expression.values()) {
      for (SubjectDistance d : SubjectDistance.values()) {
        for (HeadDirection h : HeadDirection.values()) {
          poses.add(new SubjectPose(e, h, d));
        }
      }
    }
    return List.copyOf(poses);
  }

  /** Short id such as {@code yawn-left-forward} for file names and metadata. */
  public String id() {
    return expression.name().toLowerCase() + "-" + direction.name().toLowerCase() + "-"
        + distance.name().toLowerCase();
  }
}
