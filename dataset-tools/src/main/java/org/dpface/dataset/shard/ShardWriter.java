package org.dpface.dataset.shard;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleShape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one HDF5 shard (one split, fixed sample shape) with the {@link ShardBackend} chosen at
 * construction ({@link ShardBackend#preferred()} unless given).
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>{@link #add} checks the sample's shape and keeps a reference to it (a {@link Sample}'s arrays are
 *       not copied and must not change afterwards);
 *   <li>{@link #finish} hands the rows to the backend, which writes every numeric dataset batch-first
 *       with chunk = one sample, filters shuffle + deflate, uint16/uint8 unsigned, the strings as
 *       fixed-length UTF-8, the root attributes of {@link ShardContract#rootAttributes}, to a hidden temp
 *       file in the target directory;
 *   <li>the temp file is fsynced and renamed over the target ({@code ATOMIC_MOVE}).
 * </ol>
 *
 * <p>Memory: the caller bounds a shard by starting a new one when {@link #sampleBytes()} reaches its
 * budget ({@link org.dpface.dataset.store.DatasetWriter} does). The writer itself holds only the sample
 * references until {@link #finish}; the native backend then needs a constant few MB on top (one chunk in
 * flight), the jHDF backend a nested copy and a flat copy of each dataset (see
 * {@code docs/dataset-format.md}). Closing without {@link #finish} discards everything and leaves the
 * target untouched. Same samples in the same order with the same backend give the same file bytes.
 */
public final class ShardWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardWriter.class);

  /** Default deflate level (1: fastest; the files read the same at any level). */
  public static final int DEFAULT_DEFLATE_LEVEL = 1;

  private final Path target;
  private final String split;
  private final SampleShape shape;
  private final DpAxis dpAxis;
  private final int deflateLevel;
  private final ShardBackend backend;
  private final List<Sample> samples = new ArrayList<>();
  private long sampleBytes;
  private boolean done;

  /**
   * @param target final shard path ({@code .h5}); written only by {@link #finish}
   * @param split split name stored as the root attribute {@code split}
   * @param deflateLevel 0..9
   * @param backend the library that writes the file
   * @throws IllegalStateException if {@code backend} is not {@link ShardBackend#available()}
   */
  public ShardWriter(Path target, String split, SampleShape shape, DpAxis dpAxis, int deflateLevel, ShardBackend backend) {
    this.target = Objects.requireNonNull(target, "target");
    this.split = Objects.requireNonNull(split, "split");
    this.shape = Objects.requireNonNull(shape, "shape");
    this.dpAxis = Objects.requireNonNull(dpAxis, "dpAxis");
    this.backend = Objects.requireNonNull(backend, "backend");
    if (deflateLevel < 0 || deflateLevel > 9) {
      throw new IllegalArgumentException("deflate level must be 0..9, got " + deflateLevel);
    }
    String why = backend.unavailableReason();
    if (why != null) {
      throw new IllegalStateException(target + ": shard backend " + backend + " unavailable: " + why);
    }
    this.deflateLevel = deflateLevel;
  }

  /** Writes with {@link ShardBackend#preferred()}. */
  public ShardWriter(Path target, String split, SampleShape shape, DpAxis dpAxis, int deflateLevel) {
    this(target, split, shape, dpAxis, deflateLevel, ShardBackend.preferred());
  }

  /** Writes with {@link #DEFAULT_DEFLATE_LEVEL} and {@link ShardBackend#preferred()}. */
  public ShardWriter(Path target, String split, SampleShape shape, DpAxis dpAxis) {
    this(target, split, shape, dpAxis, DEFAULT_DEFLATE_LEVEL);
  }

  /**
   * Adds a sample as the next row.
   *
   * @return the row index of the sample in this shard
   * @throws IllegalArgumentException if the sample's shape differs from the shard's
   */
  public int add(Sample s) {
    if (done) {
      throw new IllegalStateException(target + ": shard already finished or closed");
    }
    if (!s.shape().equals(shape)) {
      throw new IllegalArgumentException(
          s.ids().sampleId() + ": shape " + s.shape() + " differs from the shard's " + shape);
    }
    samples.add(s);
    sampleBytes += shape.sampleBytes();
    return rows() - 1;
  }

  /** Samples added so far. */
  public int rows() {
    return samples.size();
  }

  /** Uncompressed bytes of the samples added so far ({@link SampleShape#sampleBytes()} each). */
  public long sampleBytes() {
    return sampleBytes;
  }

  public Path target() {
    return target;
  }

  /** The library that writes this shard. */
  public ShardBackend backend() {
    return backend;
  }

  /**
   * Writes the shard to a temp file, fsyncs it and renames it over the target. Needs at least one row.
   *
   * @return the size of the written file in bytes
   */
  public long finish() throws IOException {
    if (done) {
      throw new IllegalStateException(target + ": shard already finished or closed");
    }
    if (rows() == 0) {
      throw new IllegalStateException(target + ": a shard needs at least one sample");
    }
    done = true;
    Path absolute = target.toAbsolutePath();
    Path tmp = absolute.resolveSibling(
        "." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
    int rows = rows();
    long t0 = System.nanoTime();
    try {
      backend.fileWriter().write(tmp, new ShardContent(split, shape, dpAxis, deflateLevel, samples));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e instanceof IOException io ? io : new IOException(target + ": writing the shard failed: " + e.getMessage(), e);
    } finally {
      release();
    }
    long size = Files.size(absolute);
    LOG.debug("wrote {} ({} rows, {} bytes, {}) in {} ms", target, rows, size, backend, (System.nanoTime() - t0) / 1_000_000);
    return size;
  }

  private void release() {
    samples.clear();
  }

  /** Discards an unfinished shard (the target is not touched); a no-op after {@link #finish}. */
  @Override
  public void close() {
    if (!done) {
      done = true;
      release();
    }
  }
}
