package org.dpface.dataset.register;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

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
 * @param sensorBits camera → bits of its sensor's raw values as the take recorded them (take.json
 *     {@code sensorBits}); cameras of takes stored before that field are absent
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
    List<LightStep> lightSteps,
    Map<String, Integer> sensorBits) {
  public LabTake {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(takeId, "takeId");
    Objects.requireNonNull(dir, "dir");
    cameraIds = List.copyOf(cameraIds);
    lightSteps = List.copyOf(lightSteps);
    sensorBits = Map.copyOf(sensorBits);
  }

  /** {@code cameraId}'s sensor bit depth as the take recorded it; empty when it did not. */
  public OptionalInt sensorBits(String cameraId) {
    Integer b = sensorBits.get(cameraId);
    return b == null ? OptionalInt.empty() : OptionalInt.of(b);
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
