package org.dpface.capture.storage;

import java.io.IOException;
import java.nio.file.Path;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.AtomicFiles;

/**
 * The file operations raw storage needs, so that a capture can run against the local disk
 * ({@link LocalVolume}) or a volume with a byte budget ({@link QuotaVolume}, which fails exactly like a
 * full disk). Every write is atomic or an fsynced append; nothing is ever modified in place.
 */
public interface Volume {

  /** Creates {@code dir} and missing parents. */
  void createDirectories(Path dir) throws IOException;

  /** Atomically creates or replaces {@code target} (temp file + fsync + rename). */
  void writeAtomic(Path target, AtomicFiles.StreamWriter writer) throws IOException;

  /**
   * Like {@link #writeAtomic} but the folder is not synced: the name becomes durable with the next synced
   * write into the same folder. Used for a take's frame files; the take's sidecar, written with {@link
   * #writeAtomic} into the same folder before the folder is renamed, syncs them all at once.
   */
  void writeAtomicFolderSyncedLater(Path target, AtomicFiles.StreamWriter writer) throws IOException;

  /**
   * Atomically writes a 16-bit gray PNG, then reads it back once. Like {@link
   * #writeAtomicFolderSyncedLater}, its folder is synced by the next synced write into it.
   *
   * @return SHA-256 and size of the file as it is on disk
   */
  FileDigest writePng(Path target, GrayU16 image) throws IOException;

  /** Opens {@code file} for fsynced appends, creating it if missing. */
  Appender openAppender(Path file) throws IOException;

  /** Renames {@code from} to {@code to} atomically (same file system) and syncs the parent folder. */
  void moveAtomic(Path from, Path to) throws IOException;

  /** An append-only file handle. */
  interface Appender extends AutoCloseable {
    /** Appends {@code bytes} at the end and fsyncs. */
    void append(byte[] bytes) throws IOException;

    /** Current size in bytes. */
    long size() throws IOException;

    /** Cuts the file back to {@code size} bytes and fsyncs (undoes a torn append). */
    void truncate(long size) throws IOException;

    @Override
    void close() throws IOException;
  }
}
