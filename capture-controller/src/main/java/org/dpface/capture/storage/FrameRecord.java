package org.dpface.capture.storage;

import java.util.Objects;

/**
 * One stored DP frame as the journal records it.
 *
 * @param cameraId camera
 * @param step trigger step
 * @param exposureMicros exposure, µs
 * @param boardMicros board timestamp of the step, µs since board boot (−1 unknown)
 * @param hostTime host receive time, ISO-8601
 * @param leftSha256 SHA-256 (hex) of the left PNG as it is on disk
 * @param rightSha256 SHA-256 (hex) of the right PNG
 * @param bytes total size of both PNGs
 * @param sensorBits bits of the camera sensor's raw values in the PNGs (1..16), 0 when the camera did not say
 */
public record FrameRecord(
    String cameraId, int step, long exposureMicros, long boardMicros, String hostTime,
    String leftSha256, String rightSha256, long bytes, int sensorBits) {
  /** A record without a sensor bit depth (0: unknown). */
  public FrameRecord(String cameraId, int step, long exposureMicros, long boardMicros, String hostTime,
      String leftSha256, String rightSha256, long bytes) {
    this(cameraId, step, exposureMicros, boardMicros, hostTime, leftSha256, rightSha256, bytes, 0);
  }

  public FrameRecord {
    Objects.requireNonNull(cameraId, "cameraId");
    Objects.requireNonNull(hostTime, "hostTime");
    Objects.requireNonNull(leftSha256, "leftSha256");
    Objects.requireNonNull(rightSha256, "rightSha256");
  }

  /** Key unique within a take, e.g. {@code cam0_s007}. */
  public String key() {
    return RawLayout.frameStem(cameraId, step);
  }
}
