package org.dpface.capture.storage;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.AtomicFiles;

/**
 * A {@link Volume} on the real disk with a byte budget: once {@code capacityBytes} have been written
 * through it, writes fail with {@code IOException("No space left on device")} exactly where a full
 * disk would fail them: a streamed write stops at the byte that does not fit (its temp file is then
 * deleted by the atomic writer), an append writes the bytes that fit (a torn tail, as on a real full
 * disk) and then fails, a PNG that does not fit is removed and fails. Used to test disk-full handling.
 */
public final class QuotaVolume implements Volume {
  /** The message of the failure, as the OS spells ENOSPC. */
  public static final String NO_SPACE = "No space left on device";

  private final Volume disk = LocalVolume.INSTANCE;
  private long remaining;

  /** A volume that accepts {@code capacityBytes} more bytes. */
  public QuotaVolume(long capacityBytes) {
    this.remaining = capacityBytes;
  }

  /** Bytes still accepted. */
  public synchronized long remaining() {
    return remaining;
  }

  /** Sets the bytes still accepted (e.g. the operator freed space). */
  public synchronized void setRemaining(long bytes) {
    remaining = bytes;
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    disk.createDirectories(dir);
  }

  @Override
  public void writeAtomic(Path target, AtomicFiles.StreamWriter writer) throws IOException {
    disk.writeAtomic(target, out -> writer.writeTo(new Limited(out, target)));
  }

  @Override
  public void writeAtomicFolderSyncedLater(Path target, AtomicFiles.StreamWriter writer) throws IOException {
    disk.writeAtomicFolderSyncedLater(target, out -> writer.writeTo(new Limited(out, target)));
  }

  @Override
  public FileDigest writePng(Path target, GrayU16 image) throws IOException {
    boolean existed = Files.exists(target);
    FileDigest written = disk.writePng(target, image);
    synchronized (this) {
      if (written.bytes() > remaining) {
        remaining = 0;
        if (!existed) {
          Files.deleteIfExists(target);
        }
        throw new IOException(target + ": " + NO_SPACE);
      }
      remaining -= written.bytes();
    }
    return written;
  }

  @Override
  public Appender openAppender(Path file) throws IOException {
    Appender a = disk.openAppender(file);
    return new Appender() {
      @Override
      public void append(byte[] bytes) throws IOException {
        int fit;
        synchronized (QuotaVolume.this) {
          fit = (int) Math.min(bytes.length, remaining);
          remaining -= fit;
        }
        if (fit < bytes.length) {
          if (fit > 0) {
            a.append(Arrays.copyOf(bytes, fit));
          }
          throw new IOException(file + ": " + NO_SPACE);
        }
        a.append(bytes);
      }

      @Override
      public long size() throws IOException {
        return a.size();
      }

      @Override
      public void truncate(long size) throws IOException {
        a.truncate(size);
      }

      @Override
      public void close() throws IOException {
        a.close();
      }
    };
  }

  @Override
  public void moveAtomic(Path from, Path to) throws IOException {
    disk.moveAtomic(from, to);
  }

  /** Passes bytes through until the budget is spent, then fails mid-write. */
  private final class Limited extends FilterOutputStream {
    private final Path target;

    Limited(OutputStream out, Path target) {
      super(out);
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      take(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int fit;
      synchronized (QuotaVolume.this) {
        fit = (int) Math.min(len, remaining);
      }
      if (fit > 0) {
        take(fit);
        out.write(b, off, fit);
      }
      if (fit < len) {
        throw new IOException(target + ": " + NO_SPACE);
      }
    }

    private void take(int n) throws IOException {
      synchronized (QuotaVolume.this) {
        if (remaining < n) {
          throw new IOException(target + ": " + NO_SPACE);
        }
        remaining -= n;
      }
    }
  }
}
