package org.dpface.dataset.shard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Conversions between the compact flat arrays of a {@link org.dpface.dataset.sample.Sample} and the
 * nested Java arrays jHDF takes for writing, and from one decompressed chunk's bytes back to flat arrays.
 * jHDF derives a dataset's shape from array nesting, so writing needs {@code short[H][W][C]} per
 * sample; these copies are the price of that API (see {@code docs/dataset-format.md}).
 */
final class ShardArrays {
  private ShardArrays() {}

  static short[][][] nest(short[] flat, int h, int w, int c) {
    short[][][] out = new short[h][w][c];
    int i = 0;
    for (int y = 0; y < h; y++) {
      short[][] row = out[y];
      for (int x = 0; x < w; x++) {
        System.arraycopy(flat, i, row[x], 0, c);
        i += c;
      }
    }
    return out;
  }

  static float[][][] nest(float[] flat, int h, int w, int c) {
    float[][][] out = new float[h][w][c];
    int i = 0;
    for (int y = 0; y < h; y++) {
      float[][] row = out[y];
      for (int x = 0; x < w; x++) {
        System.arraycopy(flat, i, row[x], 0, c);
        i += c;
      }
    }
    return out;
  }

  static float[][] nest(float[] flat, int h, int w) {
    float[][] out = new float[h][w];
    for (int y = 0; y < h; y++) {
      System.arraycopy(flat, y * w, out[y], 0, w);
    }
    return out;
  }

  static byte[][] nest(byte[] flat, int h, int w) {
    byte[][] out = new byte[h][w];
    for (int y = 0; y < h; y++) {
      System.arraycopy(flat, y * w, out[y], 0, w);
    }
    return out;
  }

  static short[] toShorts(byte[] bytes, ByteOrder order, int expected, String what) {
    check(bytes.length, expected * 2, what);
    short[] out = new short[expected];
    ByteBuffer.wrap(bytes).order(order).asShortBuffer().get(out);
    return out;
  }

  static float[] toFloats(byte[] bytes, ByteOrder order, int expected, String what) {
    check(bytes.length, expected * 4, what);
    float[] out = new float[expected];
    ByteBuffer.wrap(bytes).order(order).asFloatBuffer().get(out);
    return out;
  }

  static byte[] toBytes(byte[] bytes, int expected, String what) {
    check(bytes.length, expected, what);
    return bytes;
  }

  private static void check(int actual, int expected, String what) {
    if (actual != expected) {
      throw new IllegalStateException(what + ": chunk holds " + actual + " bytes, expected " + expected);
    }
  }
}
