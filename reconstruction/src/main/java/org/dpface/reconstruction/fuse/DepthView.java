package org.dpface.reconstruction.fuse;

import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;

/**
 * One camera's depth observation for fusion.
 *
 * @param id view name (for QC reports and logs)
 * @param camera intrinsics and distortion of the camera that saw the depth map
 * @param worldToCamera pose: world (mm) to the camera's OpenCV frame (x right, y down, z forward)
 * @param depth planar depth Z in mm per pixel (0 or non-finite = invalid), the camera's size
 * @param confidence per-pixel confidence 0..1 (same size), or null for 1 everywhere
 */
public record DepthView(
    String id, CameraModel camera, RigidTransform worldToCamera, GrayF32 depth, GrayF32 confidence) {

  public DepthView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(camera, "camera");
    Objects.requireNonNull(worldToCamera, "worldToCamera");
    Objects.requireNonNull(depth, "depth");
    if (depth.width() != camera.width() || depth.height() != camera.height()) {
      throw new IllegalArgumentException("view " + id + ": depth " + depth.width() + "x" + depth.height()
          + " != camera " + camera.width() + "x" + camera.height());
    }
    if (confidence != null) {
      depth.checkSameShape(confidence);
    }
  }
}
