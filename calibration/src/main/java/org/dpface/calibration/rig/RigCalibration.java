package org.dpface.calibration.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dpface.calibration.camera.CameraCalibration;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationInput;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.calibration.io.OpenCvYaml;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * Result of a multi-camera rig calibration ({@link RigCalibrator}). The world frame is camera 0's.
 *
 * @param board the board
 * @param cameras per camera, in rig order
 * @param poses board poses seen by at least one camera, in input order
 * @param inputs every detection looked at (provenance for {@code calibration.json})
 * @param initialRmsPx reprojection RMS over all corners before the joint refinement (single-camera
 *     intrinsics, chained extrinsics), px
 * @param rmsPx reprojection RMS over all corners after it, px
 * @param iterations Levenberg–Marquardt iterations taken
 */
public record RigCalibration(BoardSpec board, List<Camera> cameras, List<Pose> poses, List<CalibrationInput> inputs,
    double initialRmsPx, double rmsPx, int iterations) {
  /**
   * One calibrated camera.
   *
   * @param id device id
   * @param model refined intrinsics and distortion
   * @param worldToCamera rig (camera 0) frame to this camera, mm
   * @param rmsPx reprojection RMS over this camera's views, px
   * @param views this camera's views after the refinement ({@code boardToCamera}, residuals, outlier flag)
   * @param single the camera's own single-camera calibration (step 1)
   * @param droppedCorners corners of this camera's views dropped as misdetected before the final refinement
   *     ({@link RigCalibrationConfig#rejectSigmas}); the views' RMS leave them out
   */
  public record Camera(String id, CameraModel model, RigidTransform worldToCamera, double rmsPx,
      List<ViewResult> views, CameraCalibration single, int droppedCorners) {
    public Camera {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(worldToCamera, "worldToCamera");
      Objects.requireNonNull(single, "single");
      views = List.copyOf(views);
    }

    /** Views flagged as outliers. */
    public List<ViewResult> outliers() {
      return views.stream().filter(ViewResult::outlier).toList();
    }
  }

  /**
   * One refined board pose.
   *
   * @param index pose index in the input
   * @param boardToWorld board frame to the rig frame, mm
   * @param cameras how many cameras saw it
   */
  public record Pose(int index, RigidTransform boardToWorld, int cameras) {
    public Pose {
      Objects.requireNonNull(boardToWorld, "boardToWorld");
    }
  }

  public RigCalibration {
    Objects.requireNonNull(board, "board");
    cameras = List.copyOf(cameras);
    poses = List.copyOf(poses);
    inputs = List.copyOf(inputs);
  }

  /** The camera with {@code id}. */
  public Camera camera(String id) {
    for (Camera c : cameras) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no camera '" + id + "' in this rig calibration");
  }

  /** As a {@code calibration.json} content: one camera entry per camera, rigToDevice = worldToCamera. */
  public CalibrationFile toCalibrationFile(String rigId, Instant date) {
    List<DeviceCalibration> devices = new ArrayList<>();
    for (Camera c : cameras) {
      devices.add(new DeviceCalibration(c.id(), DeviceCalibration.Kind.CAMERA, c.model(), c.worldToCamera(),
          c.rmsPx(), c.views()));
    }
    return new CalibrationFile(rigId, date, devices, inputs);
  }

  /**
   * Writes {@code dir/calibration.json} and {@code dir/<camera id>.yml} (OpenCV FileStorage) atomically.
   *
   * @return the calibration.json path
   */
  public Path write(Path dir, String rigId, Instant date) throws IOException {
    Files.createDirectories(dir);
    Path json = dir.resolve("calibration.json");
    CalibrationJson.write(json, toCalibrationFile(rigId, date));
    for (Camera c : cameras) {
      OpenCvYaml.write(dir.resolve(c.id() + ".yml"), c.model(), c.rmsPx());
    }
    return json;
  }
}
