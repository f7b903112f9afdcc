package org.dpface.calibration.rig;

import java.util.List;
import java.util.Objects;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * Outcome of {@link RigCalibrator#refineJointly}: the rig's cameras and board poses and the extra devices,
 * refined together.
 *
 * @param rig cameras and board poses after the joint refinement (RMS figures over the cameras' corners)
 * @param devices the extra devices in input order
 * @param initialRmsPx RMS over every corner (cameras and devices) before the joint refinement, px
 * @param rmsPx the same after it, px
 * @param iterations Levenberg–Marquardt iterations taken
 */
public record JointRefinement(RigCalibration rig, List<Device> devices, double initialRmsPx, double rmsPx,
    int iterations) {
  /**
   * One refined extra device.
   *
   * @param id device id
   * @param model refined intrinsics and distortion
   * @param worldToDevice refined rig frame to device, mm
   * @param rmsPx reprojection RMS over its views, px
   * @param views per view used: board to device, residuals, outlier flag (the camera config's rule)
   */
  public record Device(String id, CameraModel model, RigidTransform worldToDevice, double rmsPx,
      List<ViewResult> views) {
    public Device {
      Objects.requireNonNull(id, "id");
      views = List.copyOf(views);
    }
  }

  public JointRefinement {
    Objects.requireNonNull(rig, "rig");
    devices = List.copyOf(devices);
  }
}
