package org.dpface.core.mesh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dpface.core.io.AtomicFiles;

/**
 * Writes a {@link TriangleMesh} as PLY 1.0 (Turk, "The PLY Polygon File Format", 1994).
 *
 * <pre>
 * ply
 * format binary_little_endian 1.0
 * comment dpface format=dpface-mesh version=1 units=mm
 * element vertex N
 * property float x / y / z               positions in mm
 * property float nx / ny / nz            only when the mesh has normals
 * property uchar red / green / blue      only when the mesh has colours
 * element face M
 * property list uchar int vertex_indices
 * end_header
 * </pre>
 *
 * <p>Binary bodies are filled through one 64 KiB {@link ByteBuffer} in the file's byte order (no
 * per-vertex allocation); ascii bodies print floats with {@link Float#toString(float)}, the shortest
 * decimal that parses back to the same float (C's strtod/strtof too), so both encodings round-trip
 * exactly. File writes are atomic ({@link AtomicFiles}).
 */
public final class PlyWriter {
  /** The comment line that identifies dpface meshes: format, version and units. */
  public static final String DPFACE_COMMENT = "dpface format=dpface-mesh version=1 units=mm";

  private static final int BUFFER_BYTES = 1 << 16;

  private PlyWriter() {}

  /** Writes {@code mesh} to {@code path} atomically in {@code format}. */
  public static void write(Path path, TriangleMesh mesh, PlyFormat format) throws IOException {
    AtomicFiles.write(path, out -> write(out, mesh, format));
  }

  /** Writes {@code mesh} to a stream in {@code format}; the stream is not closed. */
  public static void write(OutputStream out, TriangleMesh mesh, PlyFormat format) throws IOException {
    out.write(header(mesh, format).getBytes(StandardCharsets.US_ASCII));
    if (format == PlyFormat.ASCII) {
      writeAscii(out, mesh);
    } else {
      writeBinary(out, mesh, format);
    }
    out.flush();
  }

  /** The header text for {@code mesh}, ending with {@code "end_header\n"}. */
  static String header(TriangleMesh mesh, PlyFormat format) {
    StringBuilder h = new StringBuilder(320);
    h.append("ply\nformat ").append(format.headerName()).append(" 1.0\n");
    h.append("comment ").append(DPFACE_COMMENT).append('\n');
    h.append("element vertex ").append(mesh.vertexCount()).append('\n');
    h.append("property float x\nproperty float y\nproperty float z\n");
    if (mesh.normals != null) {
      h.append("property float nx\nproperty float ny\nproperty float nz\n");
    }
    if (mesh.colors != null) {
      h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
    }
    h.append("element face ").append(mesh.faceCount()).append('\n');
    h.append("property list uchar int vertex_indices\n");
    h.append("end_header\n");
    return h.toString();
  }

  private static void writeBinary(OutputStream out, TriangleMesh mesh, PlyFormat format)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocate(BUFFER_BYTES).order(format.byteOrder());
    float[] p = mesh.positions;
    float[] n = mesh.normals;
    byte[] c = mesh.colors;
    int vertexBytes = 12 + (n != null ? 12 : 0) + (c != null ? 3 : 0);
    for (int i = 0; i < p.length; i += 3) {
      if (b.remaining() < vertexBytes) {
        drain(b, out);
      }
      b.putFloat(p[i]).putFloat(p[i + 1]).putFloat(p[i + 2]);
      if (n != null) {
        b.putFloat(n[i]).putFloat(n[i + 1]).putFloat(n[i + 2]);
      }
      if (c != null) {
        b.put(c[i]).put(c[i + 1]).put(c[i + 2]);
      }
    }
    int[] f = mesh.faces;
    for (int i = 0; i < f.length; i += 3) {
      if (b.remaining() < 13) {
        drain(b, out);
      }
      b.put((byte) 3).putInt(f[i]).putInt(f[i + 1]).putInt(f[i + 2]);
    }
    drain(b, out);
  }

  private static void drain(ByteBuffer b, OutputStream out) throws IOException {
    out.write(b.array(), 0, b.position());
    b.clear();
  }

  private static void writeAscii(OutputStream out, TriangleMesh mesh) throws IOException {
    StringBuilder s = new StringBuilder(BUFFER_BYTES + 256);
    float[] p = mesh.positions;
    float[] n = mesh.normals;
    byte[] c = mesh.colors;
    for (int i = 0; i < p.length; i += 3) {
      appendFloat(s, p[i]).append(' ');
      appendFloat(s, p[i + 1]).append(' ');
      appendFloat(s, p[i + 2]);
      if (n != null) {
        appendFloat(s.append(' '), n[i]).append(' ');
        appendFloat(s, n[i + 1]).append(' ');
        appendFloat(s, n[i + 2]);
      }
      if (c != null) {
        s.append(' ').append(c[i] & 0xFF).append(' ').append(c[i + 1] & 0xFF).append(' ')
            .append(c[i + 2] & 0xFF);
      }
      s.append('\n');
      if (s.length() >= BUFFER_BYTES) {
        drain(s, out);
      }
    }
    int[] f = mesh.faces;
    for (int i = 0; i < f.length; i += 3) {
      s.append("3 ").append(f[i]).append(' ').append(f[i + 1]).append(' ').append(f[i + 2]).append('\n');
      if (s.length() >= BUFFER_BYTES) {
        drain(s, out);
      }
    }
    drain(s, out);
  }

  /**
   * Shortest round-trip decimal, except for +-{@link Float#MAX_VALUE}: its shortest form 3.4028235E38 read
   * as a double exceeds FLT_MAX, which strict C readers (RPly, used by Open3D) reject, so the exact double
   * value is printed instead.
   */
  private static StringBuilder appendFloat(StringBuilder s, float f) {
    return Math.abs(f) == Float.MAX_VALUE ? s.append((double) f) : s.append(f);
  }

  private static void drain(StringBuilder s, OutputStream out) throws IOException {
    out.write(s.toString().getBytes(StandardCharsets.US_ASCII));
    s.setLength(0);
  }
}
