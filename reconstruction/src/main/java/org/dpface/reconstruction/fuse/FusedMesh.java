package org.dpface.reconstruction.fuse;

import java.util.Objects;
import org.dpface.core.mesh.TriangleMesh;

/**
 * A fused surface: triangle mesh in world mm plus the accumulated TSDF weight at every vertex
 * (interpolated along the voxel edge it lies on). Every vertex lies between voxels whose weight is at
 * least {@link TsdfConfig#minWeight()}, i.e. every vertex is observed; unobserved regions are holes.
 *
 * @param mesh triangles, counter-clockwise seen from outside (free space)
 * @param vertexWeight accumulated weight per vertex (sum of confidence x cos over the views)
 */
public record FusedMesh(TriangleMesh mesh, float[] vertexWeight) {
  public FusedMesh {
    Objects.requireNonNull(mesh, "mesh");
    if (vertexWeight.length != mesh.vertexCount()) {
      throw new IllegalArgumentException(
          "vertexWeight length " + vertexWeight.length + " != " + mesh.vertexCount());
    }
  }
}
