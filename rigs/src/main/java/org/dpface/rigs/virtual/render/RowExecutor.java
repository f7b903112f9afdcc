package org.dpface.rigs.virtual.render;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs per-row work over fixed bands of image rows on a bounded pool. Every band writes only its own
 * rows and no result depends on which worker ran a band, so the output is identical for any thread
 * count (the renderers and {@link SensorModel} rely on this; their tests compare 1 vs several threads).
 *
 * <p>With {@code threads == 1} no pool is created and bands run in the caller's thread. Close to shut
 * the pool down. One {@link #forEachBand} at a time per instance is not required: calls may overlap.
 */
public final class RowExecutor implements AutoCloseable {
  /** Rows per band (work unit). */
  public static final int BAND_ROWS = 16;

  private final int threads;
  private final ForkJoinPool pool;

  /** Executor with {@code threads} workers (>= 1). */
  public RowExecutor(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
  }

  /** Single-threaded executor (runs in the caller's thread). */
  public static RowExecutor single() {
    return new RowExecutor(1);
  }

  public int threads() {
    return threads;
  }

  /** Work on rows [row0, row1). */
  @FunctionalInterface
  public interface RowBand {
    void run(int row0, int row1);
  }

  /** Runs {@code body} on bands of {@link #BAND_ROWS} rows covering [0, height); returns when all are done. */
  public void forEachBand(int height, RowBand body) {
    int bands = (height + BAND_ROWS - 1) / BAND_ROWS;
    if (bands == 0) {
      return;
    }
    if (pool == null || bands == 1) {
      for (int b = 0; b < bands; b++) {
        body.run(b * BAND_ROWS, Math.min(height, (b + 1) * BAND_ROWS));
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    int workers = Math.min(threads, bands);
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[workers];
    for (int w = 0; w < workers; w++) {
      tasks[w] = pool.submit(() -> {
        for (int b = next.getAndIncrement(); b < bands; b = next.getAndIncrement()) {
          body.run(b * BAND_ROWS, Math.min(height, (b + 1) * BAND_ROWS));
        }
      });
    }
    for (ForkJoinTask<?> t : tasks) {
      t.join();
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
