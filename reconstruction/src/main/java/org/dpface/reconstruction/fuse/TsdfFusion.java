package org.dpface.reconstruction.fuse;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multi-view depth fusion into one surface: a sparse TSDF volume (Curless and Levoy 1996, {@link
 * TsdfVolume}) meshed by marching tetrahedra ({@link TetraMesher}), then islands below {@link
 * TsdfConfig#minIslandFaces()} removed ({@link MeshIslands}). World frame, mm.
 *
 * <p>Usage: {@code integrate} each view (in a fixed order), then {@link #extract()}; or {@link #fuse}.
 * Runs on a pool of {@link TsdfConfig#threads()} workers owned by this instance ({@link #close()}
 * ends it); the result is bit-identical for any thread count.
 */
public final class TsdfFusion implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TsdfFusion.class);

  private final TsdfConfig config;
  private final TsdfVolume volume;
  private final ForkJoinPool pool;

  public TsdfFusion(TsdfConfig config) {
    this.config = config.check();
    this.volume = new TsdfVolume(config);
    this.pool = config.threads() > 1 ? new ForkJoinPool(config.threads()) : null;
  }

  /** Convenience: integrates {@code views} in list order and extracts the surface. */
  public static FusedMesh fuse(TsdfConfig config, List<DepthView> views) {
    try (TsdfFusion f = new TsdfFusion(config)) {
      for (DepthView v : views) {
        f.integrate(v);
      }
      return f.extract();
    }
  }

  public TsdfVolume volume() {
    return volume;
  }

  public TsdfConfig config() {
    return config;
  }

  /** Integrates one view into the volume. */
  public void integrate(DepthView view) {
    long t0 = System.nanoTime();
    volume.integrate(view, pool, config.threads());
    LOG.debug("integrated {} in {} ms, {} blocks", view.id(), (System.nanoTime() - t0) / 1_000_000,
        volume.blockCount());
  }

  /** The observed zero-level surface, small islands removed. */
  public FusedMesh extract() {
    long t0 = System.nanoTime();
    FusedMesh raw = TetraMesher.extract(volume, config.minWeight());
    FusedMesh out = config.minIslandFaces() > 0 ? MeshIslands.removeSmall(raw, config.minIslandFaces()) : raw;
    LOG.debug("extracted {} faces ({} before island removal) in {} ms", out.mesh().faceCount(),
        raw.mesh().faceCount(), (System.nanoTime() - t0) / 1_000_000);
    return out;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
