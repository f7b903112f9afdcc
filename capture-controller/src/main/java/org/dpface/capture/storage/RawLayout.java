package org.dpface.capture.storage;

import java.nio.file.Path;

/**
 * Where raw capture files live under a lab folder; the layout is described in
 * {@code capture-controller/DESIGN-storage.md}.
 *
 * <pre>
 * lab/subjects.json, lab/deletion-log.jsonl
 * lab/sessions/&lt;session&gt;/session.json, journal.jsonl
 * lab/sessions/&lt;session&gt;/takes/&lt;take&gt;[.partial|.failed|.incomplete]/take.json
 *                                  cam0_s000_L.png, cam0_s000_R.png, cam0_s000.json, ...
 * lab/calibration/cal-YYYYMMDD-NN/calibration-session.json
 * lab/calibration/cal-YYYYMMDD-NN/takes/&lt;take&gt;[.partial|.failed|.incomplete]/take.json, frames as above
 * </pre>
 */
public final class RawLayout {
  /**
   * The full scale of a camera's summed DP halves (left + right PNG) when each half has {@code sensorBits}
   * bits: the sum of two such values needs one more bit, so 2^(bits + 1) − 1, capped at the 16-bit
   * container's 65535 (where a summed read clips). 14 bits → 32767.
   */
  public static int summedFullScale(int sensorBits) {
    if (sensorBits < 1 || sensorBits > 16) {
      throw new IllegalArgumentException("sensor bits must be 1..16, got " + sensorBits);
    }
    return Math.min(0xFFFF, (1 << (sensorBits + 1)) - 1);
  }

  /** Suffix of a take being written. */
  public static final String PARTIAL = ".partial";
  /** Suffix of a take that failed verification or capture. */
  public static final String FAILED = ".failed";
  /** Suffix of a take interrupted by a crash. */
  public static final String INCOMPLETE = ".incomplete";

  private RawLayout() {}

  /** {@code lab/sessions}. */
  public static Path sessionsDir(Path labDir) {
    return labDir.resolve("sessions");
  }

  /** {@code lab/sessions/<session>}. */
  public static Path sessionDir(Path labDir, String sessionId) {
    return sessionsDir(labDir).resolve(sessionId);
  }

  /** {@code lab/calibration}: calibration sessions (no subject, no personal data). */
  public static Path calibrationDir(Path labDir) {
    return labDir.resolve("calibration");
  }

  /** {@code <calibration session>/calibration-session.json}. */
  public static Path calibrationSessionSidecar(Path calibrationSessionDir) {
    return calibrationSessionDir.resolve("calibration-session.json");
  }

  /** {@code <session>/journal.jsonl}. */
  public static Path journal(Path sessionDir) {
    return sessionDir.resolve("journal.jsonl");
  }

  /** {@code <session>/session.json}. */
  public static Path sessionSidecar(Path sessionDir) {
    return sessionDir.resolve("session.json");
  }

  /** {@code <session>/takes/<take><suffix>} ({@code suffix} empty for a complete take). */
  public static Path takeDir(Path sessionDir, String takeId, String suffix) {
    return takesDir(sessionDir).resolve(takeId + suffix);
  }

  /** {@code <session>/takes}: every take folder of a session, whatever its state suffix. */
  public static Path takesDir(Path sessionDir) {
    return sessionDir.resolve("takes");
  }

  /** {@code take.json}. */
  public static String takeSidecar() {
    return "take.json";
  }

  /** Frame file stem, e.g. {@code cam0_s007}. */
  public static String frameStem(String cameraId, int step) {
    return String.format("%s_s%03d", cameraId, step);
  }

  /** Left (or top) DP view, e.g. {@code cam0_s007_L.png}. */
  public static String leftPng(String cameraId, int step) {
    return frameStem(cameraId, step) + "_L.png";
  }

  /** Right (or bottom) DP view, e.g. {@code cam0_s007_R.png}. */
  public static String rightPng(String cameraId, int step) {
    return frameStem(cameraId, step) + "_R.png";
  }

  /** Per-frame sidecar, e.g. {@code cam0_s007.json}. */
  public static String frameSidecar(String cameraId, int step) {
    return frameStem(cameraId, step) + ".json";
  }
}
