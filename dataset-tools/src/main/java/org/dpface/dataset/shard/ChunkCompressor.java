package org.dpface.dataset.shard;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * The shard's filter pipeline done in Java for one chunk: HDF5's byte shuffle (filter 2: byte {@code k}
 * of every element, then byte {@code k + 1}, ...; little-endian elements) fused with the conversion from
 * the sample's primitive array, then zlib deflate (filter 1: a zlib stream, as {@code compress2} writes
 * it). Stateless apart from per-thread buffers, so chunks compress on as many threads as there are.
 */
final class ChunkCompressor {
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private static final class Buffers {
    byte[] shuffled = new byte[0];
    byte[] out = new byte[0];
    Deflater deflater;
    int level = -2;
  }

  private ChunkCompressor() {}

  /** Shuffled and deflated bytes of one chunk ({@code short[]}, {@code float[]} or {@code byte[]}). */
  static byte[] filter(Object array, int level) {
    Buffers b = BUFFERS.get();
    int raw = shuffle(array, b);
    if (b.deflater == null || b.level != level) {
      if (b.deflater != null) {
        b.deflater.end();
      }
      b.deflater = new Deflater(level);
      b.level = level;
    }
    Deflater d = b.deflater;
    d.reset();
    d.setInput(b.shuffled, 0, raw);
    d.finish();
    if (b.out.length < raw / 2 + 1024) {
      b.out = new byte[raw / 2 + 1024];
    }
    int n = 0;
    while (!d.finished()) {
      if (n == b.out.length) {
        b.out = Arrays.copyOf(b.out, b.out.length * 2);
      }
      n += d.deflate(b.out, n, b.out.length - n);
    }
    return Arrays.copyOf(b.out, n);
  }

  /** Writes the shuffled little-endian bytes of {@code array} into {@code b.shuffled}; returns the count. */
  private static int shuffle(Object array, Buffers b) {
    switch (array) {
      case short[] s -> {
        int n = s.length;
        byte[] o = ensure(b, 2 * n);
        for (int i = 0; i < n; i++) {
          short v = s[i];
          o[i] = (byte) v;
          o[n + i] = (byte) (v >>> 8);
        }
        return 2 * n;
      }
      case float[] f -> {
        int n = f.length;
        byte[] o = ensure(b, 4 * n);
        for (int i = 0; i < n; i++) {
          int v = Float.floatToRawIntBits(f[i]);
          o[i] = (byte) v;
          o[n + i] = (byte) (v >>> 8);
          o[2 * n + i] = (byte) (v >>> 16);
          o[3 * n + i] = (byte) (v >>> 24);
        }
        return 4 * n;
      }
      case byte[] u -> {
        byte[] o = ensure(b, u.length);
        System.arraycopy(u, 0, o, 0, u.length);
        return u.length;
      }
      default -> throw new IllegalArgumentException("no chunk filter for " + array.getClass());
    }
  }

  private static byte[] ensure(Buffers b, int n) {
    if (b.shuffled.length < n) {
      b.shuffled = new byte[n];
    }
    return b.shuffled;
  }
}
