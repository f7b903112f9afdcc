package org.dpface.rigs.virtual.targets;

import java.util.List;
import java.util.Objects;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;

/**
 * A rendered camera-calibration session of a rig: for every board pose, every camera's raw 16-bit
 * frame of the board under flat lighting, with the truth beside it (never in it). Produced by {@link
 * TargetRenderer#render}. Holds the images in memory (one 480×640 frame is 600 KB).
 *
 * @param rigId the rendering rig's id (its camera models and poses are the truth)
 * @param board the board
 * @param poses one entry per board pose, in input order
 */
public record CalibrationCapture(String rigId, BoardSpec board, List<PoseCapture> poses) {
  public CalibrationCapture {
    Objects.requireNonNull(rigId, "rigId");
    Objects.requireNonNull(board, "board");
    poses = List.copyOf(poses);
  }

  /**
   * One board pose.
   *
   * @param index pose index (also keys the sensor noise)
   * @param boardToWorld true board pose (board frame of {@link BoardSpec} to the rig world, mm)
   * @param views one per rig camera, in rig order
   */
  public record PoseCapture(int index, RigidTransform boardToWorld, List<ViewCapture> views) {
    public PoseCapture {
      Objects.requireNonNull(boardToWorld, "boardToWorld");
      views = List.copyOf(views);
    }
  }

  /**
   * One camera's frame of one pose.
   *
   * @param image raw frame (linear DN, the sensor's ADC range), camera resolution
   * @param truth true corner positions and visibility
   */
  public record ViewCapture(GrayU16 image, BoardViewTruth truth) {
    public ViewCapture {
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(truth, "truth");
    }
  }
}
