package org.dpface.capture.device;

import java.util.List;

/**
 * A pattern projector. The host loads an ordered pattern list (e.g. Gray-code and phase-shift
 * images, named by pattern id) before a take; during the take each projector-advance pulse of the
 * trigger board moves to the next pattern, or the host shows one directly.
 */
public interface Projector extends Device {

  /** Replaces the pattern list; shows pattern 0. */
  void loadPatterns(List<String> patternIds) throws DeviceException;

  /** Number of loaded patterns. */
  int patternCount();

  /** Shows pattern {@code index} (0-based). */
  void show(int index) throws DeviceException;

  /** Moves to the next pattern, as on a trigger-board advance pulse; fails after the last one. */
  void advance() throws DeviceException;

  /** Index of the pattern shown now, −1 before any pattern was loaded. */
  int currentIndex();
}
