package org.dpface.capture.session;

import java.util.Locale;

/** The subject's facial expression during a take. */
public enum Expression {
  NEUTRAL, FROWNING, YAWNING;

  /** Lower-case name used in files and take labels. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
