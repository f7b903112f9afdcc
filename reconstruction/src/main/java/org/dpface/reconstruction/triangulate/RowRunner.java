package org.dpface.reconstruction.triangulate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a row-parallel pass over an image on a bounded pool: the calling thread plus {@code threads - 1}
 * daemon workers take chunks of rows from a shared counter. Each worker has a fixed index so it can own
 * scratch buffers. A pass whose rows depend only on their inputs gives identical output for any thread
 * count. One pass at a time per instance.
 */
final class RowRunner implements AutoCloseable {
  /** Rows handed to a worker at a time. */
  private static final int CHUNK_ROWS = 8;

  /** Work on rows [y0, y1) by worker {@code worker}. */
  @FunctionalInterface
  interface Rows {
    void run(int worker, int y0, int y1);
  }

  private final int threads;
  private final ExecutorService pool;

  RowRunner(int threads, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    if (threads > 1) {
      AtomicInteger n = new AtomicInteger();
      this.pool = Executors.newFixedThreadPool(threads - 1, r -> {
        Thread th = new Thread(r, name + "-" + n.incrementAndGet());
        th.setDaemon(true);
        return th;
      });
    } else {
      this.pool = null;
    }
  }

  int threads() {
    return threads;
  }

  /** Runs {@code rows} over [0, height) and waits; rethrows the first failure. */
  void run(int height, Rows rows) {
    AtomicInteger next = new AtomicInteger();
    if (pool == null) {
      work(0, rows, next, height);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(threads - 1);
    for (int t = 1; t < threads; t++) {
      int worker = t;
      futures.add(pool.submit(() -> work(worker, rows, next, height)));
    }
    RuntimeException failure = null;
    try {
      work(0, rows, next, height);
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while triangulating", e);
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = new IllegalStateException("triangulation worker failed", e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void work(int worker, Rows rows, AtomicInteger next, int height) {
    for (int start = next.getAndAdd(CHUNK_ROWS); start < height; start = next.getAndAdd(CHUNK_ROWS)) {
      rows.run(worker, start, Math.min(height, start + CHUNK_ROWS));
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
