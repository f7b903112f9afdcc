package org.dpface.core.io;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;
import org.dpface.core.image.InterleavedU16;
import org.dpface.core.image.InterleavedU8;

/**
 * Lossless PNG read/write for 8- and 16-bit gray and RGB images through javax.imageio (headless).
 *
 * <p>Samples are stored unchanged (no gamma, no colour management), so raw linear captures survive a round
 * trip bit for bit. Writes honour the source's stride and start index without copying and go through
 * {@link AtomicFiles}. Reads first verify the file's structure and CRCs ({@link PngChunks}), then check the
 * bit depth and colour type against what the caller asked for, failing with e.g.
 * {@code "frame.png: expected 16-bit gray PNG, found 8-bit RGB"}. Every error message starts with the path.
 *
 * <p>Supported files: colour type 0 (gray) or 2 (RGB), bit depth 8 or 16, interlaced or not. Palette,
 * alpha and sub-byte gray files are rejected with a message naming what was found.
 */
public final class PngImages {
  private PngImages() {}

  /** What {@link #read(Path)} found: one variant per supported PNG kind. */
  public sealed interface Decoded permits Gray8, Rgb8, Gray16, Rgb16 {
    /** The decoded image (compact layout). */
    ImageBase image();
  }

  /** An 8-bit gray PNG. */
  public record Gray8(GrayU8 image) implements Decoded {}

  /** An 8-bit RGB PNG (3 bands, R G B). */
  public record Rgb8(InterleavedU8 image) implements Decoded {}

  /** A 16-bit gray PNG. */
  public record Gray16(GrayU16 image) implements Decoded {}

  /** A 16-bit RGB PNG (3 bands, R G B). */
  public record Rgb16(InterleavedU16 image) implements Decoded {}

  // ------------------------------------------------------------------------------------------ writing

  /** Writes a 16-bit gray PNG atomically. */
  public static void write(Path path, GrayU16 image) throws IOException {
    AtomicFiles.write(path, out -> write(out, image));
  }

  /** Encodes a 16-bit gray PNG onto {@code out} (left open), e.g. for a caller's own atomic write. */
  public static void write(OutputStream out, GrayU16 image) throws IOException {
    BufferedImage bi = wrap(image, new DataBufferUShort(image.data, usable(image, image.data.length),
        image.startIndex()), DataBuffer.TYPE_USHORT, 16);
    encode(bi, out);
  }

  /** Writes a 16-bit PNG atomically: RGB for 3 bands, gray for 1 band. */
  public static void write(Path path, InterleavedU16 image) throws IOException {
    BufferedImage bi = wrap(image, new DataBufferUShort(image.data, usable(image, image.data.length),
        image.startIndex()), DataBuffer.TYPE_USHORT, 16);
    AtomicFiles.write(path, out -> encode(bi, out));
  }

  /** Writes an 8-bit gray PNG atomically. */
  public static void write(Path path, GrayU8 image) throws IOException {
    BufferedImage bi = wrap(image, new DataBufferByte(image.data, usable(image, image.data.length),
        image.startIndex()), DataBuffer.TYPE_BYTE, 8);
    AtomicFiles.write(path, out -> encode(bi, out));
  }

  /** Writes an 8-bit PNG atomically: RGB for 3 bands, gray for 1 band. */
  public static void write(Path path, InterleavedU8 image) throws IOException {
    BufferedImage bi = wrap(image, new DataBufferByte(image.data, usable(image, image.data.length),
        image.startIndex()), DataBuffer.TYPE_BYTE, 8);
    AtomicFiles.write(path, out -> encode(bi, out));
  }

  private static int usable(ImageBase image, int arrayLength) {
    if (image.width() < 1 || image.height() < 1) {
      throw new IllegalArgumentException("PNG needs at least 1x1 pixels, got " + image);
    }
    if (image.numBands() != 1 && image.numBands() != 3) {
      throw new IllegalArgumentException("PNG writer supports 1 or 3 bands, got " + image);
    }
    return arrayLength - image.startIndex();
  }

