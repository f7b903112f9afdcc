package org.dpface.dataset.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.SplitAxis;
import org.dpface.rigs.virtual.optics.ThinLensDp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each camera's model, pose and DP coefficients come from: the calibration file when one is given
 * and has the camera at the frames' resolution (its {@code rigToDevice} is the world-to-camera
 * transform, the rig frame being the world), else the rig description's nominal values. The
 * calibration format has no DP coefficients, so (a, b) always come from the thin-lens model of the rig
 * camera ({@link ThinLensDp#of(CameraSpec)}); {@link #provenance()} says which source was used.
 */
public final class CameraSources {
  private static final Logger LOG = LoggerFactory.getLogger(CameraSources.class);
  private final RigDescription rig;
  private final CalibrationFile calibration;
  private final List<String> provenance = new ArrayList<>();

  /**
   * @param rig the lab rig
   * @param calibrationFile {@code calibration.json} or null (nominal rig cameras)
   */
  public CameraSources(RigDescription rig, Path calibrationFile) throws IOException {
    this.rig = rig;
    this.calibration = calibrationFile == null ? null : CalibrationJson.read(calibrationFile);
    if (calibration != null) {
      provenance.add("calibration rig=" + calibration.rigId() + " date=" + calibration.date());
    }
    provenance.add("dp-coeffs: thin-lens model of " + rig.id() + " (calibration has no DP coefficients)");
  }

  /** Camera id, model, pose, split axis and DP coefficients used for registration. */
  public record Camera(String id, CameraModel model, RigidTransform worldToCamera, SplitAxis axis, double dpA, double dpB, boolean calibrated) {}

  /** The camera {@code id} of the rig, calibrated when the calibration has it at the frames' size. */
  public Camera camera(String id) {
    CameraSpec spec = rig.cameras().stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("camera " + id + " is not in rig " + rig.id()));
    SplitAxis axis = spec.dualPixel().splitAxis().orElseThrow(() -> new IllegalArgumentException("camera " + id + " has no dual pixels"));
    ThinLensDp dp = ThinLensDp.of(spec);
    CameraModel model = spec.nominalModel();
    RigidTransform pose = spec.worldToCamera();
    boolean calibrated = false;
    if (calibration != null) {
      DeviceCalibration d = calibration.devices().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
      if (d == null) {
        LOG.warn("calibration has no camera {}: using the rig's nominal model", id);
      } else if (d.model().width() != model.width() || d.model().height() != model.height()) {
        LOG.warn("calibration of {} is {}x{} but frames are {}x{}: using the rig's nominal model", id, d.model().width(),
            d.model().height(), model.width(), model.height());
      } else {
        model = d.model();
        pose = d.rigToDevice();
        calibrated = true;
      }
    }
    return new Camera(id, model, pose, axis, dp.coefficientA(), dp.coefficientB(), calibrated);
  }

  /** Lines for the manifest's calibration ids. */
  public List<String> provenance() {
    return List.copyOf(provenance);
  }
}
