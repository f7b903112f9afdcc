package org.dpface.calibration.projector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dpface.calibration.camera.CameraCalibration;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationInput;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * Result of a projector calibration ({@link ProjectorCalibrator}): the projector as an inverse camera in
 * the rig frame.
 *
 * @param id projector id
 * @param model intrinsics and distortion at the projector's resolution (pixel-centre convention)
 * @param worldToProjector rig frame to the projector's OpenCV frame, mm
 * @param rmsPx reprojection RMS in the projector image after the joint refinement, px
 * @param initialRmsPx the same before it (inverse-camera intrinsics, medoid pose), px
 * @param iterations Levenberg–Marquardt iterations of the joint refinement
 * @param views per pose used: boardToCamera = board to projector (rig board pose then worldToProjector),
 *     residuals, outlier flag
 * @param corners per pose whose corners were all mapped: the corners in the projector image
 * @param single the inverse-camera calibration from the mapped corners alone (Zhang)
 * @param inputs per pose looked at ({@code pose03/proj0}): used or why not (provenance)
 */
public record ProjectorCalibration(String id, CameraModel model, RigidTransform worldToProjector, double rmsPx,
    double initialRmsPx, int iterations, List<ViewResult> views, List<PoseCorners> corners, CameraCalibration single,
    List<CalibrationInput> inputs) {
  /**
   * Board corners mapped into the projector for one pose.
   *
   * @param pose board pose index
   * @param pixels interleaved projector (u, v), px, in board corner order
   * @param cameras how many camera views contributed
   * @param homographyRmsPx mean over corners and cameras of the local homography fit RMS, projector px
   */
  public record PoseCorners(int pose, double[] pixels, int cameras, double homographyRmsPx) {
    public PoseCorners {
      pixels = pixels.clone();
    }

    @Override
    public double[] pixels() {
      return pixels.clone();
    }
  }

  public ProjectorCalibration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(worldToProjector, "worldToProjector");
    Objects.requireNonNull(single, "single");
    views = List.copyOf(views);
    corners = List.copyOf(corners);
    inputs = List.copyOf(inputs);
  }

  /**
   * {@code cameras} (e.g. {@link org.dpface.calibration.rig.RigCalibration#toCalibrationFile}) with the
   * projectors appended as {@link DeviceCalibration.Kind#PROJECTOR} devices, and their inputs.
   */
  public static CalibrationFile withProjectors(CalibrationFile cameras, List<ProjectorCalibration> projectors) {
    List<DeviceCalibration> devices = new ArrayList<>(cameras.devices());
    List<CalibrationInput> inputs = new ArrayList<>(cameras.inputs());
    for (ProjectorCalibration p : projectors) {
      devices.add(p.toDevice());
      inputs.addAll(p.inputs());
    }
    return new CalibrationFile(cameras.rigId(), cameras.date(), devices, inputs);
  }

  /** The {@code calibration.json} entry: kind projector, rigToDevice = worldToProjector. */
  public DeviceCalibration toDevice() {
    return new DeviceCalibration(id, DeviceCalibration.Kind.PROJECTOR, model, worldToProjector, rmsPx, views);
  }

  /** Views flagged as outliers. */
  public List<ViewResult> outliers() {
    return views.stream().filter(ViewResult::outlier).toList();
  }
}
