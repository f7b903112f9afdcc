package org.dpface.calibration.projector;

import java.util.List;
import java.util.Objects;
import org.dpface.calibration.rig.RigCalibration;

/**
 * Cameras, board poses and projectors refined together ({@link ProjectorCalibrator#refineJointly}).
 *
 * @param cameras the rig's cameras and board poses after the joint refinement
 * @param projectors the projectors after it, in input order ({@code initialRmsPx}: their RMS before it)
 * @param initialRmsPx RMS over every camera and projector corner before the joint refinement, px
 * @param rmsPx the same after it, px
 */
public record JointCalibration(RigCalibration cameras, List<ProjectorCalibration> projectors, double initialRmsPx,
    double rmsPx) {
  public JointCalibration {
    Objects.requireNonNull(cameras, "cameras");
    projectors = List.copyOf(projectors);
  }
}
