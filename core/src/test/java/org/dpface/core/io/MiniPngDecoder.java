package org.dpface.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Independent PNG decoder for tests (no javax.imageio): concatenates IDAT, inflates with java.util.zip and
 * undoes the five scanline filters (PNG specification section 9). Non-interlaced, 8/16-bit gray or RGB only.
 */
final class MiniPngDecoder {
  final int width;
  final int height;
  final int bitDepth;
  final int colorType;
  final int channels;
  /** Samples row-major, channel-interleaved, unsigned. */
  final int[] samples;

  MiniPngDecoder(byte[] file) throws DataFormatException {
    ByteBuffer b = ByteBuffer.wrap(file);
    b.position(8);
    int w = 0;
    int h = 0;
    int depth = 0;
    int type = 0;
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    while (b.remaining() >= 12) {
      int len = b.getInt();
      byte[] t = new byte[4];
      b.get(t);
      String name = new String(t, java.nio.charset.StandardCharsets.US_ASCII);
      int dataStart = b.position();
      if (name.equals("IHDR")) {
        w = b.getInt(dataStart);
        h = b.getInt(dataStart + 4);
        depth = file[dataStart + 8] & 0xFF;
        type = file[dataStart + 9] & 0xFF;
        if (file[dataStart + 12] != 0) {
          throw new IllegalArgumentException("interlaced not supported by the test decoder");
        }
      } else if (name.equals("IDAT")) {
        idat.write(file, dataStart, len);
      }
      b.position(dataStart + len + 4);
      if (name.equals("IEND")) {
        break;
      }
    }
    width = w;
    height = h;
    bitDepth = depth;
    colorType = type;
    channels = type == 2 ? 3 : 1;
    int bpp = channels * bitDepth / 8; // bytes per complete pixel
    int rowBytes = width * bpp;
    byte[] raw = new byte[height * (rowBytes + 1)];
    Inflater inf = new Inflater();
    inf.setInput(idat.toByteArray());
    int got = 0;
    while (got < raw.length && !inf.finished()) {
      int n = inf.inflate(raw, got, raw.length - got);
      if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
        break;
      }
      got += n;
    }
    inf.end();
    if (got != raw.length) {
      throw new DataFormatException("inflated " + got + " bytes, expected " + raw.length);
    }
    byte[] prev = new byte[rowBytes];
    byte[] cur = new byte[rowBytes];
    samples = new int[width * height * channels];
    int s = 0;
    for (int y = 0; y < height; y++) {
      int off = y * (rowBytes + 1);
      int filter = raw[off];
      for (int i = 0; i < rowBytes; i++) {
        int x = raw[off + 1 + i] & 0xFF;
        int a = i >= bpp ? cur[i - bpp] & 0xFF : 0;
        int up = prev[i] & 0xFF;
        int c = i >= bpp ? prev[i - bpp] & 0xFF : 0;
        int v =
            switch (filter) {
              case 0 -> x;
              case 1 -> x + a;
              case 2 -> x + up;
              case 3 -> x + ((a + up) >>> 1);
              case 4 -> x + paeth(a, up, c);
              default -> throw new DataFormatException("filter " + filter);
            };
        cur[i] = (byte) v;
      }
      if (bitDepth == 16) {
        for (int i = 0; i < rowBytes; i += 2) {
          samples[s++] = ((cur[i] & 0xFF) << 8) | (cur[i + 1] & 0xFF);
        }
      } else {
        for (int i = 0; i < rowBytes; i++) {
          samples[s++] = cur[i] & 0xFF;
        }
      }
      byte[] tmp = prev;
      prev = cur;
      cur = tmp;
    }
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) {
      return a;
    }
    return pb <= pc ? b : c;
  }
}