  /** A BufferedImage view of the image's own array (no copy), honouring stride and start index. */
  private static BufferedImage wrap(ImageBase image, DataBuffer buffer, int dataType, int bits) {
    int bands = image.numBands();
    ColorSpace cs = ColorSpace.getInstance(bands == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
    int[] sizes = bands == 1 ? new int[] {bits} : new int[] {bits, bits, bits};
    int[] offsets = bands == 1 ? new int[] {0} : new int[] {0, 1, 2};
    ComponentColorModel cm =
        new ComponentColorModel(cs, sizes, false, false, Transparency.OPAQUE, dataType);
    PixelInterleavedSampleModel sm = new PixelInterleavedSampleModel(
        dataType, image.width(), image.height(), bands, image.stride(), offsets);
    WritableRaster raster = Raster.createWritableRaster(sm, buffer, null);
    return new BufferedImage(cm, raster, false, null);
  }

  private static void encode(BufferedImage image, OutputStream out) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IOException("no javax.imageio PNG writer available");
    }
    ImageWriter writer = writers.next();
    try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(null, new IIOImage(image, null, null), null);
    } finally {
      writer.dispose();
    }
  }

  // ------------------------------------------------------------------------------------------ reading

  /** Reads the structure of a PNG file (all chunks and CRCs checked) without decoding pixels. */
  public static PngInfo info(Path path) throws IOException {
    return PngChunks.verify(path);
  }

  /** Reads whatever supported PNG the file holds (8/16-bit, gray/RGB). */
  public static Decoded read(Path path) throws IOException {
    PngInfo info = PngChunks.verify(path);
    boolean gray = info.colorType() == PngInfo.GRAY;
    if (!(gray || info.colorType() == PngInfo.RGB) || (info.bitDepth() != 8 && info.bitDepth() != 16)) {
      throw new IOException(
          path + ": unsupported PNG kind " + info.describe()
              + "; supported: 8- or 16-bit gray or RGB without alpha");
    }
    Raster r = decode(path, info);
    if (info.bitDepth() == 16) {
      return gray ? new Gray16(fill(r, new GrayU16(0, 0))) : new Rgb16(fill(r, new InterleavedU16(0, 0, 3)));
    }
    return gray ? new Gray8(fill(r, new GrayU8(0, 0))) : new Rgb8(fill(r, new InterleavedU8(0, 0, 3)));
  }

  /** Reads a 16-bit gray PNG into a new image. */
  public static GrayU16 readGrayU16(Path path) throws IOException {
    return readGrayU16(path, null);
  }

  /** Reads a 16-bit gray PNG into {@code output} (reshaped; allocated when null) and returns it. */
  public static GrayU16 readGrayU16(Path path, GrayU16 output) throws IOException {
    Raster r = decode(path, expect(path, 16, PngInfo.GRAY));
    return fill(r, output != null ? output : new GrayU16(0, 0));
  }

  /** Reads a 16-bit RGB PNG into a new 3-band image. */
  public static InterleavedU16 readRgbU16(Path path) throws IOException {
    return readRgbU16(path, null);
  }

  /** Reads a 16-bit RGB PNG into {@code output} (3 bands; reshaped; allocated when null). */
  public static InterleavedU16 readRgbU16(Path path, InterleavedU16 output) throws IOException {
    checkThreeBands(output);
    Raster r = decode(path, expect(path, 16, PngInfo.RGB));
    return fill(r, output != null ? output : new InterleavedU16(0, 0, 3));
  }

  /** Reads an 8-bit gray PNG into a new image. */
  public static GrayU8 readGrayU8(Path path) throws IOException {
    return readGrayU8(path, null);
  }

  /** Reads an 8-bit gray PNG into {@code output} (reshaped; allocated when null) and returns it. */
  public static GrayU8 readGrayU8(Path path, GrayU8 output) throws IOException {
    Raster r = decode(path, expect(path, 8, PngInfo.GRAY));
    return fill(r, output != null ? output : new GrayU8(0, 0));
  }

  /** Reads an 8-bit RGB PNG into a new 3-band image. */
  public static InterleavedU8 readRgbU8(Path path) throws IOException {
    return readRgbU8(path, null);
  }

  /** Reads an 8-bit RGB PNG into {@code output} (3 bands; reshaped; allocated when null). */
  public static InterleavedU8 readRgbU8(Path path, InterleavedU8 output) throws IOException {
    checkThreeBands(output);
    Raster r = decode(path, expect(path, 8, PngInfo.RGB));
    return fill(r, output != null ? output : new InterleavedU8(0, 0, 3));
  }

  private static void checkThreeBands(ImageBase output) {
    if (output != null && output.numBands() != 3) {
      throw new IllegalArgumentException("RGB output needs 3 bands, got " + output);
    }
  }

  private static PngInfo expect(Path path, int bitDepth, int colorType) throws IOException {
    PngInfo info = PngChunks.verify(path);
    if (info.bitDepth() != bitDepth || info.colorType() != colorType) {
      throw new IOException(
          path + ": expected " + bitDepth + "-bit " + PngInfo.describeColorType(colorType)
              + " PNG, found " + info.describe());
    }
    return info;
  }

  private static Raster decode(Path path, PngInfo info) throws IOException {
    if ((long) info.width() * info.height() * info.channels() > Integer.MAX_VALUE - 8) {
      throw new IOException(path + ": " + info.width() + "x" + info.height() + " " + info.describe()
          + " PNG is too large for one Java array");
    }
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
    if (!readers.hasNext()) {
      throw new IOException("no javax.imageio PNG reader available");
    }
    ImageReader reader = readers.next();
    BufferedImage image;
    try (FileImageInputStream in = new FileImageInputStream(path.toFile())) {
      reader.setInput(in, true, true);
      image = reader.read(0);
    } catch (IOException | RuntimeException e) {
      throw new IOException(path + ": corrupt PNG image data (" + e + ")", e);
    } finally {
      reader.dispose();
    }
    Raster r = image.getRaster();
    int bands = info.channels();
    if (r.getWidth() != info.width() || r.getHeight() != info.height() || r.getNumBands() != bands) {
      throw new IOException(
          path + ": decoder returned " + r.getWidth() + "x" + r.getHeight() + "x" + r.getNumBands()
              + " for a " + info.width() + "x" + info.height() + " " + info.describe() + " PNG");
    }
    return r;
  }

  /** Reshapes {@code out} to the raster's size and copies the pixels in; returns {@code out}. */
  private static GrayU16 fill(Raster r, GrayU16 out) {
    out.reshape(r.getWidth(), r.getHeight());
    copy(r, out.data, out.startIndex(), out.stride(), 1);
    return out;
  }

  private static InterleavedU16 fill(Raster r, InterleavedU16 out) {
    out.reshape(r.getWidth(), r.getHeight());
    copy(r, out.data, out.startIndex(), out.stride(), 3);
    return out;
  }

  private static GrayU8 fill(Raster r, GrayU8 out) {
    out.reshape(r.getWidth(), r.getHeight());
    copy(r, out.data, out.startIndex(), out.stride(), 1);
    return out;
  }

  private static InterleavedU8 fill(Raster r, InterleavedU8 out) {
    out.reshape(r.getWidth(), r.getHeight());
    copy(r, out.data, out.startIndex(), out.stride(), 3);
    return out;
  }

  /** Copies raster samples row by row into a strided short array (one reusable row buffer). */
  private static void copy(Raster r, short[] dst, int start, int stride, int bands) {
    int w = r.getWidth();
    int n = w * bands;
    int[] row = new int[n];
    for (int y = 0; y < r.getHeight(); y++) {
      r.getPixels(r.getMinX(), r.getMinY() + y, w, 1, row);
      int o = start + y * stride;
      for (int i = 0; i < n; i++) {
        dst[o + i] = (short) row[i];
      }
    }
  }

  /** Copies raster samples row by row into a strided byte array (one reusable row buffer). */
  private static void copy(Raster r, byte[] dst, int start, int stride, int bands) {
    int w = r.getWidth();
    int n = w * bands;
    int[] row = new int[n];
    for (int y = 0; y < r.getHeight(); y++) {
      r.getPixels(r.getMinX(), r.getMinY() + y, w, 1, row);
      int o = start + y * stride;
      for (int i = 0; i < n; i++) {
        dst[o + i] = (byte) row[i];
      }
    }
  }
}
