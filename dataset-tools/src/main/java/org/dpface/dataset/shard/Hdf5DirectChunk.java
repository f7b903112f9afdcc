package org.dpface.dataset.shard;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code H5Dwrite_chunk} of the HDF5 C library (1.10.3+), which the HDF Group's JNI binding 1.10.8 does
 * not expose: it stores one already-filtered chunk as is, so shuffle + deflate can run in Java on many
 * threads ({@link ChunkCompressor}) while the library only places bytes and indexes them.
 *
 * <p>Bound through the Foreign Function & Memory API (final since JDK 22) by reflection, because the
 * project compiles for release 21 where that API is still a preview. The C symbol comes from the same
 * {@code libhdf5} that the JNI library already loaded into this process (found in
 * {@code /proc/self/maps}), so dataset ids from {@link Hdf5Jni} are valid here. Calls take the JNI
 * binding's lock ({@code synchronized} on its {@code H5} class), as its own methods do. The chunk bytes go
 * to C as a pinned heap array ({@code Linker.Option.critical(true)}), not copied.
 *
 * <p>Unavailable (with a reason) on JDK 21 or where the library cannot be found; the native writer then
 * lets the library filter chunks itself.
 */
final class Hdf5DirectChunk {
  private static final Object LOCK = new Object();
  private static Hdf5DirectChunk instance;
  private static String failure;

  private final Object h5Lock;
  private final MethodHandle writeChunk;
  private final Method ofArray;
  private final Method allocateFrom;
  private final Object longLayout;
  private final Method ofConfined;
  private final Method close;
  private final Path library;

  static Hdf5DirectChunk load(Hdf5Jni h) {
    synchronized (LOCK) {
      if (instance == null && failure == null) {
        try {
          instance = new Hdf5DirectChunk(h);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException | java.io.IOException e) {
          Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
          failure = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
      }
      if (instance == null) {
        throw new IllegalStateException("H5Dwrite_chunk not usable: " + failure);
      }
      return instance;
    }
  }

  /** Null if {@link #load} works, else why not. */
  static String unavailableReason(Hdf5Jni h) {
    try {
      load(h);
      return null;
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
  }

  private Hdf5DirectChunk(Hdf5Jni h) throws ReflectiveOperationException, java.io.IOException {
    this.h5Lock = h.lockObject();
    this.library = loadedLibhdf5();
    Class<?> arenaC = Class.forName("java.lang.foreign.Arena");
    Class<?> linkerC = Class.forName("java.lang.foreign.Linker");
    Class<?> optionC = Class.forName("java.lang.foreign.Linker$Option");
    Class<?> lookupC = Class.forName("java.lang.foreign.SymbolLookup");
    Class<?> segmentC = Class.forName("java.lang.foreign.MemorySegment");
    Class<?> layoutC = Class.forName("java.lang.foreign.MemoryLayout");
    Class<?> valueLayoutC = Class.forName("java.lang.foreign.ValueLayout");
    Class<?> descriptorC = Class.forName("java.lang.foreign.FunctionDescriptor");
    Object global = arenaC.getMethod("global").invoke(null);
    Object lookup = lookupC.getMethod("libraryLookup", Path.class, arenaC).invoke(null, library, global);
    @SuppressWarnings("unchecked")
    java.util.Optional<Object> symbol = (java.util.Optional<Object>) lookupC.getMethod("find", String.class).invoke(lookup, "H5Dwrite_chunk");
    if (symbol.isEmpty()) {
      throw new NoSuchMethodException("H5Dwrite_chunk not in " + library + " (needs HDF5 1.10.3+)");
    }
    Object jInt = valueLayoutC.getField("JAVA_INT").get(null);
    Object jLong = valueLayoutC.getField("JAVA_LONG").get(null);
    Object address = valueLayoutC.getField("ADDRESS").get(null);
    this.longLayout = jLong;
    // herr_t H5Dwrite_chunk(hid_t dset, hid_t dxpl, uint32_t filter_mask, const hsize_t *offset, size_t size, const void *buf)
    Object args = Array.newInstance(layoutC, 6);
    Object[] params = {jLong, jLong, jInt, address, jLong, address};
    for (int i = 0; i < params.length; i++) {
      Array.set(args, i, params[i]);
    }
    Object descriptor = descriptorC.getMethod("of", layoutC, args.getClass()).invoke(null, jInt, args);
    Object options = Array.newInstance(optionC, 1);
    Array.set(options, 0, optionC.getMethod("critical", boolean.class).invoke(null, true));
    Object linker = linkerC.getMethod("nativeLinker").invoke(null);
    this.writeChunk = (MethodHandle) linkerC.getMethod("downcallHandle", segmentC, descriptorC, options.getClass())
        .invoke(linker, symbol.get(), descriptor, options);
    this.ofArray = segmentC.getMethod("ofArray", byte[].class);
    this.ofConfined = arenaC.getMethod("ofConfined");
    this.close = arenaC.getMethod("close");
    this.allocateFrom = Class.forName("java.lang.foreign.SegmentAllocator")
        .getMethod("allocateFrom", Class.forName("java.lang.foreign.ValueLayout$OfLong"), long[].class);
  }

  /** The libhdf5 shared object mapped into this process (loaded by {@code libhdf5_java.so}). */
  private static Path loadedLibhdf5() throws java.io.IOException {
    List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
    for (String line : maps) {
      int slash = line.indexOf('/');
      if (slash < 0) {
        continue;
      }
      Path p = Path.of(line.substring(slash).trim());
      String name = p.getFileName().toString();
      if (name.startsWith("libhdf5") && name.contains(".so") && !name.contains("java") && !name.contains("_hl")
          && !name.contains("cpp") && !name.contains("fortran")) {
        return p;
      }
    }
    throw new java.io.FileNotFoundException("no libhdf5 mapped in /proc/self/maps");
  }

  /** The C library file the symbol was bound from. */
  Path library() {
    return library;
  }

  /**
   * Stores {@code chunk[0..size)} — bytes already through the dataset's whole filter pipeline — as the
   * chunk at element offset {@code offset}.
   */
  void write(long dataset, long dxpl, long[] offset, byte[] chunk, int size) {
    synchronized (h5Lock) {
      Object arena;
      try {
        arena = ofConfined.invoke(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      try {
        Object offsetSeg = allocateFrom.invoke(arena, longLayout, offset);
        Object buf = ofArray.invoke(null, (Object) chunk);
        int rc = (int) writeChunk.invokeWithArguments(dataset, dxpl, 0, offsetSeg, (long) size, buf);
        if (rc < 0) {
          throw new IllegalStateException("H5Dwrite_chunk failed (" + rc + ") at offset " + java.util.Arrays.toString(offset));
        }
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("H5Dwrite_chunk: " + t.getMessage(), t);
      } finally {
        try {
          close.invoke(arena);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
