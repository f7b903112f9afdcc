package org.dpface.capture.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A session's append-only event journal ({@code journal.jsonl}). Each line is
 * {@code <crc32 of the JSON, 8 lower-case hex> <one-line JSON object>\n} and is fsynced on its own.
 *
 * <p>Reading stops at the first line that is not newline-terminated or whose checksum does not match:
 * if it is the last line it is a torn write from a crash or a full disk and is ignored (and cut off
 * when the journal is reopened for appending); a bad line followed by good ones is real corruption and
 * fails the read, naming the line. A failed append cuts the file back to its previous length, or, if
 * even that fails, refuses further appends so no line is ever written after a torn one.
 */
public final class Journal implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Volume.Appender appender;
  private boolean broken;

  /** What {@link #read(Path)} found. */
  public record Contents(List<ObjectNode> events, long validBytes, boolean tornTail) {}

  private Journal(Path file, Volume.Appender appender) {
    this.file = file;
    this.appender = appender;
  }

  /** Reads every intact event of {@code file}. */
  public static Contents read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    List<ObjectNode> events = new ArrayList<>();
    int pos = 0;
    int lineNo = 0;
    while (pos < all.length) {
      lineNo++;
      int nl = indexOf(all, (byte) '\n', pos);
      ObjectNode event = nl < 0 ? null : parse(all, pos, nl);
      if (event == null) {
        int next = nl < 0 ? all.length : nl + 1;
        if (next < all.length) {
          throw new IOException(file + ": journal line " + lineNo + " is corrupt (checksum or syntax) and "
              + "is followed by more lines; refusing to guess");
        }
        return new Contents(events, pos, true);
      }
      events.add(event);
      pos = nl + 1;
    }
    return new Contents(events, pos, false);
  }

  /**
   * Opens {@code file} for appending after {@code validBytes} (from {@link #read}); a torn tail beyond
   * it is cut off first. A missing file is created.
   */
  public static Journal openForAppend(Volume volume, Path file, long validBytes) throws IOException {
    Volume.Appender a = volume.openAppender(file);
    try {
      if (a.size() > validBytes) {
        a.truncate(validBytes);
      }
    } catch (IOException e) {
      a.close();
      throw e;
    }
    return new Journal(file, a);
  }

  /** Appends one event and fsyncs it. */
  public synchronized void append(ObjectNode event) throws IOException {
    if (broken) {
      throw new IOException(file + ": journal is unwritable after an earlier failed append");
    }
    byte[] json = JSON.writeValueAsBytes(event);
    CRC32 crc = new CRC32();
    crc.update(json);
    byte[] line = new byte[9 + json.length + 1];
    System.arraycopy(String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII), 0, line, 0, 9);
    System.arraycopy(json, 0, line, 9, json.length);
    line[line.length - 1] = '\n';
    long before = appender.size();
    try {
      appender.append(line);
    } catch (IOException e) {
      try {
        appender.truncate(before);
      } catch (IOException cut) {
        broken = true;
        e.addSuppressed(cut);
      }
      throw e;
    }
  }

  /** The journal file. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    appender.close();
  }

  private static ObjectNode parse(byte[] all, int from, int nl) {
    if (nl - from < 10 || all[from + 8] != ' ') {
      return null;
    }
    long expected;
    try {
      expected = Long.parseLong(new String(all, from, 8, StandardCharsets.US_ASCII), 16);
    } catch (NumberFormatException e) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(all, from + 9, nl - from - 9);
    if (crc.getValue() != expected) {
      return null;
    }
    try {
      return JSON.readTree(all, from + 9, nl - from - 9) instanceof ObjectNode o ? o : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static int indexOf(byte[] a, byte b, int from) {
    for (int i = from; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
