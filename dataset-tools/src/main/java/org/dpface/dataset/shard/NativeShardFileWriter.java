package org.dpface.dataset.shard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.shard.ShardContract.ArraySpec;
import org.dpface.dataset.shard.ShardContract.RootAttribute;

/**
 * Native backend ({@link ShardBackend#NATIVE}): the HDF5 C library through the HDF Group's JNI binding
 * ({@link Hdf5Jni}). Each numeric dataset is created at its final size with chunk = one sample, shuffle +
 * deflate and no object timestamps; every sample's flat array goes down in one {@code H5Dwrite} of a
 * one-row hyperslab, so the library filters and writes exactly that chunk from the Java array (pinned,
 * not copied) — no nested arrays, no whole-dataset buffer. Strings are fixed-length null-terminated
 * UTF-8, contiguous; root attributes int32 or fixed-length UTF-8 scalars, as the jHDF backend writes
 * them. Default file-format bounds (superblock 0, v1 B-tree chunk index), which every HDF5 reader
 * including jHDF and HDF5 1.8 reads.
 *
 * <p>Where the filters run: with {@code threads > 0} and {@link Hdf5DirectChunk} available, each chunk is
 * shuffled and deflated in Java ({@link ChunkCompressor}) on a pool of {@code threads}, and the finished
 * chunks are stored in row order by {@code H5Dwrite_chunk} (at most {@code 2 × threads} chunks in
 * flight, so memory stays a constant few chunks); the file is the same whatever the thread count.
 * Otherwise ({@code threads == 0}, or no FFM / {@code H5Dwrite_chunk}) the library filters each chunk
 * inside {@code H5Dwrite} on the calling thread, as h5py does.
 */
final class NativeShardFileWriter implements ShardFileWriter {
  private final int threads;

  /** @param threads compression threads; 0 = let the library filter on the calling thread */
  NativeShardFileWriter(int threads) {
    this.threads = Math.max(0, threads);
  }

