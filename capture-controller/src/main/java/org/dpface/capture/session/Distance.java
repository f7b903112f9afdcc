package org.dpface.capture.session;

import java.util.Locale;

/** Where the subject sits relative to the nominal subject position: forward (closer) or backward. */
public enum Distance {
  FORWARD, BACKWARD;

  /** Lower-case name used in files and take labels. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
