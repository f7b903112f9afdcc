package org.dpface.reconstruction.pipeline;

import java.util.List;
import java.util.Objects;
import org.dpface.core.image.InterleavedU8;
import org.dpface.reconstruction.fuse.FusedMesh;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.PointCloud;
import org.dpface.reconstruction.struct.TriangulatedView;

/**
 * Everything one {@link Reconstructor} run produced, world frame, mm.
 *
 * @param take the input's cameras and projectors (ids, models, poses)
 * @param decoded decoder output per camera (outer list, take order) and projector (inner list, take order)
 * @param pairs every triangulated pair, cameras in take order, then projectors in take order, then
 *     partners nearest first
 * @param merged per camera, its pairs merged ({@link ViewMerge}); the depth maps that were fused
 * @param texture per camera, white minus black of the brightest projector as 8-bit gray (1 band), scaled
 *     so the camera's largest value is 255; colours the point cloud
 * @param fused the fused mesh (islands and components much smaller than the largest removed) and
 *     its per-vertex TSDF weight
 * @param cloud the merged views' valid points, cameras in take order, with confidence and gray colour
 * @param qc quality figures and stage timings
 */
public record ReconstructionResult(
    TakeInput take,
    List<List<DecodedMaps>> decoded,
    List<PairView> pairs,
    List<TriangulatedView> merged,
    List<InterleavedU8> texture,
    FusedMesh fused,
    PointCloud cloud,
    QcReport qc) {

  public ReconstructionResult {
    Objects.requireNonNull(take, "take");
    decoded = List.copyOf(decoded.stream().map(List::copyOf).toList());
    pairs = List.copyOf(pairs);
    merged = List.copyOf(merged);
    texture = List.copyOf(texture);
    Objects.requireNonNull(fused, "fused");
    Objects.requireNonNull(cloud, "cloud");
    Objects.requireNonNull(qc, "qc");
  }

  /**
   * One triangulated pair: camera {@code camera} against projector {@code projector} (calibrated), or
   * against camera {@code partner} through that projector's codes.
   *
   * @param id name, {@code cam-proj} or {@code cam-partner@proj}
   * @param camera camera index in the take
   * @param projector projector index in the take
   * @param partner partner camera index, or -1 for a camera-projector pair
   * @param view the points, in camera {@code camera}'s pixel grid
   */
  public record PairView(String id, int camera, int projector, int partner, TriangulatedView view) {
    public PairView {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(view, "view");
    }
  }

  /** Decoder output of camera {@code camera} for projector {@code projector} (take indices). */
  public DecodedMaps decoded(int camera, int projector) {
    return decoded.get(camera).get(projector);
  }
}
