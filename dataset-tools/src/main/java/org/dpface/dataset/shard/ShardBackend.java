package org.dpface.dataset.shard;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which library writes shard files. Both write the same contract ({@link ShardContract}: datasets, element
 * types, chunk = one sample, shuffle + deflate, root attributes), and both files read the same through
 * jHDF ({@link ShardReader}), h5py and h5dump; the bytes differ (chunk index, superblock version).
 *
 * <ul>
 *   <li>{@link #NATIVE}: the HDF5 C library through the HDF Group's JNI binding (Debian
 *       {@code libhdf5-java}), loaded at run time if installed; as fast as h5py (same library, same zlib)
 *       and holds no copies of the samples;
 *   <li>{@link #JHDF}: pure Java (jHDF 0.13.0); always available, several times slower and needs nested
 *       copies of the arrays on the heap.
 * </ul>
 *
 * <p>{@link #preferred()} is {@code NATIVE} when the binding loads, else {@code JHDF}; the system
 * property {@value #PROPERTY} ({@code native}, {@code jhdf}, {@code auto}) overrides it. The choice is
 * logged once at INFO.
 */
public enum ShardBackend {
  NATIVE,
  JHDF;

  /** System property choosing the backend: {@code auto} (default), {@code native} or {@code jhdf}. */
  public static final String PROPERTY = "dpface.shard.writer";

  /**
   * System property: threads that shuffle + deflate chunks for the native backend (default: available
   * processors); 0 lets the HDF5 library filter each chunk on the writing thread. Read at every
   * {@link ShardWriter#finish}.
   */
  public static final String THREADS_PROPERTY = "dpface.shard.threads";

  private static final Logger LOG = LoggerFactory.getLogger(ShardBackend.class);
  private static volatile ShardBackend preferred;

  /** Whether this backend can write in this process. */
  public boolean available() {
    return this == JHDF || Hdf5Jni.unavailableReason() == null;
  }

  /** Null if {@link #available()}, else why not (e.g. the jar or JNI library is missing). */
  public String unavailableReason() {
    return this == JHDF ? null : Hdf5Jni.unavailableReason();
  }

  /** A one-line description: library and version, and where it was loaded from. */
  public String describe() {
    if (this == JHDF) {
      return "jHDF (pure Java)";
    }
    String why = unavailableReason();
    if (why != null) {
      return why;
    }
    Hdf5Jni h = Hdf5Jni.load();
    int threads = compressionThreads();
    String direct = Hdf5DirectChunk.unavailableReason(h);
    String filters = threads == 0
        ? "chunks filtered by the library (-D" + THREADS_PROPERTY + "=0)"
        : direct == null
            ? "chunks shuffled + deflated in Java on " + threads + " thread(s), stored with H5Dwrite_chunk"
            : "chunks filtered by the library (" + direct + ")";
    return "native HDF5 " + h.version() + " via JNI (" + h.source() + "); " + filters;
  }

  /** The backend new shard writers use by default (see the class comment); decided and logged once. */
  public static ShardBackend preferred() {
    ShardBackend p = preferred;
    if (p == null) {
      synchronized (ShardBackend.class) {
        p = preferred;
        if (p == null) {
          p = decide();
          preferred = p;
        }
      }
    }
    return p;
  }

  private static ShardBackend decide() {
    String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    switch (wanted) {
      case "jhdf" -> {
        LOG.info("HDF5 shards written by {} (-D{}=jhdf)", JHDF.describe(), PROPERTY);
        return JHDF;
      }
      case "native" -> {
        String why = NATIVE.unavailableReason();
        if (why != null) {
          throw new IllegalStateException("-D" + PROPERTY + "=native but " + why);
        }
        LOG.info("HDF5 shards written by {}", NATIVE.describe());
        return NATIVE;
      }
      case "auto" -> {
        String why = NATIVE.unavailableReason();
        if (why == null) {
          LOG.info("HDF5 shards written by {}", NATIVE.describe());
          return NATIVE;
        }
        LOG.info("HDF5 shards written by jHDF (pure Java, slower; install Debian libhdf5-java for the native writer): {}", why);
        return JHDF;
      }
      default -> throw new IllegalArgumentException("-D" + PROPERTY + " must be auto, native or jhdf, got \"" + wanted + "\"");
    }
  }

  static int compressionThreads() {
    String v = System.getProperty(THREADS_PROPERTY);
    if (v == null || v.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + THREADS_PROPERTY + " must be an integer >= 0, got \"" + v + "\"");
    }
  }

  ShardFileWriter fileWriter() {
    if (this == NATIVE) {
      Hdf5Jni.load(); // fails with the reason if the binding is missing
      return new NativeShardFileWriter(compressionThreads());
    }
    return new JhdfShardFileWriter();
  }
}
