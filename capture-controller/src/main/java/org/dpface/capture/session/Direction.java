package org.dpface.capture.session;

import java.util.Locale;

/** Head direction during a take. */
public enum Direction {
  LEFT, RIGHT, FRONT, UP;

  /** Lower-case name used in files and take labels. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
