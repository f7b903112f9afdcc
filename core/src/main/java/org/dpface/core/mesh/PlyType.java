package org.dpface.core.mesh;

import java.nio.ByteBuffer;

/** Scalar types of PLY properties, with both the classic and the sized names. */
public enum PlyType {
  CHAR("char", "int8", 1, false),
  UCHAR("uchar", "uint8", 1, false),
  SHORT("short", "int16", 2, false),
  USHORT("ushort", "uint16", 2, false),
  INT("int", "int32", 4, false),
  UINT("uint", "uint32", 4, false),
  FLOAT("float", "float32", 4, true),
  DOUBLE("double", "float64", 8, true);

  private final String name;
  private final String sizedName;
  private final int bytes;
  private final boolean floating;

  PlyType(String name, String sizedName, int bytes, boolean floating) {
    this.name = name;
    this.sizedName = sizedName;
    this.bytes = bytes;
    this.floating = floating;
  }

  /** Classic header name ({@code uchar}, {@code float}, ...). */
  public String headerName() {
    return name;
  }

  /** Size in a binary body. */
  public int bytes() {
    return bytes;
  }

  /** True for float and double. */
  public boolean isFloating() {
    return floating;
  }

  /** The type with this header name (classic or sized, e.g. {@code uchar} or {@code uint8}), or null. */
  public static PlyType fromHeaderName(String s) {
    for (PlyType t : values()) {
      if (t.name.equals(s) || t.sizedName.equals(s)) {
        return t;
      }
    }
    return null;
  }

  /** Reads one binary value at the buffer's position (in the buffer's byte order) as a double. */
  double read(ByteBuffer b) {
    return switch (this) {
      case FLOAT -> b.getFloat();
      case DOUBLE -> b.getDouble();
      default -> readInteger(b);
    };
  }

  /** Reads one binary integer value (an integer type) as a long. */
  long readInteger(ByteBuffer b) {
    return switch (this) {
      case CHAR -> b.get();
      case UCHAR -> b.get() & 0xFF;
      case SHORT -> b.getShort();
      case USHORT -> b.getShort() & 0xFFFF;
      case INT -> b.getInt();
      case UINT -> b.getInt() & 0xFFFFFFFFL;
      case FLOAT, DOUBLE -> throw new IllegalStateException(name + " is not an integer type");
    };
  }
}
