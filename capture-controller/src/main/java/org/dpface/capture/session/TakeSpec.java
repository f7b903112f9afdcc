package org.dpface.capture.session;

import java.util.Objects;

/** What one take captures: the subject's expression, distance and head direction. */
public record TakeSpec(Expression expression, Distance distance, Direction direction) {
  public TakeSpec {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(distance, "distance");
    Objects.requireNonNull(direction, "direction");
  }

  /** E.g. {@code neutral-forward-left}. */
  public String label() {
    return expression.label() + "-" + distance.label() + "-" + direction.label();
  }

  /** Parses {@link #label()}. */
  public static TakeSpec parse(String label) {
    String[] p = label.split("-");
    if (p.length != 3) {
      throw new IllegalArgumentException("take label must be expression-distance-direction, got " + label);
    }
    return new TakeSpec(Expression.valueOf(p[0].toUpperCase(java.util.Locale.ROOT)),
        Distance.valueOf(p[1].toUpperCase(java.util.Locale.ROOT)),
        Direction.valueOf(p[2].toUpperCase(java.util.Locale.ROOT)));
  }
}
