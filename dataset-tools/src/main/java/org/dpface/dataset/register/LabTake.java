package org.dpface.dataset.register;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One COMPLETE take found in a capture lab folder (layout: {@code capture-controller/DESIGN-storage.md}),
 * with what registration needs: where its frames are, which cameras it holds and which of its trigger
 * steps are DP shots under a lamp.
 *
 * @param sessionId session id, e.g. {@code sub-0001-ses-01}
 * @param subjectId pseudonymous subject id
 * @param takeId take id, e.g. {@code take-0001}
 * @param dir the take folder
 * @param expression expression label of the take spec ({@code neutral}, ...)
 * @param position distance label ({@code forward}, {@code backward})
 * @param direction head direction label ({@code left}, {@code right}, {@code front}, {@code up})
 * @param cameraIds cameras with frames in this take, sorted
 * @param lightSteps the lamp (DP) steps, in step order
 */
public record LabTake(
    String sessionId,
    String subjectId,
    String takeId,
    Path dir,
    String expression,
    String position,
    String direction,
    List<String> cameraIds,
    List<LightStep> lightSteps) {
  public LabTake {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(takeId, "takeId");
    Objects.requireNonNull(dir, "dir");
    cameraIds = List.copyOf(cameraIds);
    lightSteps = List.copyOf(lightSteps);
  }

  /** The left (top for a vertical split) DP half of {@code cameraId} at {@code step}. */
  public Path leftPng(String cameraId, int step) {
    return dir.resolve(String.format("%s_s%03d_L.png", cameraId, step));
  }

  /** The right (bottom) DP half. */
  public Path rightPng(String cameraId, int step) {
    return dir.resolve(String.format("%s_s%03d_R.png", cameraId, step));
  }

  /** {@code <session>/<take>}: the relative folder of this take under {@code recon/} and {@code truth/}. */
  public String key() {
    return sessionId + "/" + takeId;
  }

  /**
   * One lamp step of a take.
   *
   * @param step trigger step index
   * @param lightId the lamp id (the step label is {@code light-<lightId>})
   */
  public record LightStep(int step, String lightId) {}
}
