package org.dpface.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;
import org.dpface.core.image.InterleavedF32;

/**
 * Rasters as NumPy {@code .npy} files (format version 1.0), which {@code numpy.load} reads directly:
 * little-endian float32 ({@code <f4}) or uint8 ({@code |u1}), C order, shape (H, W) for one band or
 * (H, W, C) for interleaved images. Written atomically ({@link AtomicFiles}).
 *
 * <p>Format (NEP 1): magic {@code \x93NUMPY}, version bytes 1 0, a little-endian uint16 header length,
 * then an ASCII Python dict {@code {'descr': '<f4', 'fortran_order': False, 'shape': (H, W), }} padded
 * with spaces and a final newline so that the data starts at a multiple of 64 bytes, then the raw data.
 * The reader accepts exactly what the writer produces plus any header padding, version 1.0 or 2.0.
 */
public final class NpyFiles {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyFiles() {}

  /** Parsed header of an {@code .npy} file: dtype descriptor, shape and the data offset in bytes. */
  public record Header(String descr, int[] shape, int dataOffset) {
    /** Number of elements (product of the shape). */
    public long elementCount() {
      long n = 1;
      for (int s : shape) {
        n *= s;
      }
      return n;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Header h && h.descr.equals(descr) && Arrays.equals(h.shape, shape)
          && h.dataOffset == dataOffset;
    }

    @Override
    public int hashCode() {
      return descr.hashCode() * 31 + Arrays.hashCode(shape) + dataOffset;
    }

    @Override
    public String toString() {
      return "Header[" + descr + " " + Arrays.toString(shape) + " @" + dataOffset + "]";
    }
  }

  /** Writes a float32 (H, W) array. */
  public static void write(Path path, GrayF32 image) throws IOException {
    int w = image.width();
    int h = image.height();
    ByteBuffer buf = start("<f4", new int[] {h, w}, 4L * w * h);
    for (int y = 0; y < h; y++) {
      int i = image.indexOf(0, y);
      for (int x = 0; x < w; x++) {
        buf.putFloat(image.data[i + x]);
      }
    }
    AtomicFiles.write(path, buf.array());
  }

  /** Writes a float32 (H, W, C) array. */
  public static void write(Path path, InterleavedF32 image) throws IOException {
    int w = image.width();
    int h = image.height();
    int c = image.numBands();
    ByteBuffer buf = start("<f4", new int[] {h, w, c}, 4L * w * h * c);
    for (int y = 0; y < h; y++) {
      int i = image.indexOf(0, y);
      for (int x = 0; x < w * c; x++) {
        buf.putFloat(image.data[i + x]);
      }
    }
    AtomicFiles.write(path, buf.array());
  }

  /** Writes a uint8 (H, W) array. */
  public static void write(Path path, GrayU8 image) throws IOException {
    int w = image.width();
    int h = image.height();
    ByteBuffer buf = start("|u1", new int[] {h, w}, (long) w * h);
    for (int y = 0; y < h; y++) {
      buf.put(image.data, image.indexOf(0, y), w);
    }
    AtomicFiles.write(path, buf.array());
  }

