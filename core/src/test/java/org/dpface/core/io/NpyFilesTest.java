package org.dpface.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.InterleavedF32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFilesTest {
  @TempDir Path dir;

  private static GrayF32 ramp(int w, int h) {
    GrayF32 g = new GrayF32(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        g.set(x, y, x + 100f * y + 0.25f);
      }
    }
    g.set(1, 1, Float.NaN);
    return g;
  }

  @Test
  void grayF32RoundTripKeepsBitsAndAlignsData() throws IOException {
    GrayF32 g = ramp(7, 5);
    Path p = dir.resolve("a.npy");
    NpyFiles.write(p, g);
    NpyFiles.Header h = NpyFiles.readHeader(p);
    assertEquals("<f4", h.descr());
    assertArrayEquals(new int[] {5, 7}, h.shape());
    assertEquals(0, h.dataOffset() % 64);
    assertEquals(h.dataOffset() + 4L * 35, Files.size(p));
    GrayF32 back = NpyFiles.readGrayF32(p, null);
    for (int i = 0; i < 35; i++) {
      assertEquals(Float.floatToRawIntBits(g.data[i]), Float.floatToRawIntBits(back.data[i]));
    }
  }

  @Test
  void interleavedAndU8RoundTrip() throws IOException {
    InterleavedF32 n = new InterleavedF32(4, 3, 2);
    for (int i = 0; i < n.data.length; i++) {
      n.data[i] = i * 0.5f - 3;
    }
    NpyFiles.write(dir.resolve("n.npy"), n);
    InterleavedF32 nb = NpyFiles.readInterleavedF32(dir.resolve("n.npy"), null);
    assertEquals(2, nb.numBands());
    assertArrayEquals(n.data, nb.data);
    GrayU8 m = new GrayU8(5, 2);
    m.data[3] = (byte) 255;
    m.data[7] = 1;
    NpyFiles.write(dir.resolve("m.npy"), m);
    assertArrayEquals(m.data, NpyFiles.readGrayU8(dir.resolve("m.npy"), null).data);
    assertThrows(IOException.class, () -> NpyFiles.readGrayF32(dir.resolve("m.npy"), null));
  }

  @Test
  void numpyReadsWhatWeWrite() throws IOException {
    String reason = SystemPython.unavailableReason("numpy");
    assumeTrue(reason == null, reason);
    Path p = dir.resolve("r.npy");
    NpyFiles.write(p, ramp(7, 5));
    SystemPython.Result r = SystemPython.run(
        "import sys, numpy as np\n"
            + "a = np.load(sys.argv[1])\n"
            + "print(a.dtype.str, a.shape, repr(float(a[4, 6])), bool(np.isnan(a[1, 1])))",
        p.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("<f4 (5, 7) 406.25 True", r.stdout().strip());
  }
}
