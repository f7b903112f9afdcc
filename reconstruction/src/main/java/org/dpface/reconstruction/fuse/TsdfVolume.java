package org.dpface.reconstruction.fuse;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.ArrayList;
import java.util.List;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sparse truncated signed distance volume (Curless and Levoy, "A Volumetric Method for Building Complex
 * Models from Range Images", SIGGRAPH 1996), world frame, mm.
 *
 * <p>Voxel (i, j, k) samples the world point (i h, j h, k h) for voxel edge h. Voxels live in 8^3 blocks
 * allocated only within the truncation band of observed depth samples (hashed by block coordinates), so
 * memory follows the observed surface area: a block holds 512 float distances and 512 float weights (4
 * KiB); a whole head (~1.3e5 mm^2) at 0.5 mm needs about 2e4 blocks, ~80 MiB.
 *
 * <p>Algorithm overview, per view:
 *
 * <ol>
 *   <li>{@link ViewWeights}: per-pixel weight = confidence x cos(ray, normal), 0 on discontinuities.
 *   <li>Allocation (one thread, pixel order): every block overlapping the cube of half-side {@code
 *       truncation} around each weighted back-projected sample.
 *   <li>Integration (parallel over blocks; each block is written by one task): every voxel is
 *       projected into the view; depth and weight are bilinearly interpolated from the 4 surrounding
 *       pixels (skipped unless all 4 are weighted); the signed distance along the ray eta = (D - z)
 *       |(x', y', 1)| is skipped below -truncation, clamped to +truncation, stored divided by the
 *       truncation, and averaged into the voxel with the pixel weight: F = (W F + w f) / (W + w).
 * </ol>
 *
 * <p>Determinism: views are integrated one after another in the caller's order, and each voxel's update
 * is computed by one task, so the volume is bit-identical for any thread count; a different view order
 * changes it only by float rounding.
 */
public final class TsdfVolume {
  static final int B = 8;
  static final int B3 = B * B * B;
  /** Block coordinates are limited to +-2^16 (voxel indices +-2^19, as {@link TetraMesher} packs them). */
  static final int BLOCK_LIMIT = 1 << 16;

  private static final Logger LOG = LoggerFactory.getLogger(TsdfVolume.class);
  private static final int OFF = 1 << 20;

  final double voxel;
  final double trunc;
  private final TsdfConfig config;
  final LongIntMap index = new LongIntMap(1024);
  long[] blockKeys = new long[1024];
  float[][] sdf = new float[1024][];
  float[][] weight = new float[1024][];
  int blockCount;
  private long droppedBlocks;

  /** Empty volume with the config's voxel size and truncation. */
  public TsdfVolume(TsdfConfig config) {
    this.config = config.check();
    this.voxel = config.voxelMm();
    this.trunc = config.truncationMm();
  }

  static long key(int bx, int by, int bz) {
    return ((long) (bx + OFF) << 42) | ((long) (by + OFF) << 21) | (bz + OFF);
  }

  static int keyX(long key) {
    return (int) (key >>> 42) - OFF;
  }

  static int keyY(long key) {
    return (int) ((key >>> 21) & ((1 << 21) - 1)) - OFF;
  }

  static int keyZ(long key) {
    return (int) (key & ((1 << 21) - 1)) - OFF;
  }

  /** Allocated blocks. */
  public int blockCount() {
    return blockCount;
  }

  /** Blocks that could not be allocated because of {@link TsdfConfig#maxBlocks()}. */
  public long droppedBlocks() {
    return droppedBlocks;
  }

  /** Bytes held by voxel data and the block index. */
  public long memoryBytes() {
    return blockCount * (long) B3 * 8 + index.memoryBytes() + blockKeys.length * 8L;
  }

  /** Voxel edge in mm. */
  public double voxelMm() {
    return voxel;
  }

  /** Block index of {@code key}, or -1. */
  int block(int bx, int by, int bz) {
    return index.get(key(bx, by, bz));
  }

  private int ensure(int bx, int by, int bz) {
    if (Math.abs(bx) >= BLOCK_LIMIT || Math.abs(by) >= BLOCK_LIMIT || Math.abs(bz) >= BLOCK_LIMIT) {
      return -1;
    }
    long k = key(bx, by, bz);
    int existing = index.get(k);
    if (existing >= 0) {
      return existing;
    }
    if (blockCount >= config.maxBlocks()) {
      droppedBlocks++;
      return -1;
    }
    if (blockCount == blockKeys.length) {
      int n = blockKeys.length * 2;
      blockKeys = Arrays.copyOf(blockKeys, n);
      sdf = Arrays.copyOf(sdf, n);
      weight = Arrays.copyOf(weight, n);
    }
    int id = blockCount++;
    blockKeys[id] = k;
    sdf[id] = new float[B3];
    weight[id] = new float[B3];
    index.getOrPut(k, id);
    return id;
  }

  /**
   * Integrates one view, running the voxel updates on up to {@code tasks} tasks of {@code pool} (null:
   * in the caller's thread).
   */
  public void integrate(DepthView view, ForkJoinPool pool, int tasks) {
    ViewWeights w = new ViewWeights(view, config.minCosine(), config.maxDepthJumpMm());
    allocate(view, w);
    int n = blockCount;
    if (pool == null || tasks <= 1) {
      integrateBlocks(view, w, 0, n);
      return;
    }
    int chunks = Math.min(n, tasks * 4);
    List<ForkJoinTask<?>> jobs = new ArrayList<>(chunks);
    for (int c = 0; c < chunks; c++) {
      int from = (int) ((long) n * c / chunks);
      int to = (int) ((long) n * (c + 1) / chunks);
      jobs.add(pool.submit(() -> integrateBlocks(view, w, from, to)));
    }
    for (ForkJoinTask<?> j : jobs) {
      j.join();
    }
  }

  private void allocate(DepthView view, ViewWeights w) {
    RigidTransform camToWorld = view.worldToCamera().invert();
    GrayF32 d = view.depth();
    double[] bounds = config.bounds();
    double[] p = new double[3];
    double blockMm = voxel * B;
    int before = blockCount;
    for (int v = 0; v < w.height; v++) {
      for (int u = 0; u < w.width; u++) {
        if (w.weight[v * w.width + u] == 0) {
          continue;
        }
        double z = d.data[d.indexOf(u, v)];
        camToWorld.transformPoint(w.rays.x(u, v) * z, w.rays.y(u, v) * z, z, p, 0);
        if (bounds != null && (p[0] < bounds[0] || p[1] < bounds[1] || p[2] < bounds[2]
            || p[0] > bounds[3] || p[1] > bounds[4] || p[2] > bounds[5])) {
          w.weight[v * w.width + u] = 0;
          continue;
        }
        int x0 = (int) Math.floor((p[0] - trunc) / blockMm);
        int x1 = (int) Math.floor((p[0] + trunc + voxel) / blockMm);
        int y0 = (int) Math.floor((p[1] - trunc) / blockMm);
        int y1 = (int) Math.floor((p[1] + trunc + voxel) / blockMm);
        int z0 = (int) Math.floor((p[2] - trunc) / blockMm);
        int z1 = (int) Math.floor((p[2] + trunc + voxel) / blockMm);
        for (int bz = z0; bz <= z1; bz++) {
          for (int by = y0; by <= y1; by++) {
            for (int bx = x0; bx <= x1; bx++) {
              ensure(bx, by, bz);
            }
          }
        }
      }
    }
    if (droppedBlocks > 0) {
      LOG.warn("view {}: block limit {} reached, {} blocks dropped so far", view.id(), config.maxBlocks(),
          droppedBlocks);
    }
    LOG.debug("view {}: {} new blocks, {} in all", view.id(), blockCount - before, blockCount);
  }

  private void integrateBlocks(DepthView view, ViewWeights w, int from, int to) {
    RigidTransform t = view.worldToCamera();
    CameraModel cam = view.camera();
    double fx = cam.fx();
    double fy = cam.fy();
    double cx = cam.cx();
    double cy = cam.cy();
    boolean distorted = cam.isDistorted();
    double r00 = t.r(0, 0) * voxel;
    double r10 = t.r(1, 0) * voxel;
    double r20 = t.r(2, 0) * voxel;
    GrayF32 depth = view.depth();
    int width = w.width;
    int height = w.height;
    float[] wt = w.weight;
    double[] pc = new double[3];
    double[] uv = new double[2];
    double invTrunc = 1 / trunc;
    for (int b = from; b < to; b++) {
      long key = blockKeys[b];
      int ox = keyX(key) * B;
      int oy = keyY(key) * B;
      int oz = keyZ(key) * B;
      float[] f = sdf[b];
      float[] bw = weight[b];
      for (int lz = 0; lz < B; lz++) {
        for (int ly = 0; ly < B; ly++) {
          t.transformPoint(ox * voxel, (oy + ly) * voxel, (oz + lz) * voxel, pc, 0);
          double x = pc[0];
          double y = pc[1];
          double z = pc[2];
          int base = (lz * B + ly) * B;
          for (int lx = 0; lx < B; lx++, x += r00, y += r10, z += r20) {
            if (!(z > 0)) {
              continue;
            }
            double xn = x / z;
            double yn = y / z;
            double u;
            double v;
            if (distorted) {
              cam.distortNormalized(xn, yn, uv, 0);
              u = fx * uv[0] + cx;
              v = fy * uv[1] + cy;
            } else {
              u = fx * xn + cx;
              v = fy * yn + cy;
            }
            if (!(u >= 0 && v >= 0 && u < width - 1 && v < height - 1)) {
              continue;
            }
            int u0 = (int) u;
            int v0 = (int) v;
            int p = v0 * width + u0;
            float w00 = wt[p];
            float w10 = wt[p + 1];
            float w01 = wt[p + width];
            float w11 = wt[p + width + 1];
            if (w00 == 0 || w10 == 0 || w01 == 0 || w11 == 0) {
              continue;
            }
            int di = depth.indexOf(u0, v0);
            int ds = depth.stride();
            float d00 = depth.data[di];
            float d10 = depth.data[di + 1];
            float d01 = depth.data[di + ds];
            float d11 = depth.data[di + ds + 1];
            float lo = Math.min(Math.min(d00, d10), Math.min(d01, d11));
            float hi = Math.max(Math.max(d00, d10), Math.max(d01, d11));
            if (hi - lo > config.maxDepthJumpMm()) {
              continue;
            }
            double a = u - u0;
            double c = v - v0;
            double dd = (1 - c) * ((1 - a) * d00 + a * d10) + c * ((1 - a) * d01 + a * d11);
            double eta = (dd - z) * Math.sqrt(1 + xn * xn + yn * yn);
            if (eta < -trunc) {
              continue;
            }
            double ww = (1 - c) * ((1 - a) * w00 + a * w10) + c * ((1 - a) * w01 + a * w11);
            double tsdf = Math.min(1, eta * invTrunc);
            int i = base + lx;
            double old = bw[i];
            double sum = old + ww;
            f[i] = (float) ((f[i] * old + tsdf * ww) / sum);
            bw[i] = (float) sum;
          }
        }
      }
    }
  }
}
