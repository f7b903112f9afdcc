package org.dpface.reconstruction.fuse;

/**
 * Options of {@link TsdfFusion}. Immutable; {@link #defaults()} then {@code withX}; {@link #check()}
 * validates.
 *
 * @param voxelMm voxel edge (mm); 0.5 suits a face scanned at ~0.6 mm per pixel
 * @param truncationVoxels truncation distance of the signed distance, in voxels (band half-width)
 * @param minWeight accumulated weight below which a voxel counts as unobserved (no surface there)
 * @param minCosine views whose ray meets the surface at a cosine below this (grazing) are ignored
 * @param maxDepthJumpMm neighbouring depths differing by more are a discontinuity: not interpolated
 *     across and no normal estimated
 * @param minIslandFaces connected components with fewer triangles are removed (0 keeps all)
 * @param maxBlocks bound on allocated 8^3 blocks (4 KiB each); further blocks are dropped and logged
 * @param threads worker threads (results do not depend on it)
 * @param bounds optional world box {minX, minY, minZ, maxX, maxY, maxZ} (mm) outside which samples
 *     are ignored (background removal), or null
 */
public record TsdfConfig(
    double voxelMm,
    int truncationVoxels,
    double minWeight,
    double minCosine,
    double maxDepthJumpMm,
    int minIslandFaces,
    int maxBlocks,
    int threads,
    double[] bounds) {

  public TsdfConfig {
    bounds = bounds == null ? null : bounds.clone();
  }

  /** 0.5 mm voxels, truncation 4 voxels, min weight 0.1, min cosine 0.15, 10 mm jumps, islands below
   * 200 faces removed, at most 65536 blocks (256 MiB), all processors, no bounds. */
  public static TsdfConfig defaults() {
    return new TsdfConfig(0.5, 4, 0.1, 0.15, 10, 200, 1 << 16,
        Runtime.getRuntime().availableProcessors(), null);
  }

  public TsdfConfig withVoxelMm(double v) {
    return new TsdfConfig(v, truncationVoxels, minWeight, minCosine, maxDepthJumpMm, minIslandFaces,
        maxBlocks, threads, bounds);
  }

  public TsdfConfig withTruncationVoxels(int t) {
    return new TsdfConfig(voxelMm, t, minWeight, minCosine, maxDepthJumpMm, minIslandFaces, maxBlocks,
        threads, bounds);
  }

  public TsdfConfig withMinIslandFaces(int n) {
    return new TsdfConfig(voxelMm, truncationVoxels, minWeight, minCosine, maxDepthJumpMm, n, maxBlocks,
        threads, bounds);
  }

  public TsdfConfig withThreads(int t) {
    return new TsdfConfig(voxelMm, truncationVoxels, minWeight, minCosine, maxDepthJumpMm, minIslandFaces,
        maxBlocks, t, bounds);
  }

  public TsdfConfig withMaxBlocks(int n) {
    return new TsdfConfig(voxelMm, truncationVoxels, minWeight, minCosine, maxDepthJumpMm, minIslandFaces,
        n, threads, bounds);
  }

  public TsdfConfig withBounds(double[] box) {
    return new TsdfConfig(voxelMm, truncationVoxels, minWeight, minCosine, maxDepthJumpMm, minIslandFaces,
        maxBlocks, threads, box);
  }

  /** Truncation distance in mm. */
  public double truncationMm() {
    return voxelMm * truncationVoxels;
  }

  /** Returns this after checking every field. */
  public TsdfConfig check() {
    if (!(voxelMm > 0) || !Double.isFinite(voxelMm)) {
      throw new IllegalArgumentException("voxelMm must be > 0, got " + voxelMm);
    }
    if (truncationVoxels < 1) {
      throw new IllegalArgumentException("truncationVoxels must be >= 1, got " + truncationVoxels);
    }
    if (!(minWeight > 0)) {
      throw new IllegalArgumentException("minWeight must be > 0, got " + minWeight);
    }
    if (!(minCosine >= 0 && minCosine < 1)) {
      throw new IllegalArgumentException("minCosine must be in [0, 1), got " + minCosine);
    }
    if (!(maxDepthJumpMm > 0)) {
      throw new IllegalArgumentException("maxDepthJumpMm must be > 0, got " + maxDepthJumpMm);
    }
    if (minIslandFaces < 0 || maxBlocks < 1 || threads < 1) {
      throw new IllegalArgumentException("minIslandFaces >= 0, maxBlocks >= 1, threads >= 1 required");
    }
    if (bounds != null && (bounds.length != 6 || !(bounds[0] <= bounds[3] && bounds[1] <= bounds[4]
        && bounds[2] <= bounds[5]))) {
      throw new IllegalArgumentException("bounds must be {minX, minY, minZ, maxX, maxY, maxZ}");
    }
    return this;
  }
}
