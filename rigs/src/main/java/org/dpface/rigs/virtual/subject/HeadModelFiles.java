package org.dpface.rigs.virtual.subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.dpface.core.io.AtomicFiles;

/**
 * Reads and writes {@link HeadModel}s. Format {@value #FORMAT}, version {@value #VERSION}:
 *
 * <ol>
 *   <li>one line of UTF-8 JSON ending in {@code '\n'} (at most {@value #MAX_HEADER_BYTES} bytes):
 *       {@code format}, {@code version}, {@code frame} ({@link HeadModel#FRAME}), {@code units} "mm",
 *       {@code byteOrder} "little-endian", {@code vertexCount}, {@code faceCount}, {@code identity}
 *       (list of {@code {name, description}}), {@code expression} (list of {@code {name}}) and {@code
 *       payload} (the order below, informative);
 *   <li>the payload, little-endian: faces int32[3 faceCount], mean float32[3 vertexCount], each
 *       identity basis float32[3 vertexCount], each expression basis float32[3 vertexCount];
 *   <li>CRC-32 (ISO-HDLC, {@link CRC32}) of the payload as uint32, little-endian; nothing after it.
 * </ol>
 *
 * Writes are atomic ({@link AtomicFiles}); a round trip is bit-exact.
 */
public final class HeadModelFiles {
  public static final String FORMAT = "dpface-head-model";
  public static final int VERSION = 1;
  static final int MAX_HEADER_BYTES = 1 << 16;
  private static final int MAX_VERTICES = 10_000_000;
  private static final int MAX_BASES = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  private HeadModelFiles() {}

  /** Writes {@code model} to {@code path} atomically. */
  public static void write(Path path, HeadModel model) throws IOException {
    AtomicFiles.write(path, out -> write(out, model));
  }

