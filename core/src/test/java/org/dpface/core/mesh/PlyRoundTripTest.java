package org.dpface.core.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlyRoundTripTest {
  @TempDir Path dir;

  /** Random mesh with awkward floats (-0, subnormal, extremes); seeded. */
  static TriangleMesh randomMesh(int vertices, int faces, boolean normals, boolean colors, long seed) {
    Random rnd = new Random(seed);
    float[] p = new float[3 * vertices];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (rnd.nextGaussian() * 100 + 900);
    }
    if (vertices >= 2) {
      p[0] = -0.0f;
      p[1] = Float.MIN_VALUE;
      p[2] = -Float.MAX_VALUE;
      p[3] = 1e-30f;
      p[4] = 123456.789f;
      p[5] = 0.1f;
    }
    int[] f = new int[3 * faces];
    for (int i = 0; i < f.length; i++) {
      f[i] = rnd.nextInt(vertices);
    }
    float[] n = null;
    if (normals) {
      n = new float[3 * vertices];
      for (int i = 0; i < n.length; i += 3) {
        double x = rnd.nextGaussian();
        double y = rnd.nextGaussian();
        double z = rnd.nextGaussian();
        double len = Math.sqrt(x * x + y * y + z * z);
        n[i] = (float) (x / len);
        n[i + 1] = (float) (y / len);
        n[i + 2] = (float) (z / len);
      }
    }
    byte[] c = null;
    if (colors) {
      c = new byte[3 * vertices];
      rnd.nextBytes(c);
    }
    return new TriangleMesh(p, f, n, c);
  }

  private static void assertBitExact(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
        throw new AssertionError("element " + i + ": " + expected[i] + " != " + actual[i]);
      }
    }
  }

  static void assertSameMesh(TriangleMesh expected, TriangleMesh actual) {
    assertBitExact(expected.positions, actual.positions);
    assertArrayEquals(expected.faces, actual.faces);
    if (expected.normals == null) {
      assertNull(actual.normals);
    } else {
      assertBitExact(expected.normals, actual.normals);
    }
    assertArrayEquals(expected.colors, actual.colors);
  }

  @ParameterizedTest
  @EnumSource(PlyFormat.class)
  void roundTripIsBitExact(PlyFormat format) throws IOException {
    for (int variant = 0; variant < 4; variant++) {
      TriangleMesh m = randomMesh(300, 500, (variant & 1) != 0, (variant & 2) != 0, 40 + variant);
      Path f = dir.resolve("mesh-" + variant + ".ply");
      PlyWriter.write(f, m, format);
      assertSameMesh(m, PlyReader.read(f));
      PlyHeader h = PlyReader.readHeader(f);
      assertEquals(format, h.format());
      assertEquals(List.of(PlyWriter.DPFACE_COMMENT), h.comments());
    }
  }

  @ParameterizedTest
  @EnumSource(PlyFormat.class)
  void emptyMeshRoundTrips(PlyFormat format) throws IOException {
    TriangleMesh m = new TriangleMesh(new float[0], new int[0]);
    Path f = dir.resolve("empty.ply");
    PlyWriter.write(f, m, format);
    assertSameMesh(m, PlyReader.read(f));
  }

  /** 200k vertices: records straddle many buffer refills; also leaves no temp file behind. */
  @Test
  void largeBinaryMeshRoundTrips() throws IOException {
    TriangleMesh m = randomMesh(200_000, 400_000, true, true, 7);
    Path f = dir.resolve("large.ply");
    PlyWriter.write(f, m, PlyFormat.BINARY_LITTLE_ENDIAN);
    assertEquals(PlyWriter.header(m, PlyFormat.BINARY_LITTLE_ENDIAN).length() + 200_000L * 27 + 400_000L * 13,
        Files.size(f));
    assertSameMesh(m, PlyReader.read(f));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(f), s.toList());
    }
  }

  @Test
  void headerIsTheDocumentedOne() {
    TriangleMesh m = randomMesh(3, 1, true, true, 1);
    String h = PlyWriter.header(m, PlyFormat.BINARY_LITTLE_ENDIAN);
    assertEquals("ply\nformat binary_little_endian 1.0\n"
        + "comment dpface format=dpface-mesh version=1 units=mm\n"
        + "element vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
        + "property float nx\nproperty float ny\nproperty float nz\n"
        + "property uchar red\nproperty uchar green\nproperty uchar blue\n"
        + "element face 1\nproperty list uchar int vertex_indices\nend_header\n", h);
    assertTrue(PlyWriter.header(new TriangleMesh(new float[3], new int[0]), PlyFormat.ASCII)
        .startsWith("ply\nformat ascii 1.0\n"));
  }
}
