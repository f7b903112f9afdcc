package org.dpface.calibration.io;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.dpface.calibration.camera.CameraCalibration;
import org.dpface.calibration.camera.SkippedInput;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.core.geom.RigidTransform;

/**
 * Content of {@code calibration.json}: a rig's calibrated devices with their models, poses in the rig
 * frame and residuals, and the inputs used. Written and read by {@link CalibrationJson}.
 *
 * @param rigId rig description id
 * @param date when the calibration was computed (UTC)
 * @param devices calibrated devices, ids unique
 * @param inputs every input looked at
 */
public record CalibrationFile(String rigId, Instant date, List<DeviceCalibration> devices, List<CalibrationInput> inputs) {
  public CalibrationFile {
    Objects.requireNonNull(rigId, "rigId");
    Objects.requireNonNull(date, "date");
    devices = List.copyOf(devices);
    inputs = List.copyOf(inputs);
    Set<String> ids = new HashSet<>();
    for (DeviceCalibration d : devices) {
      if (!ids.add(d.id())) {
        throw new IllegalArgumentException("duplicate device id '" + d.id() + "'");
      }
    }
  }

  /**
   * A file for one camera calibrated on its own: the camera defines the rig frame (identity pose).
   */
  public static CalibrationFile singleCamera(
      String rigId, Instant date, String deviceId, BoardSpec board, CameraCalibration cal) {
    DeviceCalibration dev = new DeviceCalibration(deviceId, DeviceCalibration.Kind.CAMERA, cal.model(),
        RigidTransform.identity(), cal.rmsPx(), cal.views());
    List<CalibrationInput> inputs = new ArrayList<>();
    String spec = board.toSpecString();
    for (ViewResult v : cal.views()) {
      inputs.add(new CalibrationInput(v.source(), deviceId, spec, true, v.outlier() ? "outlier" : null));
    }
    for (SkippedInput s : cal.skipped()) {
      inputs.add(new CalibrationInput(s.source(), deviceId, spec, false, s.reason()));
    }
    return new CalibrationFile(rigId, date, List.of(dev), inputs);
  }

  /** A copy with camera {@code id}'s DP coefficients set to {@code dp}. */
  public CalibrationFile withDpCoefficients(String id, DpCoefficients dp) {
    DeviceCalibration target = device(id);
    List<DeviceCalibration> out = new ArrayList<>(devices.size());
    for (DeviceCalibration d : devices) {
      out.add(d == target ? d.withDpCoefficients(dp) : d);
    }
    return new CalibrationFile(rigId, date, out, inputs);
  }

  /** The device with {@code id}. */
  public DeviceCalibration device(String id) {
    for (DeviceCalibration d : devices) {
      if (d.id().equals(id)) {
        return d;
      }
    }
    throw new IllegalArgumentException("no device '" + id + "' in calibration of rig " + rigId);
  }
}
