package org.dpface.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;
import org.dpface.core.image.InterleavedU16;
import org.dpface.core.image.InterleavedU8;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngImagesTest {
  private static final long SEED = 20240611L;
  @TempDir Path dir;

  private static GrayU16 randomGray16(int w, int h, Random rnd) {
    GrayU16 img = new GrayU16(w, h);
    for (int i = 0; i < img.data.length; i++) {
      img.data[i] = (short) rnd.nextInt(65536);
    }
    img.set(0, 0, 0);
    img.set(w - 1, h - 1, 65535);
    img.set(1, 0, 65535);
    img.set(0, 1, 0);
    return img;
  }

  private static InterleavedU16 randomRgb16(int w, int h, Random rnd) {
    InterleavedU16 img = new InterleavedU16(w, h, 3);
    for (int i = 0; i < img.data.length; i++) {
      img.data[i] = (short) rnd.nextInt(65536);
    }
    for (int b = 0; b < 3; b++) {
      img.set(0, 0, b, 0);
      img.set(w - 1, h - 1, b, 65535);
    }
    return img;
  }

  /** Unsigned samples of an image in row-major interleaved order, honouring stride. */
  private static int[] samples(ImageBase img) {
    int[] out = new int[img.pixelCount() * img.numBands()];
    int k = 0;
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        for (int b = 0; b < img.numBands(); b++) {
          out[k++] =
              switch (img) {
                case GrayU16 g -> g.get(x, y);
                case InterleavedU16 g -> g.get(x, y, b);
                case GrayU8 g -> g.get(x, y);
                case InterleavedU8 g -> g.get(x, y, b);
                default -> throw new AssertionError(img);
              };
        }
      }
    }
    return out;
  }

  /** Checks the file with the independent decoder: IHDR bytes and every sample. */
  private static void assertIndependentDecode(Path file, ImageBase expected, int depth, int colorType)
      throws IOException, DataFormatException {
    byte[] bytes = Files.readAllBytes(file);
    // IHDR at fixed offsets: signature (8), length (4), "IHDR" (4), width, height, depth, colour type.
    assertEquals("IHDR", new String(bytes, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
    ByteBuffer b = ByteBuffer.wrap(bytes);
    assertEquals(expected.width(), b.getInt(16));
    assertEquals(expected.height(), b.getInt(20));
    assertEquals(depth, bytes[24]);
    assertEquals(colorType, bytes[25]);
    MiniPngDecoder d = new MiniPngDecoder(bytes);
    assertArrayEquals(samples(expected), d.samples);
  }

  @Test
  void gray16RoundTripIsLossless() throws Exception {
    GrayU16 img = randomGray16(37, 23, new Random(SEED));
    Path f = dir.resolve("depth.png");
    PngImages.write(f, img);
    assertArrayEquals(samples(img), samples(PngImages.readGrayU16(f)));
    assertIndependentDecode(f, img, 16, 0);
    assertEquals(new PngInfo(37, 23, 16, 0, false), PngImages.info(f));
  }

  @Test
  void rgb16RoundTripIsLossless() throws Exception {
    InterleavedU16 img = randomRgb16(29, 17, new Random(SEED + 1));
    Path f = dir.resolve("frame.png");
    PngImages.write(f, img);
    assertArrayEquals(samples(img), samples(PngImages.readRgbU16(f)));
    assertIndependentDecode(f, img, 16, 2);
  }

  @Test
  void stridedSubImagesWriteOnlyTheirRectangle() throws Exception {
    Random rnd = new Random(SEED + 2);
    GrayU16 parent = randomGray16(50, 40, rnd);
    short[] before = parent.data.clone();
    GrayU16 sub = SubImages.view(parent, 5, 7, 20, 13);
    assertEquals(50, sub.stride());
    Path f = dir.resolve("sub.png");
    PngImages.write(f, sub);
    GrayU16 back = PngImages.readGrayU16(f);
    assertEquals(20, back.width());
    assertEquals(13, back.height());
    for (int y = 0; y < 13; y++) {
      for (int x = 0; x < 20; x++) {
        assertEquals(parent.get(x + 5, y + 7), back.get(x, y), "pixel " + x + "," + y);
      }
    }
    assertIndependentDecode(f, sub, 16, 0);
    assertArrayEquals(before, parent.data);

    InterleavedU16 rgbParent = randomRgb16(31, 19, rnd);
    InterleavedU16 rgbSub = SubImages.view(rgbParent, 3, 2, 11, 9);
    Path g = dir.resolve("subrgb.png");
    PngImages.write(g, rgbSub);
    assertArrayEquals(samples(rgbSub), samples(PngImages.readRgbU16(g)));
    assertIndependentDecode(g, rgbSub, 16, 2);
  }

  @Test
  void eightBitRoundTrips() throws Exception {
    Random rnd = new Random(SEED + 3);
    GrayU8 gray = new GrayU8(33, 21);
    rnd.nextBytes(gray.data);
    InterleavedU8 rgb = new InterleavedU8(19, 27, 3);
    rnd.nextBytes(rgb.data);
    Path fg = dir.resolve("mask.png");
    Path fr = dir.resolve("picture.png");
    PngImages.write(fg, gray);
    PngImages.write(fr, rgb);
    assertArrayEquals(samples(gray), samples(PngImages.readGrayU8(fg)));
    assertArrayEquals(samples(rgb), samples(PngImages.readRgbU8(fr)));
    assertIndependentDecode(fg, gray, 8, 0);
    assertIndependentDecode(fr, rgb, 8, 2);
  }

  @Test
  void genericReadReportsWhatTheFileHolds() throws Exception {
    Random rnd = new Random(SEED + 4);
    GrayU16 g16 = randomGray16(8, 5, rnd);
    InterleavedU16 c16 = randomRgb16(6, 4, rnd);
    GrayU8 g8 = new GrayU8(7, 3);
    rnd.nextBytes(g8.data);
    InterleavedU8 c8 = new InterleavedU8(4, 9, 3);
    rnd.nextBytes(c8.data);
    Path[] files = {dir.resolve("a.png"), dir.resolve("b.png"), dir.resolve("c.png"), dir.resolve("d.png")};
    PngImages.write(files[0], g16);
    PngImages.write(files[1], c16);
    PngImages.write(files[2], g8);
    PngImages.write(files[3], c8);
    assertArrayEquals(samples(g16),
        samples(assertInstanceOf(PngImages.Gray16.class, PngImages.read(files[0])).image()));
    assertArrayEquals(samples(c16),
        samples(assertInstanceOf(PngImages.Rgb16.class, PngImages.read(files[1])).image()));
    assertArrayEquals(samples(g8),
        samples(assertInstanceOf(PngImages.Gray8.class, PngImages.read(files[2])).image()));
    assertArrayEquals(samples(c8),
        samples(assertInstanceOf(PngImages.Rgb8.class, PngImages.read(files[3])).image()));
  }

  @Test
  void readIntoExistingOutputReshapesAndReuses() throws Exception {
    GrayU16 img = randomGray16(12, 9, new Random(SEED + 5));
    Path f = dir.resolve("r.png");
    PngImages.write(f, img);
    GrayU16 out = new GrayU16(40, 40); // larger array: reused
    short[] array = out.data;
    assertSame(out, PngImages.readGrayU16(f, out));
    assertSame(array, out.data);
    assertEquals(12, out.width());
    assertArrayEquals(samples(img), samples(out));
  }

  @Test
  void wrongKindNamesFileExpectedAndFound() throws Exception {
    InterleavedU8 rgb = new InterleavedU8(4, 4, 3);
    Path f = dir.resolve("frame.png");
    PngImages.write(f, rgb);
    IOException e = assertThrows(IOException.class, () -> PngImages.readGrayU16(f));
    assertEquals(f + ": expected 16-bit gray PNG, found 8-bit RGB", e.getMessage());
    GrayU16 g = new GrayU16(3, 3);
    Path h = dir.resolve("depth.png");
    PngImages.write(h, g);
    e = assertThrows(IOException.class, () -> PngImages.readRgbU16(h));
    assertEquals(h + ": expected 16-bit RGB PNG, found 16-bit gray", e.getMessage());
    e = assertThrows(IOException.class, () -> PngImages.readGrayU8(h));
    assertEquals(h + ": expected 8-bit gray PNG, found 16-bit gray", e.getMessage());
  }

  @Test
  void truncatedFileGivesClearError() throws Exception {
    Path f = dir.resolve("cut.png");
    PngImages.write(f, randomGray16(64, 48, new Random(SEED + 6)));
    byte[] full = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(full, full.length / 2));
    IOException e = assertThrows(IOException.class, () -> PngImages.readGrayU16(f));
    assertTrue(e.getMessage().startsWith(f + ": truncated PNG: chunk IDAT at byte "), e.getMessage());
    assertTrue(e.getMessage().endsWith("but the file ends at byte " + full.length / 2), e.getMessage());

    Files.write(f, Arrays.copyOf(full, full.length - 12)); // IEND chunk missing
    e = assertThrows(IOException.class, () -> PngImages.readGrayU16(f));
    assertEquals(f + ": truncated PNG: file ends at byte " + (full.length - 12) + " before the IEND chunk",
        e.getMessage());

    Files.write(f, Arrays.copyOf(full, 20));
    e = assertThrows(IOException.class, () -> PngImages.read(f));
    assertEquals(f + ": truncated PNG: 20 bytes, the IHDR chunk needs 33", e.getMessage());
  }

  @Test
  void corruptFileGivesClearError() throws Exception {
    Path f = dir.resolve("flip.png");
    PngImages.write(f, randomGray16(64, 48, new Random(SEED + 7)));
    byte[] bytes = Files.readAllBytes(f);
    int idat = indexOf(bytes, "IDAT");
    byte[] flipped = bytes.clone();
    flipped[idat + 100] ^= 0x10;
    Files.write(f, flipped);
    IOException e = assertThrows(IOException.class, () -> PngImages.readGrayU16(f));
    assertEquals(f + ": corrupt PNG: CRC mismatch in chunk IDAT at byte " + (idat - 4),
        e.getMessage().substring(0, e.getMessage().indexOf(" (stored")));

    // Broken zlib stream with a valid CRC: only the decoder can notice.
    byte[] badZlib = bytes.clone();
    badZlib[idat + 4] = 0x00; // zlib CMF byte: compression method 0 is invalid
    int len = ByteBuffer.wrap(bytes).getInt(idat - 4);
    CRC32 crc = new CRC32();
    crc.update(badZlib, idat, 4 + len);
    ByteBuffer.wrap(badZlib).putInt(idat + 4 + len, (int) crc.getValue());
    Files.write(f, badZlib);
    e = assertThrows(IOException.class, () -> PngImages.readGrayU16(f));
    assertTrue(e.getMessage().startsWith(f + ": corrupt PNG image data ("), e.getMessage());

    Files.writeString(f, "this is not an image but long enough to have a header");
    e = assertThrows(IOException.class, () -> PngImages.read(f));
    assertEquals(f + ": not a PNG file (bad signature)", e.getMessage());
  }

  @Test
  void rejectsImagesPngCannotHold() {
    assertThrows(IllegalArgumentException.class,
        () -> PngImages.write(dir.resolve("x.png"), new InterleavedU16(3, 3, 2)));
    assertThrows(IllegalArgumentException.class,
        () -> PngImages.write(dir.resolve("x.png"), new GrayU8(0, 3)));
  }

  @Test
  void open3dReadsTheSame16BitGray() throws Exception {
    String reason = SystemPython.unavailableReason("numpy, open3d");
    Assumptions.assumeTrue(reason == null, reason);
    GrayU16 img = randomGray16(41, 27, new Random(SEED + 8));
    Path f = dir.resolve("o3d.png");
    PngImages.write(f, img);
    SystemPython.Result r = SystemPython.run(
        "import sys, numpy as np, open3d as o3d\n"
            + "a = np.asarray(o3d.io.read_image(sys.argv[1]))\n"
            + "print(a.dtype, a.shape[1], a.shape[0], int(a.astype(np.int64).sum()),"
            + " int(a[0,0]), int(a[26,40]), int(a[5,7]))",
        f.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    long sum = 0;
    for (int v : samples(img)) {
      sum += v;
    }
    assertEquals("uint16 41 27 " + sum + " 0 65535 " + img.get(7, 5), r.stdout().strip());
  }

  private static int indexOf(byte[] hay, String needle) {
    byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + n.length <= hay.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (hay[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(needle + " not found");
  }
}
