package org.dpface.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Raw little-endian float32 arrays exchanged with the Python peer (numpy {@code fromfile}/{@code tofile}). */
final class RawFloats {
  private RawFloats() {}

  /** Writes the first {@code count} values as raw little-endian float32. */
  static void writeFloats(float[] data, int count, Path file) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(data, 0, count);
    Files.write(file, buf.array());
  }

  /** Reads raw little-endian float32. */
  static float[] readFloats(Path file) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[buf.remaining() / 4];
    buf.asFloatBuffer().get(out);
    return out;
  }
}