  /** Reads the header only. */
  public static Header readHeader(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(12);
      int len = headerLength(head, path);
      byte[] rest = in.readNBytes(len - head.length);
      byte[] all = Arrays.copyOf(head, len);
      System.arraycopy(rest, 0, all, head.length, rest.length);
      return parseHeader(all, path);
    }
  }

  /** Reads a float32 (H, W) array into {@code output} (reshaped), or a new image when null. */
  public static GrayF32 readGrayF32(Path path, GrayF32 output) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    Header h = parseHeader(bytes, path);
    require(h, "<f4", 2, path);
    GrayF32 out = output == null ? new GrayF32(h.shape[1], h.shape[0]) : output;
    out.reshape(h.shape[1], h.shape[0]);
    readFloats(bytes, h, out);
    return out;
  }

  /** Reads a float32 (H, W, C) array; {@code output} (or a new image when null) must have C bands. */
  public static InterleavedF32 readInterleavedF32(Path path, InterleavedF32 output) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    Header h = parseHeader(bytes, path);
    require(h, "<f4", 3, path);
    InterleavedF32 out = output == null ? new InterleavedF32(h.shape[1], h.shape[0], h.shape[2]) : output;
    if (out.numBands() != h.shape[2]) {
      throw new IOException(path + ": has " + h.shape[2] + " bands, output has " + out.numBands());
    }
    out.reshape(h.shape[1], h.shape[0]);
    readFloats(bytes, h, out);
    return out;
  }

  /** Reads a uint8 (H, W) array into {@code output} (reshaped), or a new image when null. */
  public static GrayU8 readGrayU8(Path path, GrayU8 output) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    Header h = parseHeader(bytes, path);
    require(h, "|u1", 2, path);
    GrayU8 out = output == null ? new GrayU8(h.shape[1], h.shape[0]) : output;
    out.reshape(h.shape[1], h.shape[0]);
    int w = h.shape[1];
    for (int y = 0; y < h.shape[0]; y++) {
      System.arraycopy(bytes, h.dataOffset + y * w, out.data, out.indexOf(0, y), w);
    }
    return out;
  }

  private static void readFloats(byte[] bytes, Header h, ImageBase out) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    buf.position(h.dataOffset);
    int rowElems = out.width() * out.numBands();
    float[] data = out instanceof GrayF32 g ? g.data : ((InterleavedF32) out).data;
    for (int y = 0; y < out.height(); y++) {
      int i = out.indexOf(0, y);
      for (int x = 0; x < rowElems; x++) {
        data[i + x] = buf.getFloat();
      }
    }
  }

  private static void require(Header h, String descr, int dims, Path path) throws IOException {
    if (!h.descr.equals(descr) || h.shape.length != dims) {
      throw new IOException(path + ": expected " + descr + " with " + dims + " dimensions, got " + h);
    }
  }

  private static ByteBuffer start(String descr, int[] shape, long dataBytes) {
    StringBuilder dict = new StringBuilder("{'descr': '").append(descr)
        .append("', 'fortran_order': False, 'shape': (");
    for (int i = 0; i < shape.length; i++) {
      dict.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
    }
    dict.append("), }");
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int total = (unpadded + 63) / 64 * 64;
    dict.append(" ".repeat(total - unpadded)).append('\n');
    byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
    long size = total + dataBytes;
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("array too large for one buffer: " + size + " bytes");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
    return buf;
  }

  private static int headerLength(byte[] head, Path path) throws IOException {
    if (head.length < 10 || !Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException(path + ": not an .npy file");
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    int major = head[6];
    if (major == 1) {
      return 10 + (b.getShort(8) & 0xffff);
    }
    if (major == 2 && head.length >= 12) {
      return 12 + b.getInt(8);
    }
    throw new IOException(path + ": unsupported .npy version " + major + "." + head[7]);
  }

  private static Header parseHeader(byte[] bytes, Path path) throws IOException {
    int offset = headerLength(bytes, path);
    int dictStart = bytes[6] == 1 ? 10 : 12;
    if (offset > bytes.length) {
      throw new IOException(path + ": truncated .npy header");
    }
    String dict = new String(bytes, dictStart, offset - dictStart, StandardCharsets.US_ASCII);
    Matcher d = DESCR.matcher(dict);
    Matcher f = FORTRAN.matcher(dict);
    Matcher s = SHAPE.matcher(dict);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IOException(path + ": malformed .npy header: " + dict.strip());
    }
    if (f.group(1).equals("True")) {
      throw new IOException(path + ": Fortran-order arrays are not supported");
    }
    String[] parts = s.group(1).split(",");
    int n = 0;
    int[] shape = new int[parts.length];
    for (String p : parts) {
      if (!p.isBlank()) {
        shape[n++] = Integer.parseInt(p.strip());
      }
    }
    Header h = new Header(d.group(1), Arrays.copyOf(shape, n), offset);
    long itemSize = h.descr.endsWith("4") ? 4 : h.descr.endsWith("1") ? 1 : 0;
    if (itemSize == 0 || offset + h.elementCount() * itemSize > bytes.length && bytes.length > offset) {
      throw new IOException(path + ": unsupported dtype or truncated data: " + h);
    }
    return h;
  }
}
