package org.dpface.core.mesh;

import java.util.List;

/**
 * A parsed PLY header: body format, comments and elements with their properties, in file order.
 *
 * @param format body encoding
 * @param comments text of the {@code comment} lines (without the keyword), in order
 * @param elements elements in the order their records appear in the body
 * @param lineCount number of header lines including {@code ply} and {@code end_header}
 * @param bodyOffset byte offset of the first body byte
 */
public record PlyHeader(
    PlyFormat format, List<String> comments, List<Element> elements, int lineCount, long bodyOffset) {

  /**
   * One {@code element} declaration.
   *
   * @param name element name ({@code vertex}, {@code face}, ...)
   * @param count number of records
   * @param properties properties in record order
   * @param line header line number (1-based) of the declaration
   */
  public record Element(String name, long count, List<Property> properties, int line) {
    /** Index of the property with this name, or -1. */
    public int indexOf(String propertyName) {
      for (int i = 0; i < properties.size(); i++) {
        if (properties.get(i).name().equals(propertyName)) {
          return i;
        }
      }
      return -1;
    }

    /** Bytes per record in a binary body, or -1 when a list property makes it variable. */
    public int fixedRecordBytes() {
      int n = 0;
      for (Property p : properties) {
        if (p.isList()) {
          return -1;
        }
        n += p.type().bytes();
      }
      return n;
    }
  }

  /**
   * One {@code property} declaration.
   *
   * @param name property name
   * @param type scalar type, or the item type of a list
   * @param countType type of a list's length prefix; null for a scalar property
   * @param line header line number (1-based) of the declaration
   */
  public record Property(String name, PlyType type, PlyType countType, int line) {
    public boolean isList() {
      return countType != null;
    }
  }

  public PlyHeader {
    comments = List.copyOf(comments);
    elements = List.copyOf(elements);
  }

  /** The first element with this name, or null. */
  public Element element(String name) {
    for (Element e : elements) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
