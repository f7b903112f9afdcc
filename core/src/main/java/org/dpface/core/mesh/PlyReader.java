package org.dpface.core.mesh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a {@link TriangleMesh} from a PLY file (Turk, "The PLY Polygon File Format", 1994): ascii,
 * binary_little_endian or binary_big_endian.
 *
 * <ul>
 *   <li>{@code vertex}: {@code x y z} required (any scalar type; stored as float mm); {@code nx ny nz} become
 *       normals and {@code red green blue} colours when all three are present (integer types clamped to
 *       0..255, float types scaled from 0..1); every other property, scalar or list, is skipped.
 *   <li>{@code face}: the list {@code vertex_indices} (or {@code vertex_index}) with any integer count and
 *       index types; polygons are triangulated as fans (v0, vk, vk+1); other properties are skipped.
 *   <li>Other elements are skipped. A file without a {@code face} element gives a mesh without faces.
 * </ul>
 *
 * <p>Errors are {@link IOException}s whose message starts with the path and says where: the header line,
 * the body line (ascii) or the byte offset (binary), the element index and what was expected.
 *
 * <p>Binary bodies are read through one 64 KiB buffer in the file's byte order with no per-vertex
 * allocation; ascii bodies allocate one small string per value.
 */
public final class PlyReader {
  private static final int MAX_POLYGON = 1 << 20;

  // vertex property slots
  private static final int SKIP = -1;
  private static final int POS = 0; // 0..2
  private static final int NORMAL = 3; // 3..5
  private static final int COLOR = 6; // 6..8

  private final PlyInput in;
  private final PlyHeader header;
  private final boolean ascii;
  private final int vertexCount;
  private float[] positions;
  private float[] normals;
  private byte[] colors;
  private int[] faces = new int[0];
  private int faceInts;
  private int[] polygon = new int[16];

  private PlyReader(PlyInput in, PlyHeader header) {
    this.in = in;
    this.header = header;
    this.ascii = header.format() == PlyFormat.ASCII;
    PlyHeader.Element v = header.element("vertex");
    this.vertexCount = v == null ? 0 : (int) v.count();
  }

  /** Reads the mesh; see the class description for what is kept. */
  public static TriangleMesh read(Path path) throws IOException {
    try (PlyInput in = new PlyInput(path)) {
      PlyHeader header = PlyHeaderParser.parse(in);
      if (header.format().byteOrder() != null) {
        in.order(header.format().byteOrder());
      }
      PlyReader r = new PlyReader(in, header);
      return r.readBody();
    }
  }

  /** Reads only the header (format, comments, elements). */
  public static PlyHeader readHeader(Path path) throws IOException {
    try (PlyInput in = new PlyInput(path)) {
      return PlyHeaderParser.parse(in);
    }
  }

  private TriangleMesh readBody() throws IOException {
    PlyHeader.Element vertex = header.element("vertex");
    if (vertex == null) {
      throw new IOException(in.name + ": header has no 'vertex' element");
    }
    if (vertex.count() > Integer.MAX_VALUE / 3) {
      throw PlyHeaderParser.error(
          in, vertex.line(), vertex.count() + " vertices are too many for a TriangleMesh");
    }
    int[] slots = vertexSlots(vertex);
    PlyHeader.Element face = header.element("face");
    int indicesProperty = face == null ? -1 : indicesProperty(face);
    // Arrays hold at most as many records as the body can hold, so a bogus count in a short file ends in
    // a "truncated" error instead of a huge allocation; a complete file always fits.
    long body = Math.max(0, in.size - header.bodyOffset());
    int capacity = (int) Math.min(vertexCount, body / minRecordBytes(vertex) + 1);
    positions = new float[3 * capacity];
    if (hasAll(slots, NORMAL)) {
      normals = new float[3 * capacity];
    }
    if (hasAll(slots, COLOR)) {
      colors = new byte[3 * capacity];
    }
    if (face != null) {
      faces = new int[(int) (3 * Math.min(face.count(), Math.min(body / minRecordBytes(face) + 1, 1 << 28)))];
    }
    for (PlyHeader.Element e : header.elements()) {
      if (e == vertex) {
        readVertices(e, slots);
      } else if (e == face) {
        readFaces(e, indicesProperty);
      } else {
        skipElement(e);
      }
    }
    if (positions.length != 3 * vertexCount) {
      throw new IllegalStateException("vertex capacity " + positions.length / 3 + " < " + vertexCount);
    }
    return new TriangleMesh(positions, Arrays.copyOf(faces, faceInts), normals, colors);
  }

