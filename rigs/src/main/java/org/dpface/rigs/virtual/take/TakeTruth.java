package org.dpface.rigs.virtual.take;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.rigs.SplitAxis;

/**
 * The ground truth of one virtual take as read by {@link TruthReader} (written by {@link
 * TruthWriter}; the file layout and conventions are documented there).
 *
 * @param rigId rig id
 * @param subjectId pseudonymous subject id
 * @param poseId subject pose id, e.g. {@code neutral-front-forward}
 * @param mesh posed subject mesh (mm, world frame)
 * @param cameras per camera, rig order
 * @param projectors per projector, rig order
 */
public record TakeTruth(
    String rigId, String subjectId, String poseId, TriangleMesh mesh, List<CameraTruth> cameras,
    List<ProjectorTruth> projectors) {
  public TakeTruth {
    Objects.requireNonNull(rigId, "rigId");
    Objects.requireNonNull(mesh, "mesh");
    cameras = List.copyOf(cameras);
    projectors = List.copyOf(projectors);
  }

  /** The camera with this id. */
  public Optional<CameraTruth> camera(String id) {
    return cameras.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * Truth of one camera.
   *
   * @param id camera id
   * @param model true camera model (pixels)
   * @param worldToCamera true pose (mm)
   * @param splitAxis DP split axis
   * @param dpFNumber f-number of the lamp (DP) shots
   * @param dpA coefficient a of d = a / Z + b (px·mm) at {@code dpFNumber}
   * @param dpB coefficient b (px)
   * @param slFNumber f-number of the structured-light shots
   * @param depth planar Z (mm), 0 = invalid
   * @param normal unit normals (camera frame, toward the camera), 3 bands; 0 where invalid
   * @param mask 1 where the subject is seen (the PNG's 255 read back as 1), else 0
   * @param projectorUv per projector id: projector pixel (u, v), 2 bands; NaN where unlit
   */
  public record CameraTruth(
      String id, CameraModel model, RigidTransform worldToCamera, SplitAxis splitAxis, double dpFNumber,
      double dpA, double dpB, double slFNumber, GrayF32 depth, InterleavedF32 normal, GrayU8 mask,
      Map<String, InterleavedF32> projectorUv) {
    public CameraTruth {
      projectorUv = Map.copyOf(projectorUv);
    }
  }

  /**
   * Truth of one projector.
   *
   * @param id projector id
   * @param model true projector model (its pixels)
   * @param worldToProjector true pose (mm)
   */
  public record ProjectorTruth(String id, CameraModel model, RigidTransform worldToProjector) {}
}
