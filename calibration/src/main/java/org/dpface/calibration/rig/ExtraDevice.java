package org.dpface.calibration.rig;

import java.util.List;
import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * A device besides the rig's cameras that saw some of the calibration's board poses — a projector
 * calibrated as an inverse camera — with its initial intrinsics and pose, to be refined jointly with the
 * cameras and the board poses ({@link RigCalibrator#refineJointly}).
 *
 * @param id device id
 * @param model initial intrinsics and distortion (pixel-centre convention)
 * @param worldToDevice initial rig frame to device, mm
 * @param distortionTerms how many leading distortion coefficients (k1 k2 p1 p2 k3 k4 k5 k6) to estimate
 * @param views the board poses it saw
 */
public record ExtraDevice(String id, CameraModel model, RigidTransform worldToDevice, int distortionTerms,
    List<View> views) {
  /**
   * One board pose seen by the device.
   *
   * @param source provenance name ({@code pose03/proj0})
   * @param pose board pose index (as in the rig calibration's detections)
   * @param pixels interleaved device (u, v), px, in board corner order
   */
  public record View(String source, int pose, double[] pixels) {
    public View {
      Objects.requireNonNull(source, "source");
      pixels = pixels.clone();
    }

    @Override
    public double[] pixels() {
      return pixels.clone();
    }
  }

  public ExtraDevice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(worldToDevice, "worldToDevice");
    if (distortionTerms < 0 || distortionTerms > 8) {
      throw new IllegalArgumentException("distortionTerms must be in [0, 8], got " + distortionTerms);
    }
    views = List.copyOf(views);
  }
}
