package org.dpface.capture.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.AtomicFiles;
import org.dpface.core.io.PngImages;

/** The local file system: {@link AtomicFiles}, {@link PngImages} and fsynced {@link FileChannel} appends. */
public final class LocalVolume implements Volume {
  /** The one instance. */
  public static final LocalVolume INSTANCE = new LocalVolume();

  private LocalVolume() {}

  @Override
  public void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir);
  }

  @Override
  public void writeAtomic(Path target, AtomicFiles.StreamWriter writer) throws IOException {
    AtomicFiles.write(target, writer);
  }

  @Override
  public void writeAtomicFolderSyncedLater(Path target, AtomicFiles.StreamWriter writer) throws IOException {
    AtomicFiles.writeFolderSyncedLater(target, writer);
  }

  @Override
  public FileDigest writePng(Path target, GrayU16 image) throws IOException {
    AtomicFiles.writeFolderSyncedLater(target, out -> PngImages.write(out, image));
    return FileDigest.of(target);
  }

  @Override
  public Appender openAppender(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    return new Appender() {
      @Override
      public void append(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(false);
      }

      @Override
      public long size() throws IOException {
        return ch.size();
      }

      @Override
      public void truncate(long size) throws IOException {
        ch.truncate(size);
        ch.force(true);
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  @Override
  public void moveAtomic(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    Path parent = to.toAbsolutePath().getParent();
    try (FileChannel dir = FileChannel.open(parent, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can sync a folder; the rename itself has happened.
    }
  }
}
