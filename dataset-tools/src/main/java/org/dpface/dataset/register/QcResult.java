package org.dpface.dataset.register;

import java.util.List;

/**
 * QC measurements of one sample (over its crop) and the checks it failed.
 *
 * @param validFraction fraction of the face region with registered depth
 * @param depthMinMm nearest registered depth (mm; NaN when none)
 * @param depthMaxMm farthest registered depth (mm; NaN when none)
 * @param disparityWindows DP windows with a confident measurement
 * @param disparityErrorPx median |measured − predicted| DP disparity (px; NaN when no window)
 * @param disparityBiasPx median signed measured − predicted (px; NaN when no window)
 * @param clippedFraction fraction of valid pixels clipped in either DP half
 * @param failures one line per failed check; empty when the sample passes
 */
public record QcResult(
    double validFraction,
    double depthMinMm,
    double depthMaxMm,
    int disparityWindows,
    double disparityErrorPx,
    double disparityBiasPx,
    double clippedFraction,
    List<String> failures) {
  public QcResult {
    failures = List.copyOf(failures);
  }

  /** Whether every check passed. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /** The failures joined with "; " (empty when passed). */
  public String reason() {
    return String.join("; ", failures);
  }
}
