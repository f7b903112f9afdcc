package org.dpface.dataset.shard;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The few calls of the HDF Group's own Java binding of the HDF5 C library ({@code hdf.hdf5lib.H5}, Debian
 * package {@code libhdf5-java}: {@code /usr/share/java/jarhdf5.jar} + {@code libhdf5_java.so}) that the
 * native shard writer needs, bound by reflection at run time.
 *
 * <p>Why reflection: the build must work on machines without the package (a fresh clone, CI without it),
 * the binding is not on Maven Central in the version of the system library, and its Java half must match
 * its JNI half exactly. So nothing is compiled against it: {@link #load()} loads the system jar in a child
 * class loader, points it at the system JNI library, looks every method and constant up once, and fails
 * as a whole (with the reason) if anything is missing. Each call then goes through a {@link MethodHandle}
 * (one call per chunk, so the indirection costs nothing measurable). The binding's methods are
 * {@code static synchronized}: the library is used by one thread at a time in this process.
 *
 * <p>Locations: system properties {@value #JAR_PROPERTY} (default {@value #DEFAULT_JAR}) and
 * {@value #JNI_PROPERTY} (default: the first of {@link #DEFAULT_JNI} that exists).
 */
final class Hdf5Jni {
  static final String JAR_PROPERTY = "dpface.hdf5.jar";
  static final String JNI_PROPERTY = "dpface.hdf5.jni";
  static final String DEFAULT_JAR = "/usr/share/java/jarhdf5.jar";
  static final String[] DEFAULT_JNI = {
    "/usr/lib/x86_64-linux-gnu/jni/libhdf5_java.so", "/usr/lib/aarch64-linux-gnu/jni/libhdf5_java.so", "/usr/lib/jni/libhdf5_java.so"
  };

  private static final Object LOCK = new Object();
  private static Hdf5Jni instance;
  private static String failure;

  final long pDefault;
  final long pDatasetCreate;
  final long tStdU16le;
  final long tStdU8le;
  final long tIeeeF32le;
  final long tStdI32le;
  final long tNativeUshort;
  final long tNativeUchar;
  final long tNativeFloat;
  final long tNativeInt32;
  final long tCS1;
  final int fAccTrunc;
  final int sScalar;
  final int sSelectSet;
  final int tStrNullterm;
  final int tCsetUtf8;

  private final String version;
  private final String source;
  private final Class<?> h5;
  private final MethodHandle fcreate;
  private final MethodHandle fclose;
  private final MethodHandle pcreate;
  private final MethodHandle pclose;
  private final MethodHandle pSetChunk;
  private final MethodHandle pSetShuffle;
  private final MethodHandle pSetDeflate;
  private final MethodHandle pSetTrackTimes;
  private final MethodHandle screateSimple;
  private final MethodHandle screate;
  private final MethodHandle sclose;
  private final MethodHandle sSelectHyperslab;
  private final MethodHandle dcreate;
  private final MethodHandle dclose;
  private final MethodHandle dwriteBytes;
  private final MethodHandle dwriteShorts;
  private final MethodHandle dwriteFloats;
  private final MethodHandle tcopy;
  private final MethodHandle tSetSize;
  private final MethodHandle tSetStrpad;
  private final MethodHandle tSetCset;
  private final MethodHandle tclose;
  private final MethodHandle acreate;
  private final MethodHandle awrite;
  private final MethodHandle aclose;

  /**
   * The binding, loaded on first use.
   *
   * @throws IllegalStateException with the reason if the system binding cannot be loaded
   */
  static Hdf5Jni load() {
    synchronized (LOCK) {
      if (instance == null && failure == null) {
        try {
          instance = new Hdf5Jni();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException | java.io.IOException e) {
          Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
          failure = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
      }
      if (instance == null) {
        throw new IllegalStateException("native HDF5 (libhdf5-java) not usable: " + failure);
      }
      return instance;
    }
  }

  /** Null if {@link #load()} works, else why not. */
  static String unavailableReason() {
    try {
      load();
      return null;
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
  }

  private Hdf5Jni() throws ReflectiveOperationException, java.io.IOException {
    Path jar = Path.of(System.getProperty(JAR_PROPERTY, DEFAULT_JAR));
    if (!Files.isRegularFile(jar)) {
      throw new java.io.FileNotFoundException(jar + " not found (Debian package libhdf5-java; or set -D" + JAR_PROPERTY + ")");
    }
    String jni = System.getProperty(JNI_PROPERTY);
    if (jni == null) {
      for (String candidate : DEFAULT_JNI) {
        if (Files.isRegularFile(Path.of(candidate))) {
          jni = candidate;
          break;
        }
      }
    }
    if (jni == null || !Files.isRegularFile(Path.of(jni))) {
      throw new java.io.FileNotFoundException("libhdf5_java.so not found (Debian package libhdf5-jni; or set -D" + JNI_PROPERTY + ")");
    }
    // The binding's loader takes an absolute library path from this property (else java.library.path).
    if (System.getProperty("hdf.hdf5lib.H5.hdf5lib") == null) {
      System.setProperty("hdf.hdf5lib.H5.hdf5lib", jni);
    }
    @SuppressWarnings("resource") // lives as long as the JVM: the native library stays bound to it
    ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, Hdf5Jni.class.getClassLoader());
    h5 = Class.forName("hdf.hdf5lib.H5", true, loader);
    Class<?> c = Class.forName("hdf.hdf5lib.HDF5Constants", true, loader);
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Class<?> l = long.class;
    Class<?> i = int.class;
    fcreate = find(lookup, h5, "H5Fcreate", l, String.class, i, l, l);
    fclose = find(lookup, h5, "H5Fclose", i, l);
    pcreate = find(lookup, h5, "H5Pcreate", l, l);
    pclose = find(lookup, h5, "H5Pclose", i, l);
    pSetChunk = find(lookup, h5, "H5Pset_chunk", i, l, i, long[].class);
    pSetShuffle = find(lookup, h5, "H5Pset_shuffle", i, l);
    pSetDeflate = find(lookup, h5, "H5Pset_deflate", i, l, i);
    pSetTrackTimes = find(lookup, h5, "H5Pset_obj_track_times", void.class, l, boolean.class);
    screateSimple = find(lookup, h5, "H5Screate_simple", l, i, long[].class, long[].class);
    screate = find(lookup, h5, "H5Screate", l, i);
    sclose = find(lookup, h5, "H5Sclose", i, l);
    sSelectHyperslab = find(lookup, h5, "H5Sselect_hyperslab", i, l, i, long[].class, long[].class, long[].class, long[].class);
    dcreate = find(lookup, h5, "H5Dcreate", l, l, String.class, l, l, l, l, l);
    dclose = find(lookup, h5, "H5Dclose", i, l);
    dwriteBytes = find(lookup, h5, "H5Dwrite", i, l, l, l, l, l, byte[].class);
    dwriteShorts = find(lookup, h5, "H5Dwrite_short", i, l, l, l, l, l, short[].class);
    dwriteFloats = find(lookup, h5, "H5Dwrite_float", i, l, l, l, l, l, float[].class);
    tcopy = find(lookup, h5, "H5Tcopy", l, l);
    tSetSize = find(lookup, h5, "H5Tset_size", i, l, l);
    tSetStrpad = find(lookup, h5, "H5Tset_strpad", i, l, i);
    tSetCset = find(lookup, h5, "H5Tset_cset", i, l, i);
    tclose = find(lookup, h5, "H5Tclose", i, l);
    acreate = find(lookup, h5, "H5Acreate", l, l, String.class, l, l, l, l);
    awrite = find(lookup, h5, "H5Awrite", i, l, l, byte[].class);
    aclose = find(lookup, h5, "H5Aclose", i, l);
    MethodHandle libversion = find(lookup, h5, "H5get_libversion", i, int[].class);

    pDefault = c.getField("H5P_DEFAULT").getLong(null);
    pDatasetCreate = c.getField("H5P_DATASET_CREATE").getLong(null);
    tStdU16le = c.getField("H5T_STD_U16LE").getLong(null);
    tStdU8le = c.getField("H5T_STD_U8LE").getLong(null);
    tIeeeF32le = c.getField("H5T_IEEE_F32LE").getLong(null);
    tStdI32le = c.getField("H5T_STD_I32LE").getLong(null);
    tNativeUshort = c.getField("H5T_NATIVE_USHORT").getLong(null);
    tNativeUchar = c.getField("H5T_NATIVE_UCHAR").getLong(null);
    tNativeFloat = c.getField("H5T_NATIVE_FLOAT").getLong(null);
    tNativeInt32 = c.getField("H5T_NATIVE_INT32").getLong(null);
    tCS1 = c.getField("H5T_C_S1").getLong(null);
    fAccTrunc = c.getField("H5F_ACC_TRUNC").getInt(null);
    sScalar = c.getField("H5S_SCALAR").getInt(null);
    sSelectSet = c.getField("H5S_SELECT_SET").getInt(null);
    tStrNullterm = c.getField("H5T_STR_NULLTERM").getInt(null);
    tCsetUtf8 = c.getField("H5T_CSET_UTF8").getInt(null);

    int[] v = new int[3];
    call(libversion, v);
    version = v[0] + "." + v[1] + "." + v[2];
    source = jar + " + " + jni;
  }

  private static MethodHandle find(MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> ret, Class<?>... params)
      throws ReflectiveOperationException {
    return lookup.findStatic(owner, name, MethodType.methodType(ret, params));
  }

  /** HDF5 library version, e.g. {@code 1.10.8}. */
  String version() {
    return version;
  }

  /** The monitor the binding's {@code static synchronized} methods hold; other callers of the C library take it too. */
  Object lockObject() {
    return h5;
  }

  /** Where the binding was loaded from (jar + JNI library). */
  String source() {
    return source;
  }

  private static Object call(MethodHandle h, Object... args) {
    try {
      return h.invokeWithArguments(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t.getMessage(), t);
    }
  }

  long fileCreate(String path) {
    return (long) call(fcreate, path, fAccTrunc, pDefault, pDefault);
  }

  void fileClose(long id) {
    call(fclose, id);
  }

  /** A dataset creation property list: chunk, shuffle, deflate (if {@code chunk != null}), no object times. */
  long datasetCreateProps(long[] chunk, int deflateLevel) {
    long p = (long) call(pcreate, pDatasetCreate);
    try {
      call(pSetTrackTimes, p, false);
      if (chunk != null) {
        call(pSetChunk, p, chunk.length, chunk);
        call(pSetShuffle, p);
        call(pSetDeflate, p, deflateLevel);
      }
      return p;
    } catch (RuntimeException e) {
      call(pclose, p);
      throw e;
    }
  }

  void propsClose(long id) {
    call(pclose, id);
  }

  long spaceSimple(long[] dims) {
    return (long) call(screateSimple, dims.length, dims, null);
  }

  long spaceScalar() {
    return (long) call(screate, sScalar);
  }

  void spaceClose(long id) {
    call(sclose, id);
  }

  /** Selects {@code count} along every dimension from {@code start} (a block per row). */
  void selectHyperslab(long space, long[] start, long[] count) {
    call(sSelectHyperslab, space, sSelectSet, start, null, count, null);
  }

  long datasetCreate(long loc, String name, long fileType, long space, long dcpl) {
    return (long) call(dcreate, loc, name, fileType, space, pDefault, dcpl, pDefault);
  }

  void datasetClose(long id) {
    call(dclose, id);
  }

  void write(long dataset, long memType, long memSpace, long fileSpace, Object data) {
    switch (data) {
      case short[] s -> call(dwriteShorts, dataset, memType, memSpace, fileSpace, pDefault, s);
      case float[] f -> call(dwriteFloats, dataset, memType, memSpace, fileSpace, pDefault, f);
      case byte[] b -> call(dwriteBytes, dataset, memType, memSpace, fileSpace, pDefault, b);
      default -> throw new IllegalArgumentException("cannot write " + data.getClass());
    }
  }

  /** A fixed-length, null-terminated UTF-8 string type of {@code size} bytes (terminator included). */
  long utf8Type(int size) {
    long t = (long) call(tcopy, tCS1);
    try {
      call(tSetSize, t, (long) size);
      call(tSetStrpad, t, tStrNullterm);
      call(tSetCset, t, tCsetUtf8);
      return t;
    } catch (RuntimeException e) {
      call(tclose, t);
      throw e;
    }
  }

  void typeClose(long id) {
    call(tclose, id);
  }

  long attributeCreate(long loc, String name, long type, long space) {
    return (long) call(acreate, loc, name, type, space, pDefault, pDefault);
  }

  void attributeWrite(long attribute, long memType, byte[] data) {
    call(awrite, attribute, memType, data);
  }

  void attributeClose(long id) {
    call(aclose, id);
  }
}
