package org.dpface.cli.demo;

import java.nio.file.Path;

/**
 * Demo settings.
 *
 * @param out lab directory (created; a second run with the same directory resumes)
 * @param rigId bundled rig to use
 * @param subjects number of synthetic subjects
 * @param quick smaller images and fewer poses, for a fast look
 * @param seed seed of every random process
 */
public record DemoConfig(Path out, String rigId, int subjects, boolean quick, long seed) {
  public DemoConfig {
    if (subjects < 1) {
      throw new IllegalArgumentException("--subjects must be >= 1, got " + subjects);
    }
  }

  /** Every setting; a stage's result depends on these unless the stage says otherwise ({@link Stage#inputs}). */
  String fingerprint() {
    return "rig=" + rigId + ";subjects=" + subjects + ";quick=" + quick + ";seed=" + seed;
  }

  /** The settings of the rig, its renders and its calibration: every setting but {@code subjects}. */
  String rigFingerprint() {
    return "rig=" + rigId + ";quick=" + quick + ";seed=" + seed;
  }
}
