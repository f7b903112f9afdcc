package org.dpface.reconstruction.triangulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpface.core.image.InterleavedU8;
import org.dpface.core.mesh.PlyReader;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.reconstruction.struct.PointCloud;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointCloudPlyTest {
  @TempDir
  Path dir;

  @Test
  void viewCloudRoundTripsThroughCoreReaderAndRawBytes() throws IOException {
    TriangulatedView v = CameraProjectorTriangulatorTest.run(TriangulationConfig.defaults(), 1,
        CameraProjectorTriangulatorTest.EXACT.decoded);
    InterleavedU8 rgb = new InterleavedU8(v.width(), v.height(), 3);
    for (int y = 0; y < v.height(); y++) {
      for (int x = 0; x < v.width(); x++) {
        rgb.set(x, y, 0, x & 0xFF);
        rgb.set(x, y, 1, y & 0xFF);
        rgb.set(x, y, 2, (x + y) & 0xFF);
      }
    }
    PointCloud cloud = PointCloud.of(v, rgb);
    assertEquals(v.countValid(), cloud.size());
    Path file = dir.resolve("cloud.ply");
    PointCloudPly.write(file, cloud);

    TriangleMesh back = PlyReader.read(file);
    assertArrayEquals(cloud.xyz, back.positions);
    assertArrayEquals(cloud.rgb, back.colors);
    assertEquals(0, back.faceCount());
    assertTrue(PlyReader.readHeader(file).comments().contains(PointCloudPly.DPFACE_COMMENT));

    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.US_ASCII);
    int body = text.indexOf("end_header\n") + "end_header\n".length();
    assertEquals(body + 19L * cloud.size(), bytes.length);
    ByteBuffer b = ByteBuffer.wrap(bytes, body, bytes.length - body).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < cloud.size(); i++) {
      assertEquals(cloud.xyz[3 * i], b.getFloat());
      b.position(b.position() + 8);
      assertEquals(cloud.confidence[i], b.getFloat());
      b.position(b.position() + 3);
    }
  }

  @Test
  void mergeWithoutColourDropsColour() throws IOException {
    PointCloud a = new PointCloud(new float[] {1, 2, 3}, new float[] {0.5f}, new byte[] {1, 2, 3});
    PointCloud b = new PointCloud(new float[] {4, 5, 6, 7, 8, 9}, new float[] {0.25f, 1f}, null);
    PointCloud m = PointCloud.merge(List.of(a, b));
    assertEquals(3, m.size());
    assertNull(m.rgb);
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, m.xyz);
    assertArrayEquals(new float[] {0.5f, 0.25f, 1f}, m.confidence);
    Path file = dir.resolve("merged.ply");
    PointCloudPly.write(file, m);
    TriangleMesh back = PlyReader.read(file);
    assertArrayEquals(m.xyz, back.positions);
    assertNull(back.colors);
  }
}
