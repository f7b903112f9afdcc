package org.dpface.core.mesh;

import java.nio.ByteOrder;

/** Body encodings of a PLY file (Turk, "The PLY Polygon File Format", 1994). */
public enum PlyFormat {
  ASCII("ascii", null),
  BINARY_LITTLE_ENDIAN("binary_little_endian", ByteOrder.LITTLE_ENDIAN),
  BINARY_BIG_ENDIAN("binary_big_endian", ByteOrder.BIG_ENDIAN);

  private final String headerName;
  private final ByteOrder order;

  PlyFormat(String headerName, ByteOrder order) {
    this.headerName = headerName;
    this.order = order;
  }

  /** The word used on the header's {@code format} line. */
  public String headerName() {
    return headerName;
  }

  /** Byte order of a binary body; null for ASCII. */
  public ByteOrder byteOrder() {
    return order;
  }

  /** The format with this header word, or null. */
  public static PlyFormat fromHeaderName(String name) {
    for (PlyFormat f : values()) {
      if (f.headerName.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
