package org.dpface.core.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written files with known content, and malformed files with the exact messages expected. */
class PlyReaderTest {
  @TempDir Path dir;

  private Path resource(String name) throws IOException {
    Path f = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/ply/" + name)) {
      Files.copy(in, f);
    }
    return f;
  }

  private Path text(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.US_ASCII);
    return f;
  }

  private String error(Path f) {
    return assertThrows(IOException.class, () -> PlyReader.read(f)).getMessage();
  }

  @Test
  void handWrittenPyramidWithQuadAndExtraProperties() throws IOException {
    Path f = resource("pyramid_ascii.ply");
    TriangleMesh m = PlyReader.read(f);
    assertArrayEquals(
        new float[] {-10, -10, 0, 10, -10, 0, 10, 10, 0, -10, 10, 0, 0, 0, 50}, m.positions);
    // quad 0 3 2 1 -> fan (0 3 2) (0 2 1), then four triangles
    assertArrayEquals(new int[] {0, 3, 2, 0, 2, 1, 0, 1, 4, 1, 2, 4, 2, 3, 4, 3, 0, 4}, m.faces);
    assertArrayEquals(
        new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 10, 20, 30, (byte) 200,
            (byte) 200, (byte) 200},
        m.colors);
    assertNull(m.normals);
    PlyHeader h = PlyReader.readHeader(f);
    assertEquals(PlyFormat.ASCII, h.format());
    assertEquals(List.of("square pyramid: quad base (z = 0) and apex at z = 50 mm, written by hand"),
        h.comments());
    assertEquals(List.of("material", "vertex", "face"),
        h.elements().stream().map(PlyHeader.Element::name).toList());
    assertEquals(22, h.lineCount());
  }

  @Test
  void crlfLineEndingsAndPointClouds() throws IOException {
    Path f = text("crlf.ply", "ply\r\nformat ascii 1.0\r\nelement vertex 2\r\nproperty float x\r\n"
        + "property float y\r\nproperty float z\r\nend_header\r\n1 2 3\r\n4 5 6\r\n");
    TriangleMesh m = PlyReader.read(f);
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, m.positions);
    assertEquals(0, m.faceCount());
  }

  /** Big-endian body with doubles, every skipped scalar type, a leading element and a uint-indexed quad. */
  @Test
  void bigEndianWithOddTypes() throws IOException {
    String header = "ply\nformat binary_big_endian 1.0\n"
        + "element junk 2\nproperty short a\nproperty list uint int8 b\n"
        + "element vertex 4\nproperty char c\nproperty double x\nproperty double y\nproperty double z\n"
        + "property ushort u\nproperty int i\nproperty uint ui\nproperty float32 nx\n"
        + "property float32 ny\nproperty float32 nz\nproperty float64 d\nproperty uint8 red\n"
        + "property uint8 green\nproperty uint8 blue\n"
        + "element face 1\nproperty list ushort uint vertex_indices\nproperty int16 tag\n"
        + "end_header\n";
    ByteBuffer b = ByteBuffer.allocate(1000).order(ByteOrder.BIG_ENDIAN);
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    b.putShort((short) 1).putInt(2).put((byte) 7).put((byte) 8); // junk 0
    b.putShort((short) 2).putInt(0); // junk 1
    double[][] xyz = {{0.1, 0.2, 0.3}, {1.5, -2.5, 3.25}, {-7, 8, 9}, {1e3, 2e3, 3e3}};
    for (int v = 0; v < 4; v++) {
      b.put((byte) -1).putDouble(xyz[v][0]).putDouble(xyz[v][1]).putDouble(xyz[v][2]);
      b.putShort((short) 65535).putInt(-5).putInt(0xFFFFFFFF);
      b.putFloat(0).putFloat(0).putFloat(-1).putDouble(Math.PI);
      b.put((byte) (v * 60)).put((byte) 255).put((byte) 0);
    }
    b.putShort((short) 4).putInt(3).putInt(2).putInt(1).putInt(0).putShort((short) 9);
    Path f = dir.resolve("be.ply");
    Files.write(f, Arrays.copyOf(b.array(), b.position()));
    TriangleMesh m = PlyReader.read(f);
    float[] expected = new float[12];
    for (int v = 0; v < 4; v++) {
      for (int k = 0; k < 3; k++) {
        expected[3 * v + k] = (float) xyz[v][k];
      }
    }
    assertArrayEquals(expected, m.positions);
    assertArrayEquals(new float[] {0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, -1}, m.normals);
    assertArrayEquals(new byte[] {0, -1, 0, 60, -1, 0, 120, -1, 0, (byte) 180, -1, 0}, m.colors);
    assertArrayEquals(new int[] {3, 2, 1, 3, 1, 0}, m.faces);
  }

  @Test
  void floatColoursAreScaledAndIncompleteTriplesIgnored() throws IOException {
    Path f = text("fc.ply", "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n"
        + "property float y\nproperty float z\nproperty float nx\nproperty float red\n"
        + "property float green\nproperty float blue\nend_header\n0 0 0 1 1.0 0.5 -2\n");
    TriangleMesh m = PlyReader.read(f);
    assertNull(m.normals);
    assertArrayEquals(new byte[] {(byte) 255, (byte) 128, 0}, m.colors);
  }

  private static final String XYZ =
      "element vertex 3\nproperty float x\nproperty float y\nproperty float z\n";

  @Test
  void headerErrorsNameTheLine() throws IOException {
    assertEquals(dir.resolve("a.ply") + ": header line 1: expected 'ply', found 'PLY'",
        error(text("a.ply", "PLY\nformat ascii 1.0\nend_header\n")));
    assertEquals(dir.resolve("b.ply") + ": header line 2: unknown format 'binary'; expected "
            + "'format <ascii|binary_little_endian|binary_big_endian> 1.0'",
        error(text("b.ply", "ply\nformat binary 1.0\nend_header\n")));
    assertEquals(dir.resolve("c.ply") + ": header line 5: unknown property type 'float33'",
        error(text("c.ply", "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\n"
            + "property float33 y\nend_header\n")));
    int headerBytes = ("ply\nformat ascii 1.0\n" + XYZ).length();
    assertEquals(
        dir.resolve("d.ply") + ": header ends at byte " + headerBytes + " (line 7) without 'end_header'",
        error(text("d.ply", "ply\nformat ascii 1.0\n" + XYZ)));
    assertEquals(dir.resolve("e.ply") + ": header line 3: property before any element",
        error(text("e.ply", "ply\nformat ascii 1.0\nproperty float x\nend_header\n")));
    assertEquals(dir.resolve("f.ply") + ": header line 3: element count '-4' is not a non-negative integer",
        error(text("f.ply", "ply\nformat ascii 1.0\nelement vertex -4\nend_header\n")));
    assertEquals(dir.resolve("g.ply") + ": header line 3: element 'vertex' has no property 'z'",
        error(text("g.ply", "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\n"
            + "property float y\nend_header\n")));
    assertEquals(dir.resolve("h.ply") + ": header line 8: face property 'vertex_indices' must be a list of"
            + " an integer type",
        error(text("h.ply", "ply\nformat ascii 1.0\n" + XYZ + "element face 1\n"
            + "property list uchar float vertex_indices\nend_header\n")));
    assertEquals(dir.resolve("i.ply") + ": header line 2: unsupported PLY version '2.0', expected 1.0",
        error(text("i.ply", "ply\nformat ascii 2.0\nend_header\n")));
    assertEquals(dir.resolve("j.ply") + ": header line 6: unknown keyword 'propery'",
        error(text("j.ply", "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\n"
            + "property float y\npropery float z\nend_header\n")));
  }

  @Test
  void asciiBodyErrorsNameLineElementAndProperty() throws IOException {
    String head = "ply\nformat ascii 1.0\n" + XYZ + "element face 1\n"
        + "property list uchar int vertex_indices\nend_header\n"; // 9 header lines
    assertEquals(dir.resolve("a.ply") + ": line 11: vertex 1 property 'y': expected a number, found 'abc'",
        error(text("a.ply", head + "0 0 0\n1 abc 0\n")));
    assertEquals(dir.resolve("b.ply") + ": line 12: vertex 2 ends before property 'z'",
        error(text("b.ply", head + "0 0 0\n1 0 0\n0 1\n3 0 1 2\n")));
    assertEquals(dir.resolve("c.ply") + ": line 10: vertex 0 has more values than the 3 properties "
            + "declared on header line 3",
        error(text("c.ply", head + "0 0 0 7\n1 0 0\n0 1 0\n3 0 1 2\n")));
    assertEquals(dir.resolve("d.ply") + ": face 0 references vertex 90 but only 3 vertices",
        error(text("d.ply", head + "0 0 0\n1 0 0\n0 1 0\n3 0 1 90\n")));
    assertEquals(dir.resolve("e.ply") + ": line 13: face 0 has 2 vertices; expected 3..1048576",
        error(text("e.ply", head + "0 0 0\n1 0 0\n0 1 0\n2 0 1\n")));
    assertEquals(dir.resolve("f.ply") + ": line 12: file ends before vertex 2",
        error(text("f.ply", head + "0 0 0\n1 0 0\n")));
  }

  @Test
  void binaryBodyErrorsNameByteAndElement() throws IOException {
    float[] p = new float[3 * 40];
    int[] faces = new int[3 * 20];
    for (int i = 0; i < faces.length; i++) {
      faces[i] = i % 40;
    }
    Path f = dir.resolve("mesh.ply");
    PlyWriter.write(f, new TriangleMesh(p, faces), PlyFormat.BINARY_LITTLE_ENDIAN);
    byte[] full = Files.readAllBytes(f);
    int headerBytes = PlyWriter.header(new TriangleMesh(p, faces), PlyFormat.BINARY_LITTLE_ENDIAN).length();
    int cut = headerBytes + 17 * 12 + 5;
    Files.write(f, Arrays.copyOf(full, cut));
    assertEquals(f + ": truncated at byte " + cut + " while reading vertex 17", error(f));
    int cutFace = headerBytes + 40 * 12 + 12 * 13 + 6;
    Files.write(f, Arrays.copyOf(full, cutFace));
    assertEquals(f + ": truncated at byte " + cutFace + " while reading face 12", error(f));
    byte[] bad = full.clone();
    int face12 = headerBytes + 40 * 12 + 12 * 13;
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(face12 + 1 + 4, 90);
    Files.write(f, bad);
    assertEquals(f + ": face 12 references vertex 90 but only 40 vertices", error(f));
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(face12 + 1 + 4, -1);
    Files.write(f, bad);
    assertEquals(f + ": face 12 references vertex -1 but only 40 vertices", error(f));
    bad = full.clone();
    bad[face12] = 1;
    Files.write(f, bad);
    assertEquals(f + ": byte " + (face12 + 1) + ": face 12 has 1 vertices; expected 3..1048576", error(f));
  }

  @Test
  void bogusCountsFailAsTruncationWithoutHugeAllocations() throws IOException {
    String head = "ply\nformat binary_little_endian 1.0\nelement vertex 500000000\nproperty float x\n"
        + "property float y\nproperty float z\nproperty float nx\nproperty float ny\nproperty float nz\n"
        + "element face 2000000000\nproperty list uchar int vertex_indices\nend_header\n";
    byte[] body = new byte[24 * 3 + 10];
    byte[] file = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length);
    Path f = dir.resolve("bogus.ply");
    Files.write(f, file);
    assertEquals(f + ": truncated at byte " + file.length + " while reading vertex 3", error(f));
    String ascii = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
        + "property float z\nelement face 2000000000\nproperty list uchar int vertex_indices\nend_header\n"
        + "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n";
    assertEquals(dir.resolve("bogus2.ply") + ": line 14: file ends before face 1",
        error(text("bogus2.ply", ascii)));
  }
}
