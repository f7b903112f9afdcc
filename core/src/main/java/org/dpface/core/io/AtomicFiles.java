package org.dpface.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-safe whole-file writes: a reader sees either the complete old file or the complete new one.
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>create a new hidden temp file {@code .<name>.<random>.tmp} in the target's directory (same file
 *       system, so the rename below can be atomic);
 *   <li>let the caller write into it through a buffered stream;
 *   <li>flush and {@code fsync} the temp file;
 *   <li>{@link Files#move} it over the target with {@code ATOMIC_MOVE, REPLACE_EXISTING} (POSIX
 *       {@code rename(2)});
 *   <li>{@code fsync} the directory so the rename itself survives a power cut (best effort; not every
 *       platform can open a directory).
 * </ol>
 *
 * <p>If anything fails before the move, the temp file is deleted and an existing target is untouched.
 * The caller's stream must not be used after the callback returns; closing it is allowed and harmless.
 */
public final class AtomicFiles {
  private static final int BUFFER_BYTES = 1 << 16;

  /** Writes the whole content of a file to a stream; the stream is owned by {@link AtomicFiles}. */
  @FunctionalInterface
  public interface StreamWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Atomically replaces (or creates) {@code target} with what {@code writer} writes.
   *
   * @throws IOException if writing, syncing or renaming fails; the target is then unchanged
   */
  public static void write(Path target, StreamWriter writer) throws IOException {
    write(target, writer, true);
  }

  /**
   * Like {@link #write(Path, StreamWriter)} (temp file, fsync, atomic rename) but without the folder
   * fsync: the new name becomes durable with the next folder sync, e.g. the next {@link #write(Path,
   * StreamWriter)} into the same folder. For many files written into one folder that is completed by a
   * final synced write (a take's frames, then its sidecar): one folder fsync instead of one per file.
   */
  public static void writeFolderSyncedLater(Path target, StreamWriter writer) throws IOException {
    write(target, writer, false);
  }

  private static void write(Path target, StreamWriter writer, boolean syncFolder) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null) {
      throw new IOException(target + ": cannot write a file without a parent directory");
    }
    if (Files.isDirectory(absolute)) {
      throw new IOException(target + ": is a directory");
    }
    Path tmp = createTemp(dir, absolute.getFileName().toString());
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        BufferedOutputStream buffered =
            new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        writer.writeTo(new NonClosingStream(buffered));
        buffered.flush();
        channel.force(true);
      }
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (Throwable t) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        t.addSuppressed(cleanup);
      }
      throw t;
    }
    if (syncFolder) {
      syncDirectory(dir);
    }
  }

  /** Atomically replaces (or creates) {@code target} with {@code bytes}. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /** Atomically replaces (or creates) {@code target} with {@code text} encoded as UTF-8. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  private static Path createTemp(Path dir, String name) throws IOException {
    // CREATE_NEW with default permissions (umask), unlike Files.createTempFile's owner-only 0600.
    for (int attempt = 0; ; attempt++) {
      String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
      Path tmp = dir.resolve("." + name + "." + suffix + ".tmp");
      try {
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open or sync a directory; the data itself is already synced.
    }
  }

  /** Passes writes through in bulk; close only flushes, so the caller cannot close the channel early. */
  private static final class NonClosingStream extends FilterOutputStream {
    NonClosingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
