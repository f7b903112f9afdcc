package org.dpface.reconstruction.triangulate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dpface.core.io.AtomicFiles;
import org.dpface.reconstruction.struct.PointCloud;

/**
 * Writes a {@link PointCloud} as binary little-endian PLY 1.0 (Turk 1994), readable by core's
 * {@link org.dpface.core.mesh.PlyReader} (positions and colours), Open3D, MeshLab and CloudCompare:
 *
 * <pre>
 * ply
 * format binary_little_endian 1.0
 * comment dpface format=dpface-pointcloud version=1 units=mm
 * element vertex N
 * property float x / y / z             world frame, mm
 * property float confidence            in [0, 1]
 * property uchar red / green / blue    only when the cloud has colours
 * end_header
 * </pre>
 *
 * The body goes through one 64 KiB buffer (no per-point allocation); the file write is atomic
 * ({@link AtomicFiles}).
 */
public final class PointCloudPly {
  /** The comment line that identifies dpface point clouds: format, version and units. */
  public static final String DPFACE_COMMENT = "dpface format=dpface-pointcloud version=1 units=mm";

  private static final int BUFFER_BYTES = 1 << 16;

  private PointCloudPly() {}

  /** Writes {@code cloud} to {@code path} atomically. */
  public static void write(Path path, PointCloud cloud) throws IOException {
    AtomicFiles.write(path, out -> write(out, cloud));
  }

  /** Writes {@code cloud} to a stream; the stream is not closed. */
  public static void write(OutputStream out, PointCloud cloud) throws IOException {
    StringBuilder h = new StringBuilder(256);
    h.append("ply\nformat binary_little_endian 1.0\n");
    h.append("comment ").append(DPFACE_COMMENT).append('\n');
    h.append("element vertex ").append(cloud.size()).append('\n');
    h.append("property float x\nproperty float y\nproperty float z\nproperty float confidence\n");
    if (cloud.rgb != null) {
      h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
    }
    h.append("end_header\n");
    out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
    ByteBuffer b = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    float[] p = cloud.xyz;
    byte[] c = cloud.rgb;
    for (int i = 0; i < cloud.size(); i++) {
      if (b.remaining() < 19) {
        out.write(b.array(), 0, b.position());
        b.clear();
      }
      b.putFloat(p[3 * i]).putFloat(p[3 * i + 1]).putFloat(p[3 * i + 2]).putFloat(cloud.confidence[i]);
      if (c != null) {
        b.put(c[3 * i]).put(c[3 * i + 1]).put(c[3 * i + 2]);
      }
    }
    out.write(b.array(), 0, b.position());
    out.flush();
  }
}