  @Override
  public void write(Path file, ShardContent content) throws IOException {
    Hdf5Jni h = Hdf5Jni.load();
    Hdf5DirectChunk direct = threads > 0 && Hdf5DirectChunk.unavailableReason(h) == null ? Hdf5DirectChunk.load(h) : null;
    ExecutorService pool = direct == null ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "shard-deflate");
      t.setDaemon(true);
      return t;
    });
    try {
      write(h, direct, pool, file, content);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private void write(Hdf5Jni h, Hdf5DirectChunk direct, ExecutorService pool, Path file, ShardContent content) throws IOException {
    long fid = h.fileCreate(file.toString());
    String step = "root attributes";
    try {
      for (RootAttribute a : content.attributes()) {
        step = "attribute " + a.name();
        writeAttribute(h, fid, a);
      }
      List<ArraySpec> specs = ShardContract.arrays(content.shape());
      for (int i = 0; i < specs.size(); i++) {
        step = "dataset " + specs.get(i).name();
        writeNumeric(h, direct, pool, fid, specs.get(i), i, content);
      }
      for (int i = 0; i < ShardContract.STRING_FIELDS.size(); i++) {
        step = "dataset " + ShardContract.STRING_FIELDS.get(i);
        writeStrings(h, fid, ShardContract.STRING_FIELDS.get(i), content.column(i));
      }
    } catch (RuntimeException e) {
      try {
        h.fileClose(fid);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IOException(file + ": native HDF5 write failed at " + step + ": " + e.getMessage(), e);
    }
    try {
      h.fileClose(fid);
    } catch (RuntimeException e) {
      throw new IOException(file + ": native HDF5 close failed: " + e.getMessage(), e);
    }
  }

  private void writeNumeric(Hdf5Jni h, Hdf5DirectChunk direct, ExecutorService pool, long fid, ArraySpec spec, int index,
      ShardContent content) {
    int n = content.rows();
    long[] dims = toLong(spec.datasetDims(n));
    long[] one = toLong(spec.datasetDims(1));
    long fileType = switch (spec.type()) {
      case UINT16 -> h.tStdU16le;
      case UINT8 -> h.tStdU8le;
      case FLOAT32 -> h.tIeeeF32le;
    };
    long memType = switch (spec.type()) {
      case UINT16 -> h.tNativeUshort;
      case UINT8 -> h.tNativeUchar;
      case FLOAT32 -> h.tNativeFloat;
    };
    long dcpl = h.datasetCreateProps(one, content.deflateLevel());
    try {
      long fileSpace = h.spaceSimple(dims);
      try {
        long dset = h.datasetCreate(fid, spec.name(), fileType, fileSpace, dcpl);
        try {
          if (direct != null) {
            writeChunksInParallel(h, direct, pool, dset, dims.length, index, content);
            return;
          }
          long memSpace = h.spaceSimple(one);
          try {
            long[] start = new long[dims.length];
            for (int r = 0; r < n; r++) {
              start[0] = r;
              h.selectHyperslab(fileSpace, start, one);
              h.write(dset, memType, memSpace, fileSpace, ShardContent.array(content.samples().get(r), index));
            }
          } finally {
            h.spaceClose(memSpace);
          }
        } finally {
          h.datasetClose(dset);
        }
      } finally {
        h.spaceClose(fileSpace);
      }
    } finally {
      h.propsClose(dcpl);
    }
  }

  /** Compresses rows on {@code pool} and stores them in row order, at most {@code 2 × threads} in flight. */
  private void writeChunksInParallel(Hdf5Jni h, Hdf5DirectChunk direct, ExecutorService pool, long dset, int rank, int index,
      ShardContent content) {
    int level = content.deflateLevel();
    List<Sample> samples = content.samples();
    ArrayDeque<Future<byte[]>> window = new ArrayDeque<>();
    long[] offset = new long[rank];
    int written = 0;
    for (int r = 0; r < samples.size(); r++) {
      Object array = ShardContent.array(samples.get(r), index);
      window.add(pool.submit(() -> ChunkCompressor.filter(array, level)));
      if (window.size() >= 2 * threads) {
        offset[0] = written++;
        store(h, direct, dset, offset, window.poll());
      }
    }
    while (!window.isEmpty()) {
      offset[0] = written++;
      store(h, direct, dset, offset, window.poll());
    }
  }

  private static void store(Hdf5Jni h, Hdf5DirectChunk direct, long dset, long[] offset, Future<byte[]> chunk) {
    byte[] bytes;
    try {
      bytes = chunk.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("compressing row " + offset[0] + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while compressing row " + offset[0], e);
    }
    direct.write(dset, h.pDefault, offset, bytes, bytes.length);
  }

  private static void writeStrings(Hdf5Jni h, long fid, String name, String[] values) {
    byte[][] utf8 = new byte[values.length][];
    int size = 1;
    for (int i = 0; i < values.length; i++) {
      utf8[i] = values[i].getBytes(StandardCharsets.UTF_8);
      size = Math.max(size, utf8[i].length + 1);
    }
    byte[] packed = new byte[values.length * size];
    for (int i = 0; i < values.length; i++) {
      System.arraycopy(utf8[i], 0, packed, i * size, utf8[i].length);
    }
    long type = h.utf8Type(size);
    try {
      long dcpl = h.datasetCreateProps(null, 0);
      try {
        long space = h.spaceSimple(new long[] {values.length});
        try {
          long dset = h.datasetCreate(fid, name, type, space, dcpl);
          try {
            h.write(dset, type, space, space, packed);
          } finally {
            h.datasetClose(dset);
          }
        } finally {
          h.spaceClose(space);
        }
      } finally {
        h.propsClose(dcpl);
      }
    } finally {
      h.typeClose(type);
    }
  }

  private static void writeAttribute(Hdf5Jni h, long fid, RootAttribute a) {
    long space = h.spaceScalar();
    try {
      if (a.value() instanceof Integer v) {
        long attr = h.attributeCreate(fid, a.name(), h.tStdI32le, space);
        try {
          h.attributeWrite(attr, h.tNativeInt32, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array());
        } finally {
          h.attributeClose(attr);
        }
      } else {
        byte[] utf8 = ((String) a.value()).getBytes(StandardCharsets.UTF_8);
        byte[] terminated = java.util.Arrays.copyOf(utf8, utf8.length + 1);
        long type = h.utf8Type(terminated.length);
        try {
          long attr = h.attributeCreate(fid, a.name(), type, space);
          try {
            h.attributeWrite(attr, type, terminated);
          } finally {
            h.attributeClose(attr);
          }
        } finally {
          h.typeClose(type);
        }
      }
    } finally {
      h.spaceClose(space);
    }
  }

  private static long[] toLong(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }
}
