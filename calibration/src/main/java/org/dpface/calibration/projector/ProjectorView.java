package org.dpface.calibration.projector;

import java.util.Objects;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.reconstruction.struct.DecodedMaps;

/**
 * One camera's view of one board pose under a projector's pattern sequence: the board corners the camera
 * detected (flat lighting, canonical order, camera px) and the projector coordinates decoded at every
 * camera pixel from the pattern frames ({@link org.dpface.reconstruction.codec.PatternDecoder}).
 *
 * @param pose board pose index (the rig calibration's)
 * @param cameraId the camera
 * @param corners the camera's detection of the board at this pose (must be found)
 * @param decoded decoded projector (u, v) per camera pixel; held, not copied: do not reuse it for another
 *     decode while this view is in use
 */
public record ProjectorView(int pose, String cameraId, CornerDetection corners, DecodedMaps decoded) {
  public ProjectorView {
    Objects.requireNonNull(cameraId, "cameraId");
    Objects.requireNonNull(corners, "corners");
    Objects.requireNonNull(decoded, "decoded");
    if (!corners.isFound()) {
      throw new IllegalArgumentException(corners.source() + ": no board corners (" + corners.failure() + ")");
    }
    if (corners.width() != decoded.width() || corners.height() != decoded.height()) {
      throw new IllegalArgumentException(corners.source() + ": image " + corners.width() + "x" + corners.height()
          + " but decoded maps " + decoded.width() + "x" + decoded.height());
    }
  }
}
