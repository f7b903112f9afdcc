package org.dpface.bench;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.core.mesh.TriangleMesh;

/**
 * Minimal binary little-endian PLY writer (float x y z, uchar/int face lists) used only to hand the
 * benchmark mesh to the Open3D peer. The project's real PLY support lives in core's mesh package.
 */
final class MiniPly {
  private MiniPly() {}

  static void write(TriangleMesh mesh, Path file) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        DataOutputStream out = new DataOutputStream(os)) {
      String header = "ply\nformat binary_little_endian 1.0\ncomment dpface benchmark mesh (mm)\n"
          + "element vertex " + mesh.vertexCount() + "\nproperty float x\nproperty float y\nproperty float z\n"
          + "element face " + mesh.faceCount() + "\nproperty list uchar int vertex_indices\nend_header\n";
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      ByteBuffer buf = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : mesh.positions) {
        buf.clear();
        buf.putFloat(v);
        out.write(buf.array(), 0, 4);
      }
      for (int f = 0; f < mesh.faces.length; f += 3) {
        buf.clear();
        buf.put((byte) 3).putInt(mesh.faces[f]).putInt(mesh.faces[f + 1]).putInt(mesh.faces[f + 2]);
        out.write(buf.array(), 0, 13);
      }
    }
  }

  /** Writes floats as raw little-endian float32. */
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
