package org.dpface.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Structural check of a PNG file before decoding: signature, IHDR fields, every chunk's length and CRC,
 * and a terminating IEND. javax.imageio ignores CRCs and may stop before the end of the data, so this pass
 * is what turns a truncated or bit-flipped capture into a precise error instead of a silently wrong image.
 *
 * <p>Layout (PNG specification, ISO/IEC 15948, sections 5.2-5.3): 8-byte signature, then chunks of
 * {@code length (4, big endian) | type (4) | data (length) | CRC-32 of type+data (4)}.
 */
final class PngChunks {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final int BUFFER_BYTES = 1 << 16;

  private PngChunks() {}

  /** Reads and checks the whole file; returns the IHDR content. Messages start with the path. */
  static PngInfo verify(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.BIG_ENDIAN);
      ByteBuffer head = ByteBuffer.allocate(33).order(ByteOrder.BIG_ENDIAN);
      readFully(ch, head, 0);
      if (head.position() < SIGNATURE.length || !hasSignature(head)) {
        throw new IOException(path + ": not a PNG file (bad signature)");
      }
      if (head.position() < 33) {
        throw new IOException(path + ": truncated PNG: " + size + " bytes, the IHDR chunk needs 33");
      }
      head.flip();
      int ihdrLength = head.getInt(8);
      String firstType = chunkType(head, 12);
      if (!firstType.equals("IHDR") || ihdrLength != 13) {
        throw new IOException(
            path + ": corrupt PNG: first chunk is " + firstType + " of " + ihdrLength
                + " bytes, expected IHDR of 13 bytes");
      }
      PngInfo info = parseIhdr(path, head);
      CRC32 crc = new CRC32();
      long pos = SIGNATURE.length;
      while (true) {
        if (pos + 8 > size) {
          throw new IOException(
              path + ": truncated PNG: file ends at byte " + size + " before the IEND chunk");
        }
        buf.clear().limit(8);
        readFully(ch, buf, pos);
        long length = buf.getInt(0) & 0xFFFFFFFFL;
        String type = chunkType(buf, 4);
        if (length > Integer.MAX_VALUE) {
          throw new IOException(
              path + ": corrupt PNG: chunk " + type + " at byte " + pos + " declares length " + length);
        }
        long end = pos + 8 + length + 4;
        if (end > size) {
          throw new IOException(
              path + ": truncated PNG: chunk " + type + " at byte " + pos + " needs " + (end - pos)
                  + " bytes but the file ends at byte " + size);
        }
        crc.reset();
        buf.position(4).limit(8);
        crc.update(buf);
        long p = pos + 8;
        long dataEnd = p + length;
        while (p < dataEnd) {
          buf.clear().limit((int) Math.min(BUFFER_BYTES, dataEnd - p));
          readFully(ch, buf, p);
          buf.flip();
          p += buf.remaining();
          crc.update(buf);
        }
        buf.clear().limit(4);
        readFully(ch, buf, dataEnd);
        long stored = buf.getInt(0) & 0xFFFFFFFFL;
        if (stored != crc.getValue()) {
          throw new IOException(
              path + ": corrupt PNG: CRC mismatch in chunk " + type + " at byte " + pos
                  + " (stored " + Long.toHexString(stored) + ", computed "
                  + Long.toHexString(crc.getValue()) + ")");
        }
        if (type.equals("IEND")) {
          return info;
        }
        pos = end;
      }
    }
  }

  private static PngInfo parseIhdr(Path path, ByteBuffer head) throws IOException {
    int width = head.getInt(16);
    int height = head.getInt(20);
    int bitDepth = head.get(24) & 0xFF;
    int colorType = head.get(25) & 0xFF;
    int interlace = head.get(28) & 0xFF;
    boolean validDepth =
        switch (colorType) {
          case PngInfo.GRAY -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8
              || bitDepth == 16;
          case PngInfo.PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
          case PngInfo.RGB, PngInfo.GRAY_ALPHA, PngInfo.RGBA -> bitDepth == 8 || bitDepth == 16;
          default -> false;
        };
    if (width <= 0 || height <= 0 || !validDepth || interlace > 1) {
      throw new IOException(
          path + ": corrupt PNG header: " + width + "x" + height + ", bit depth " + bitDepth
              + ", colour type " + colorType + ", interlace " + interlace);
    }
    return new PngInfo(width, height, bitDepth, colorType, interlace == 1);
  }

  private static boolean hasSignature(ByteBuffer head) {
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (head.get(i) != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  private static String chunkType(ByteBuffer b, int offset) {
    byte[] t = new byte[4];
    for (int i = 0; i < 4; i++) {
      byte c = b.get(offset + i);
      t[i] = (c >= 0x20 && c < 0x7F) ? c : (byte) '?';
    }
    return new String(t, StandardCharsets.US_ASCII);
  }

  /** Reads until {@code buf} is full or the file ends; position = bytes read. */
  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long p = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, p);
      if (n < 0) {
        return;
      }
      p += n;
    }
  }
}
