package org.dpface.core.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.dpface.core.io.SystemPython;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cross-check against Open3D's PLY reader and writer (skipped with the reason when Open3D is absent). */
class PlyOpen3dTest {
  /** Open3D's colours are doubles c / 255 written back as uchar; allow one level of rounding. */
  private static final int COLOR_TOLERANCE = 1;

  @TempDir Path dir;

  @BeforeAll
  static void needOpen3d() {
    String reason = SystemPython.unavailableReason("numpy, open3d");
    Assumptions.assumeTrue(reason == null, reason);
  }

  private static final String READ_SCRIPT = String.join("\n",
      "import sys, numpy as np, open3d as o3d",
      "m = o3d.io.read_triangle_mesh(sys.argv[1])",
      "v = np.asarray(m.vertices); t = np.asarray(m.triangles)",
      "n = np.asarray(m.vertex_normals); c = np.asarray(m.vertex_colors)",
      "print(len(v), len(t), len(n), len(c))",
      "for i in (0, 1, len(v) - 1):",
      "    print(' '.join(repr(float(x)) for x in list(v[i]) + list(n[i]))"
          + " + ' ' + ' '.join(str(int(round(x * 255))) for x in c[i]))",
      "for i in (0, len(t) - 1):",
      "    print(' '.join(str(int(x)) for x in t[i]))");

  @ParameterizedTest
  @EnumSource(value = PlyFormat.class, names = {"BINARY_LITTLE_ENDIAN", "ASCII", "BINARY_BIG_ENDIAN"})
  void open3dReadsWhatWeWrite(PlyFormat format) throws IOException {
    TriangleMesh m = PlyRoundTripTest.randomMesh(500, 900, true, true, 99);
    Path f = dir.resolve("ours.ply");
    PlyWriter.write(f, m, format);
    SystemPython.Result r = SystemPython.run(READ_SCRIPT, f.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    String[] lines = r.stdout().strip().split("\n");
    assertEquals("500 900 500 500", lines[0]);
    int[] vertices = {0, 1, 499};
    for (int k = 0; k < 3; k++) {
      String[] w = lines[1 + k].split(" ");
      int v = vertices[k];
      for (int j = 0; j < 3; j++) {
        // float -> double in Open3D and back is exact
        assertEquals(Float.floatToRawIntBits(m.positions[3 * v + j]),
            Float.floatToRawIntBits((float) Double.parseDouble(w[j])), "vertex " + v + " coord " + j);
        assertEquals(m.normals[3 * v + j], (float) Double.parseDouble(w[3 + j]), "normal " + v);
        assertEquals(m.colors[3 * v + j] & 0xFF, Integer.parseInt(w[6 + j]), "colour " + v);
      }
    }
    assertEquals(m.faces[0] + " " + m.faces[1] + " " + m.faces[2], lines[4]);
    int last = m.faces.length - 3;
    assertEquals(m.faces[last] + " " + m.faces[last + 1] + " " + m.faces[last + 2], lines[5]);
  }

  @ParameterizedTest
  @EnumSource(value = PlyFormat.class, names = {"BINARY_LITTLE_ENDIAN", "ASCII"})
  void weReadWhatOpen3dWrites(PlyFormat format) throws IOException {
    Path f = dir.resolve("o3d.ply");
    String script = String.join("\n",
        "import sys, numpy as np, open3d as o3d",
        "m = o3d.geometry.TriangleMesh.create_sphere(radius=80.0, resolution=12)",
        "m.translate((5.0, -3.0, 900.0))",
        "m.compute_vertex_normals()",
        "m.vertex_colors = o3d.utility.Vector3dVector(np.random.default_rng(3).random((len(m.vertices), 3)))",
        "assert o3d.io.write_triangle_mesh(sys.argv[1], m, write_ascii=(sys.argv[2] == 'ascii'))",
        "v = np.asarray(m.vertices); t = np.asarray(m.triangles)",
        "n = np.asarray(m.vertex_normals); c = np.asarray(m.vertex_colors)",
        "print(len(v), len(t))",
        "for i in range(len(v)):",
        "    print(' '.join(repr(float(x)) for x in list(v[i]) + list(n[i]))"
            + " + ' ' + ' '.join(str(int(round(x * 255))) for x in c[i]))",
        "for i in range(len(t)):",
        "    print(' '.join(str(int(x)) for x in t[i]))");
    SystemPython.Result r = SystemPython.run(script, f.toString(),
        format == PlyFormat.ASCII ? "ascii" : "binary");
    assertEquals(0, r.exitCode(), r.stderr());
    String[] lines = r.stdout().strip().split("\n");
    String[] counts = lines[0].split(" ");
    int nv = Integer.parseInt(counts[0]);
    int nt = Integer.parseInt(counts[1]);
    TriangleMesh m = PlyReader.read(f);
    assertEquals(format, PlyReader.readHeader(f).format());
    assertEquals(nv, m.vertexCount());
    assertEquals(nt, m.faceCount());
    // Open3D prints doubles; its ascii body has ~6 significant digits, its binary body full doubles.
    double tol = format == PlyFormat.ASCII ? 1e-3 : 0;
    for (int v = 0; v < nv; v++) {
      String[] w = lines[1 + v].split(" ");
      for (int j = 0; j < 3; j++) {
        double x = Double.parseDouble(w[j]);
        double expected = tol == 0 ? (float) x : x;
        assertEquals(expected, m.positions[3 * v + j], tol * Math.max(1, Math.abs(x)), "vertex " + v);
        assertEquals(Double.parseDouble(w[3 + j]), m.normals[3 * v + j], Math.max(tol, 1e-7), "normal " + v);
        int c = m.colors[3 * v + j] & 0xFF;
        assertTrue(Math.abs(c - Integer.parseInt(w[6 + j])) <= COLOR_TOLERANCE, "colour " + v);
      }
    }
    for (int t = 0; t < nt; t++) {
      assertEquals(lines[1 + nv + t],
          m.faces[3 * t] + " " + m.faces[3 * t + 1] + " " + m.faces[3 * t + 2], "triangle " + t);
    }
  }
}