  /** Fewest bytes one record can take: binary scalars and list counts; ascii two characters a value. */
  private long minRecordBytes(PlyHeader.Element e) {
    long n = 0;
    for (PlyHeader.Property p : e.properties()) {
      n += ascii ? 2 : p.isList() ? p.countType().bytes() : p.type().bytes();
    }
    return Math.max(1, n);
  }

  private int[] vertexSlots(PlyHeader.Element vertex) throws IOException {
    String[] names = {"x", "y", "z", "nx", "ny", "nz", "red", "green", "blue"};
    int[] slots = new int[vertex.properties().size()];
    Arrays.fill(slots, SKIP);
    for (int s = 0; s < names.length; s++) {
      int p = vertex.indexOf(names[s]);
      if (p < 0) {
        if (s < 3) {
          throw PlyHeaderParser.error(
              in, vertex.line(), "element 'vertex' has no property '" + names[s] + "'");
        }
        continue;
      }
      PlyHeader.Property prop = vertex.properties().get(p);
      if (prop.isList()) {
        throw PlyHeaderParser.error(in, prop.line(), "vertex property '" + names[s] + "' must be a scalar");
      }
      slots[p] = s;
    }
    for (int group : new int[] {NORMAL, COLOR}) {
      if (!hasAll(slots, group)) {
        for (int p = 0; p < slots.length; p++) {
          if (slots[p] >= group && slots[p] < group + 3) {
            slots[p] = SKIP; // incomplete triple: ignored
          }
        }
      }
    }
    return slots;
  }

  private static boolean hasAll(int[] slots, int group) {
    int found = 0;
    for (int s : slots) {
      if (s >= group && s < group + 3) {
        found++;
      }
    }
    return found == 3;
  }

  private int indicesProperty(PlyHeader.Element face) throws IOException {
    int p = face.indexOf("vertex_indices");
    if (p < 0) {
      p = face.indexOf("vertex_index");
    }
    if (p < 0) {
      throw PlyHeaderParser.error(in, face.line(), "element 'face' has no list property 'vertex_indices'");
    }
    PlyHeader.Property prop = face.properties().get(p);
    if (!prop.isList() || prop.type().isFloating()) {
      throw PlyHeaderParser.error(in, prop.line(),
          "face property '" + prop.name() + "' must be a list of an integer type");
    }
    return p;
  }

  // ------------------------------------------------------------------------------------- vertices

  private void readVertices(PlyHeader.Element e, int[] slots) throws IOException {
    if (ascii) {
      readVerticesAscii(e, slots);
      return;
    }
    ByteBuffer b = in.buf;
    int fixed = e.fixedRecordBytes();
    int props = slots.length;
    PlyType[] types = new PlyType[props];
    for (int p = 0; p < props; p++) {
      types[p] = e.properties().get(p).type();
    }
    for (int v = 0; v < vertexCount; v++) {
      if (fixed >= 0 && !in.ensure(fixed)) {
        throw truncated("vertex", v);
      }
      for (int p = 0; p < props; p++) {
        PlyHeader.Property prop = e.properties().get(p);
        if (prop.isList()) {
          skipBinaryList(prop, "vertex", v);
          continue;
        }
        if (fixed < 0 && !in.ensure(types[p].bytes())) {
          throw truncated("vertex", v);
        }
        int s = slots[p];
        if (s == SKIP) {
          b.position(b.position() + types[p].bytes());
        } else {
          store(v, s, types[p], types[p].read(b));
        }
      }
    }
  }

