package org.dpface.reconstruction.struct;

import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.InterleavedF32;

/**
 * Triangulated surface seen by one camera: per camera pixel, the 3-D point in the world frame, its planar
 * depth in this camera, a confidence, a mask and a rejection reason. All maps are at the camera's
 * resolution, compact layout, (u, v) = (column, row). Reused between calls: a triangulator reshapes the
 * maps, reusing their storage.
 *
 * <ul>
 *   <li>{@link #points}: 3 bands, world-frame x, y, z in mm; NaN where invalid.
 *   <li>{@link #depth}: planar Z in mm in this camera's frame (OpenCV: z forward), 0 = invalid. Never the
 *       ray length.
 *   <li>{@link #confidence}: in [0, 1]; decoder confidence times geometric factors (see the triangulator);
 *       0 where invalid.
 *   <li>{@link #mask}: 1 where valid, else 0.
 *   <li>{@link #reason}: {@link TriangulationRejection#code()} per pixel.
 *   <li>{@link #rayDistance}: closest distance (mm) between the two viewing rays before any correction; NaN
 *       where not computed, 0 for the single-axis (ray-plane) variant.
 * </ul>
 *
 * {@link #camera()} and {@link #worldToCamera()} are the model and pose the maps were computed with, so a
 * consumer (TSDF fusion) has everything it needs: depth + confidence + mask + camera model + pose.
 */
public final class TriangulatedView {
  public final InterleavedF32 points = new InterleavedF32(0, 0, 3);
  public final GrayF32 depth = new GrayF32(0, 0);
  public final GrayF32 confidence = new GrayF32(0, 0);
  public final GrayU8 mask = new GrayU8(0, 0);
  public final GrayU8 reason = new GrayU8(0, 0);
  public final GrayF32 rayDistance = new GrayF32(0, 0);

  private CameraModel camera;
  private RigidTransform worldToCamera;

  /** Reshapes every map to the camera's size (reusing storage) and records the model and pose. */
  public void reset(CameraModel camera, RigidTransform worldToCamera) {
    this.camera = Objects.requireNonNull(camera, "camera");
    this.worldToCamera = Objects.requireNonNull(worldToCamera, "worldToCamera");
    int w = camera.width();
    int h = camera.height();
    points.reshape(w, h);
    depth.reshape(w, h);
    confidence.reshape(w, h);
    mask.reshape(w, h);
    reason.reshape(w, h);
    rayDistance.reshape(w, h);
  }

  /** The camera model the maps belong to; null before the first triangulation. */
  public CameraModel camera() {
    return camera;
  }

  /** World to this camera; null before the first triangulation. */
  public RigidTransform worldToCamera() {
    return worldToCamera;
  }

  public int width() {
    return mask.width();
  }

  public int height() {
    return mask.height();
  }

  /** Number of valid pixels. */
  public int countValid() {
    return mask.count(1);
  }

  /** Number of pixels rejected for {@code why}. */
  public int count(TriangulationRejection why) {
    return reason.count(why.code());
  }
}