  /** Writes {@code model} to a stream (not closed). */
  public static void write(OutputStream out, HeadModel model) throws IOException {
    ObjectNode h = JSON.createObjectNode();
    h.put("format", FORMAT);
    h.put("version", VERSION);
    h.put("frame", HeadModel.FRAME);
    h.put("units", "mm");
    h.put("byteOrder", "little-endian");
    h.put("vertexCount", model.vertexCount());
    h.put("faceCount", model.faceCount());
    ArrayNode id = h.putArray("identity");
    for (int i = 0; i < model.identityCount(); i++) {
      id.addObject().put("name", model.identityNames().get(i)).put("description", model.identityDescriptions().get(i));
    }
    ArrayNode ex = h.putArray("expression");
    for (String name : model.expressionNames()) {
      ex.addObject().put("name", name);
    }
    h.put("payload", "faces int32[3F], mean float32[3V], identity float32[I][3V], expression float32[E][3V], crc32");
    byte[] header = (JSON.writeValueAsString(h) + "\n").getBytes(StandardCharsets.UTF_8);
    if (header.length > MAX_HEADER_BYTES) {
      throw new IOException("head model header of " + header.length + " bytes exceeds " + MAX_HEADER_BYTES);
    }
    out.write(header);
    CRC32 crc = new CRC32();
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int f : model.facesView()) {
      if (buf.remaining() < 4) {
        flush(buf, out, crc);
      }
      buf.putInt(f);
    }
    writeFloats(model.meanView(), buf, out, crc);
    for (int i = 0; i < model.identityCount(); i++) {
      writeFloats(model.identityView(i), buf, out, crc);
    }
    for (int j = 0; j < model.expressionCount(); j++) {
      writeFloats(model.expressionView(j), buf, out, crc);
    }
    flush(buf, out, crc);
    buf.putInt((int) crc.getValue());
    out.write(buf.array(), 0, 4);
  }

  /** Reads a model written by {@link #write}; every inconsistency is an {@link IOException} naming the file. */
  public static HeadModel read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    }
  }

  /** Reads a model from a stream; {@code source} names it in error messages. */
  public static HeadModel read(InputStream in, String source) throws IOException {
    JsonNode h = JSON.readTree(readHeaderLine(in, source));
    String format = h.path("format").asText("");
    if (!FORMAT.equals(format)) {
      throw new IOException(source + ": format is '" + format + "', expected '" + FORMAT + "'");
    }
    int version = h.path("version").asInt(-1);
    if (version != VERSION) {
      throw new IOException(source + ": unsupported " + FORMAT + " version " + version + " (supported: " + VERSION + ")");
    }
    if (!"little-endian".equals(h.path("byteOrder").asText()) || !"mm".equals(h.path("units").asText())) {
      throw new IOException(source + ": expected byteOrder little-endian and units mm");
    }
    long nv = h.path("vertexCount").asLong(-1);
    long nf = h.path("faceCount").asLong(-1);
    if (nv <= 0 || nv > MAX_VERTICES || nf <= 0 || nf > 2 * MAX_VERTICES) {
      throw new IOException(source + ": vertexCount " + nv + " / faceCount " + nf + " out of range");
    }
    List<String> idNames = new ArrayList<>();
    List<String> idDesc = new ArrayList<>();
    for (JsonNode b : h.path("identity")) {
      idNames.add(b.path("name").asText());
      idDesc.add(b.path("description").asText(""));
    }
    List<String> exNames = new ArrayList<>();
    for (JsonNode b : h.path("expression")) {
      exNames.add(b.path("name").asText());
    }
    if (idNames.size() + exNames.size() > MAX_BASES) {
      throw new IOException(source + ": too many bases (" + (idNames.size() + exNames.size()) + ")");
    }
    int v3 = (int) (nv * 3);
    CRC32 crc = new CRC32();
    ByteBuffer fb = readBlock(in, nf * 12, source, crc); // arrays are allocated only after their bytes arrived
    int[] faces = new int[(int) (nf * 3)];
    fb.asIntBuffer().get(faces);
    float[] mean = readFloats(in, v3, source, crc);
    float[][] id = new float[idNames.size()][];
    for (int i = 0; i < id.length; i++) {
      id[i] = readFloats(in, v3, source, crc);
    }
    float[][] ex = new float[exNames.size()][];
    for (int j = 0; j < ex.length; j++) {
      ex[j] = readFloats(in, v3, source, crc);
    }
    ByteBuffer tail = readBlock(in, 4, source, null);
    long stored = tail.getInt() & 0xffffffffL;
    if (stored != crc.getValue()) {
      throw new IOException(source + ": payload checksum mismatch (file damaged or truncated)");
    }
    if (in.read() != -1) {
      throw new IOException(source + ": unexpected bytes after the checksum");
    }
    try {
      return new HeadModel(mean, faces, idNames, idDesc, id, exNames, ex);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readHeaderLine(InputStream in, String source) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c == -1) {
        throw new IOException(source + ": no header line (not a " + FORMAT + " file?)");
      }
      if (c == '\n') {
        return line.toByteArray();
      }
      line.write(c);
      if (line.size() > MAX_HEADER_BYTES) {
        throw new IOException(source + ": header line longer than " + MAX_HEADER_BYTES + " bytes");
      }
    }
  }

  private static float[] readFloats(InputStream in, int count, String source, CRC32 crc) throws IOException {
    ByteBuffer b = readBlock(in, count * 4L, source, crc);
    float[] a = new float[count];
    b.asFloatBuffer().get(a);
    return a;
  }

  private static ByteBuffer readBlock(InputStream in, long bytes, String source, CRC32 crc) throws IOException {
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new IOException(source + ": block of " + bytes + " bytes too large");
    }
    byte[] b = in.readNBytes((int) bytes);
    if (b.length != bytes) {
      throw new IOException(source + ": truncated payload (expected " + bytes + " more bytes, found " + b.length + ")");
    }
    if (crc != null) {
      crc.update(b);
    }
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void writeFloats(float[] a, ByteBuffer buf, OutputStream out, CRC32 crc) throws IOException {
    for (float v : a) {
      if (buf.remaining() < 4) {
        flush(buf, out, crc);
      }
      buf.putFloat(v);
    }
  }

  private static void flush(ByteBuffer buf, OutputStream out, CRC32 crc) throws IOException {
    crc.update(buf.array(), 0, buf.position());
    out.write(buf.array(), 0, buf.position());
    buf.clear();
  }
}
