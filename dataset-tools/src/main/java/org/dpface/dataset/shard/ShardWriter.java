package org.dpface.dataset.shard;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.io.IOException;
import java.lang.reflect.Array;
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
import org.dpface.dataset.shard.ShardContract.ArraySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one HDF5 shard (one split, fixed sample shape) through jHDF.
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>{@link #add} converts each sample to the nested arrays jHDF needs and keeps them (jHDF cannot
 *       append: a file is written whole at close, so the shard lives in memory until {@link #finish});
 *   <li>{@link #finish} creates every dataset batch-first with chunk = one sample, filters shuffle +
 *       deflate, uint16/uint8 flagged unsigned, the strings as fixed-length UTF-8, the root attributes of
 *       {@link ShardContract}; jHDF writes it all to a hidden temp file in the target directory;
 *   <li>the temp file is fsynced and renamed over the target ({@code ATOMIC_MOVE}).
 * </ol>
 *
 * <p>The caller bounds memory by starting a new shard when {@link #sampleBytes()} reaches its budget
 * ({@link org.dpface.dataset.store.DatasetWriter} does). Held heap per shard is a small multiple of
 * the uncompressed sample bytes because of jHDF's nested-array input. Closing without {@link #finish}
 * discards everything and leaves the target untouched. Same samples in the same order give the same
 * file bytes.
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
  private final List<ArraySpec> specs;
  private final List<List<Object>> numeric = new ArrayList<>();
  private final List<List<String>> strings = new ArrayList<>();
  private long sampleBytes;
  private int rowsWritten;
  private boolean done;

  /**
   * @param target final shard path ({@code .h5}); written only by {@link #finish}
   * @param split split name stored as the root attribute {@code split}
   * @param deflateLevel 0..9
   */
  public ShardWriter(Path target, String split, SampleShape shape, DpAxis dpAxis, int deflateLevel) {
    this.target = Objects.requireNonNull(target, "target");
    this.split = Objects.requireNonNull(split, "split");
    this.shape = Objects.requireNonNull(shape, "shape");
    this.dpAxis = Objects.requireNonNull(dpAxis, "dpAxis");
    if (deflateLevel < 0 || deflateLevel > 9) {
      throw new IllegalArgumentException("deflate level must be 0..9, got " + deflateLevel);
    }
    this.deflateLevel = deflateLevel;
    this.specs = ShardContract.arrays(shape);
    for (int i = 0; i < specs.size(); i++) {
      numeric.add(new ArrayList<>());
    }
    for (int i = 0; i < ShardContract.STRING_FIELDS.size(); i++) {
      strings.add(new ArrayList<>());
    }
  }

  /** Writes with {@link #DEFAULT_DEFLATE_LEVEL}. */
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
    int h = shape.height();
    int w = shape.width();
    int c = shape.channels();
    Object[] arrays = {
      ShardArrays.nest(s.dpLeft(), h, w, c),
      ShardArrays.nest(s.dpRight(), h, w, c),
      ShardArrays.nest(s.depth(), h, w),
      ShardArrays.nest(s.normal(), h, w, 3),
      ShardArrays.nest(s.mask(), h, w),
      ShardArrays.nest(s.k(), 3, 3),
      ShardArrays.nest(s.cameraToWorld(), 4, 4),
      s.dpCoeffs().clone()
    };
    for (int i = 0; i < arrays.length; i++) {
      numeric.get(i).add(arrays[i]);
    }
    String[] text = {
      s.ids().sampleId(), s.ids().subjectId(), s.ids().sessionId(), s.ids().cameraId(),
      s.metadata().expression(), s.metadata().position(), s.metadata().direction(), s.metadata().light()
    };
    for (int i = 0; i < text.length; i++) {
      strings.get(i).add(text[i]);
    }
    sampleBytes += shape.sampleBytes();
    return rows() - 1;
  }

  /** Samples added so far. */
  public int rows() {
    return strings.get(0).size();
  }

  /** Uncompressed bytes of the samples added so far ({@link SampleShape#sampleBytes()} each). */
  public long sampleBytes() {
    return sampleBytes;
  }

  public Path target() {
    return target;
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
    long t0 = System.nanoTime();
    try {
      writeTo(tmp);
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
    LOG.debug("wrote {} ({} rows, {} bytes) in {} ms", target, rowsWritten, size, (System.nanoTime() - t0) / 1_000_000);
    return size;
  }

  private void writeTo(Path tmp) {
    int n = rows();
    rowsWritten = n;
    try (WritableHdfFile file = HdfFile.write(tmp)) {
      file.putAttribute("format", ShardContract.FORMAT);
      file.putAttribute("version", ShardContract.VERSION);
      file.putAttribute("split", split);
      file.putAttribute("rows", n);
      file.putAttribute("sample_height", shape.height());
      file.putAttribute("sample_width", shape.width());
      file.putAttribute("dp_channels", shape.channels());
      file.putAttribute("dp_axis", dpAxis.attribute());
      for (String[] kv : ShardContract.CONVENTIONS) {
        file.putAttribute(kv[0], kv[1]);
      }
      for (int i = 0; i < specs.size(); i++) {
        ArraySpec spec = specs.get(i);
        List<Object> rows = numeric.get(i);
        Object batch = Array.newInstance(rows.get(0).getClass(), n);
        for (int r = 0; r < n; r++) {
          Array.set(batch, r, rows.get(r));
        }
        int[] chunk = spec.datasetDims(1);
        DatasetCreationOptions.Builder options =
            DatasetCreationOptions.builder().chunkDimensions(chunk).shuffle().deflate(deflateLevel);
        if (!spec.type().floating()) {
          options.unsigned();
        }
        file.putDataset(spec.name(), batch, options.build());
      }
      for (int i = 0; i < ShardContract.STRING_FIELDS.size(); i++) {
        file.putDataset(ShardContract.STRING_FIELDS.get(i), strings.get(i).toArray(new String[0]));
      }
    }
  }

  private void release() {
    for (List<Object> l : numeric) {
      l.clear();
    }
    for (List<String> l : strings) {
      l.clear();
    }
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