  private void readVerticesAscii(PlyHeader.Element e, int[] slots) throws IOException {
    for (int v = 0; v < vertexCount; v++) {
      startRecord("vertex", v);
      for (int p = 0; p < slots.length; p++) {
        PlyHeader.Property prop = e.properties().get(p);
        if (prop.isList()) {
          long n = asciiInteger(prop.countType(), prop, "vertex", v);
          for (long k = 0; k < n; k++) {
            asciiValue(prop.type(), prop, "vertex", v);
          }
          continue;
        }
        double value = asciiValue(prop.type(), prop, "vertex", v);
        if (slots[p] != SKIP) {
          store(v, slots[p], prop.type(), value);
        }
      }
      endRecord("vertex", v, e);
    }
  }

  private void store(int v, int slot, PlyType type, double value) {
    if (slot < NORMAL) {
      positions[3 * v + slot] = (float) value;
    } else if (slot < COLOR) {
      normals[3 * v + slot - NORMAL] = (float) value;
    } else {
      double c = type.isFloating() ? Math.rint(value * 255) : value;
      colors[3 * v + slot - COLOR] = (byte) (c <= 0 ? 0 : c >= 255 ? 255 : (int) c);
    }
  }

  // ---------------------------------------------------------------------------------------- faces

  private void readFaces(PlyHeader.Element e, int indicesProperty) throws IOException {
    long count = e.count();
    for (long f = 0; f < count; f++) {
      if (ascii) {
        startRecord("face", f);
      }
      for (int p = 0; p < e.properties().size(); p++) {
        PlyHeader.Property prop = e.properties().get(p);
        if (p == indicesProperty) {
          readPolygon(prop, f);
        } else if (ascii) {
          skipAsciiProperty(prop, "face", f);
        } else if (prop.isList()) {
          skipBinaryList(prop, "face", f);
        } else if (!in.skip(prop.type().bytes())) {
          throw truncated("face", f);
        }
      }
      if (ascii) {
        endRecord("face", f, e);
      }
    }
  }

  private void readPolygon(PlyHeader.Property prop, long f) throws IOException {
    long n;
    if (ascii) {
      n = asciiInteger(prop.countType(), prop, "face", f);
    } else {
      if (!in.ensure(prop.countType().bytes())) {
        throw truncated("face", f);
      }
      n = prop.countType().readInteger(in.buf);
    }
    if (n < 3 || n > MAX_POLYGON) {
      throw new IOException(in.name + ": " + where() + ": face " + f + " has " + n
          + " vertices; expected 3.." + MAX_POLYGON);
    }
    if (polygon.length < n) {
      polygon = new int[(int) n];
    }
    int itemBytes = prop.type().bytes();
    for (int k = 0; k < n; k++) {
      long index;
      if (ascii) {
        index = asciiInteger(prop.type(), prop, "face", f);
      } else {
        if (!in.ensure(itemBytes)) {
          throw truncated("face", f);
        }
        index = prop.type().readInteger(in.buf);
      }
      if (index < 0 || index >= vertexCount) {
        throw new IOException(in.name + ": face " + f + " references vertex " + index + " but only "
            + vertexCount + " vertices");
      }
      polygon[k] = (int) index;
    }
    int triangles = (int) n - 2;
    if (faces.length - faceInts < 3 * triangles) {
      long grown = Math.max(faces.length * 2L, faceInts + 3L * triangles);
      if (grown > Integer.MAX_VALUE - 8) {
        throw new IOException(in.name + ": face " + f + ": too many triangles for a TriangleMesh");
      }
      faces = Arrays.copyOf(faces, (int) grown);
    }
    for (int t = 1; t <= triangles; t++) {
      faces[faceInts++] = polygon[0];
      faces[faceInts++] = polygon[t];
      faces[faceInts++] = polygon[t + 1];
    }
  }

