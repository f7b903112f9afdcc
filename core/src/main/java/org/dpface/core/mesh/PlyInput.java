package org.dpface.core.mesh;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Buffered reader over a PLY file's channel: header lines, binary values through one reusable heap
 * {@link ByteBuffer}, and ASCII tokens with line tracking. Tracks absolute byte offsets for messages.
 */
final class PlyInput implements Closeable {
  private static final int BUFFER_BYTES = 1 << 16;
  private static final int MAX_LINE_BYTES = 1 << 16;

  /** The path as given, prefix of every message. */
  final String name;
  /** File size in bytes. */
  final long size;
  /** Buffer in read mode: position = next byte, limit = end of valid bytes. */
  final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);

  private final FileChannel channel;
  private long bufStart; // file offset of buf index 0
  private boolean eof;
  /** 1-based number of the text line the next byte belongs to. */
  int line = 1;
  private final byte[] token = new byte[256];
  private int tokenLength;
  private boolean pushBack; // a token read by skipBlankLines() not yet handed out

  PlyInput(Path path) throws IOException {
    this.name = path.toString();
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.size = channel.size();
    buf.limit(0);
  }

  void order(ByteOrder order) {
    buf.order(order);
  }

  /** Absolute file offset of the next byte. */
  long offset() {
    return bufStart + buf.position();
  }

  /** Makes at least {@code n} (&le; 64 KiB) bytes available; false if the file ends first. */
  boolean ensure(int n) throws IOException {
    while (buf.remaining() < n && !eof) {
      bufStart += buf.position();
      buf.compact();
      if (channel.read(buf) < 0) {
        eof = true;
      }
      buf.flip();
    }
    return buf.remaining() >= n;
  }

  /** Skips {@code n} bytes; false (and positioned at the end) if the file ends first. */
  boolean skip(long n) throws IOException {
    if (buf.remaining() >= n) {
      buf.position(buf.position() + (int) n);
      return true;
    }
    long target = offset() + n;
    if (target > size) {
      return false;
    }
    channel.position(target);
    bufStart = target;
    buf.clear().limit(0);
    eof = false;
    return true;
  }

  /** Next byte (0..255) or -1 at the end of the file. */
  int read() throws IOException {
    if (!buf.hasRemaining() && !ensure(1)) {
      return -1;
    }
    return buf.get() & 0xFF;
  }

  /** Next header line without its {@code \n} / {@code \r\n}, or null at the end of the file. */
  String readLine() throws IOException {
    byte[] bytes = new byte[128];
    int n = 0;
    int c;
    while ((c = read()) >= 0 && c != '\n') {
      if (n == MAX_LINE_BYTES) {
        throw new IOException(name + ": header line " + line + " is longer than " + MAX_LINE_BYTES
            + " bytes (not a PLY header?)");
      }
      if (n == bytes.length) {
        bytes = Arrays.copyOf(bytes, n * 2);
      }
      bytes[n++] = (byte) c;
    }
    if (c < 0 && n == 0) {
      return null;
    }
    line++;
    if (n > 0 && bytes[n - 1] == '\r') {
      n--;
    }
    return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
  }

  // ------------------------------------------------------------------------------------ ASCII body

  /**
   * Reads the next whitespace-separated token on the current line. Returns false at the end of the line
   * (the newline is not consumed) or of the file.
   */
  boolean nextTokenOnLine() throws IOException {
    int c;
    while (true) {
      if (!buf.hasRemaining() && !ensure(1)) {
        return false;
      }
      c = buf.get(buf.position()) & 0xFF;
      if (c == ' ' || c == '\t' || c == '\r') {
        buf.get();
      } else {
        break;
      }
    }
    if (c == '\n') {
      return false;
    }
    tokenLength = 0;
    while (true) {
      if (!buf.hasRemaining() && !ensure(1)) {
        return true;
      }
      c = buf.get(buf.position()) & 0xFF;
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        return true;
      }
      buf.get();
      if (tokenLength == token.length) {
        throw new IOException(name + ": line " + line + ": value longer than " + token.length + " bytes");
      }
      token[tokenLength++] = (byte) c;
    }
  }

  /** The last token read by {@link #nextTokenOnLine()}. */
  String token() {
    return new String(token, 0, tokenLength, StandardCharsets.ISO_8859_1);
  }

  /** Consumes the rest of the current line and its newline; false if it held another token. */
  boolean endLine() throws IOException {
    boolean clean = !nextValue();
    int c;
    while ((c = read()) >= 0 && c != '\n') {
      // skip the rest
    }
    if (c == '\n') {
      line++;
    }
    return clean;
  }

  /** Skips empty lines; false at the end of the file. */
  boolean skipBlankLines() throws IOException {
    while (true) {
      if (nextTokenOnLine()) {
        pushBack = true; // nextValue() hands this token out first
        return true;
      }
      int c = read();
      if (c < 0) {
        return false;
      }
      line++; // c is '\n'
    }
  }

  /** Like {@link #nextTokenOnLine()} but first returns a token left by {@link #skipBlankLines()}. */
  boolean nextValue() throws IOException {
    if (pushBack) {
      pushBack = false;
      return true;
    }
    return nextTokenOnLine();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