  // ------------------------------------------------------------------------------------- skipping

  private void skipElement(PlyHeader.Element e) throws IOException {
    int fixed = e.fixedRecordBytes();
    if (!ascii && fixed >= 0) {
      if (!in.skip(fixed * e.count())) {
        long record = (in.size - in.offset()) / Math.max(1, fixed);
        in.skip(in.size - in.offset());
        throw truncated(e.name(), record);
      }
      return;
    }
    for (long i = 0; i < e.count(); i++) {
      if (ascii) {
        startRecord(e.name(), i);
      }
      for (PlyHeader.Property prop : e.properties()) {
        if (ascii) {
          skipAsciiProperty(prop, e.name(), i);
        } else if (prop.isList()) {
          skipBinaryList(prop, e.name(), i);
        } else if (!in.skip(prop.type().bytes())) {
          throw truncated(e.name(), i);
        }
      }
      if (ascii) {
        endRecord(e.name(), i, e);
      }
    }
  }

  private void skipBinaryList(PlyHeader.Property prop, String el, long i) throws IOException {
    if (!in.ensure(prop.countType().bytes())) {
      throw truncated(el, i);
    }
    long n = prop.countType().readInteger(in.buf);
    if (n < 0 || !in.skip(n * prop.type().bytes())) {
      throw truncated(el, i);
    }
  }

  private void skipAsciiProperty(PlyHeader.Property prop, String el, long i) throws IOException {
    long n = prop.isList() ? asciiInteger(prop.countType(), prop, el, i) : 1;
    for (long k = 0; k < n; k++) {
      asciiValue(prop.type(), prop, el, i);
    }
  }

  // ------------------------------------------------------------------------------- ascii helpers

  private void startRecord(String el, long i) throws IOException {
    if (!in.skipBlankLines()) {
      throw new IOException(in.name + ": line " + in.line + ": file ends before " + el + " " + i);
    }
  }

  private void endRecord(String el, long i, PlyHeader.Element e) throws IOException {
    int line = in.line;
    if (!in.endLine()) {
      throw new IOException(in.name + ": line " + line + ": " + el + " " + i + " has more values than the "
          + e.properties().size() + " properties declared on header line " + e.line());
    }
  }

  private double asciiValue(PlyType type, PlyHeader.Property prop, String el, long i) throws IOException {
    if (!type.isFloating()) {
      return asciiInteger(type, prop, el, i);
    }
    String s = nextAsciiToken(prop, el, i);
    try {
      return type == PlyType.FLOAT ? Float.parseFloat(s) : Double.parseDouble(s);
    } catch (NumberFormatException ex) {
      throw badValue(prop, el, i, s, type);
    }
  }

  private long asciiInteger(PlyType type, PlyHeader.Property prop, String el, long i) throws IOException {
    String s = nextAsciiToken(prop, el, i);
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException ex) {
      throw badValue(prop, el, i, s, type);
    }
  }

  private String nextAsciiToken(PlyHeader.Property prop, String el, long i) throws IOException {
    if (!in.nextValue()) {
      throw new IOException(in.name + ": line " + in.line + ": " + el + " " + i + " ends before property '"
          + prop.name() + "'");
    }
    return in.token();
  }

  private IOException badValue(PlyHeader.Property prop, String el, long i, String s, PlyType type) {
    return new IOException(in.name + ": line " + in.line + ": " + el + " " + i + " property '" + prop.name()
        + "': expected " + (type.isFloating() ? "a number" : "an integer") + ", found '" + s + "'");
  }

  // ------------------------------------------------------------------------------------- messages

  private IOException truncated(String el, long i) {
    return new IOException(in.name + ": truncated at byte " + in.size + " while reading " + el + " " + i);
  }

  private String where() {
    return ascii ? "line " + in.line : "byte " + in.offset();
  }
}
