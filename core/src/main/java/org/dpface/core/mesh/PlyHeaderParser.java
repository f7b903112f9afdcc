package org.dpface.core.mesh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses a PLY header line by line; every error names the file and the 1-based header line. */
final class PlyHeaderParser {
  private PlyHeaderParser() {}

  static PlyHeader parse(PlyInput in) throws IOException {
    String first = in.readLine();
    if (first == null || !first.equals("ply")) {
      throw new IOException(in.name + ": header line 1: expected 'ply', found " + quote(first));
    }
    String formatLine = in.readLine();
    int formatLineNo = 2;
    PlyFormat format = parseFormat(in, formatLine, formatLineNo);
    List<String> comments = new ArrayList<>();
    List<PlyHeader.Element> elements = new ArrayList<>();
    String name = null;
    long count = 0;
    int elementLine = 0;
    List<PlyHeader.Property> props = null;
    while (true) {
      int lineNo = in.line;
      String line = in.readLine();
      if (line == null) {
        throw new IOException(in.name + ": header ends at byte " + in.size + " (line " + lineNo
            + ") without 'end_header'");
      }
      String[] w = line.strip().split("[ \t]+");
      switch (w[0]) {
        case "comment" -> comments.add(line.strip().length() > 7 ? line.strip().substring(8) : "");
        case "obj_info", "" -> {
          // free text / blank line: ignored
        }
        case "element" -> {
          if (w.length != 3) {
            throw error(in, lineNo, "expected 'element <name> <count>', found " + quote(line));
          }
          if (name != null) {
            elements.add(new PlyHeader.Element(name, count, props, elementLine));
          }
          name = w[1];
          count = parseCount(in, lineNo, w[2]);
          elementLine = lineNo;
          props = new ArrayList<>();
        }
        case "property" -> {
          if (props == null) {
            throw error(in, lineNo, "property before any element");
          }
          PlyHeader.Property p = parseProperty(in, lineNo, w, line);
          for (PlyHeader.Property q : props) {
            if (q.name().equals(p.name())) {
              throw error(in, lineNo, "duplicate property '" + p.name() + "' in element '" + name
                  + "' (first on line " + q.line() + ")");
            }
          }
          props.add(p);
        }
        case "end_header" -> {
          if (name != null) {
            elements.add(new PlyHeader.Element(name, count, props, elementLine));
          }
          return new PlyHeader(format, comments, elements, lineNo, in.offset());
        }
        case "format" -> throw error(in, lineNo, "second 'format' line");
        default -> throw error(in, lineNo, "unknown keyword '" + w[0] + "'");
      }
    }
  }

  private static PlyFormat parseFormat(PlyInput in, String line, int lineNo) throws IOException {
    String expected = "expected 'format <ascii|binary_little_endian|binary_big_endian> 1.0'";
    if (line == null) {
      throw error(in, lineNo, expected + ", found the end of the file");
    }
    String[] w = line.strip().split("[ \t]+");
    if (w.length != 3 || !w[0].equals("format")) {
      throw error(in, lineNo, expected + ", found " + quote(line));
    }
    PlyFormat f = PlyFormat.fromHeaderName(w[1]);
    if (f == null) {
      throw error(in, lineNo, "unknown format '" + w[1] + "'; " + expected);
    }
    if (!w[2].equals("1.0")) {
      throw error(in, lineNo, "unsupported PLY version '" + w[2] + "', expected 1.0");
    }
    return f;
  }

  private static long parseCount(PlyInput in, int lineNo, String s) throws IOException {
    try {
      long c = Long.parseLong(s);
      if (c >= 0) {
        return c;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(in, lineNo, "element count '" + s + "' is not a non-negative integer");
  }

  private static PlyHeader.Property parseProperty(PlyInput in, int lineNo, String[] w, String line)
      throws IOException {
    if (w.length >= 2 && w[1].equals("list")) {
      if (w.length != 5) {
        throw error(in, lineNo,
            "expected 'property list <count type> <item type> <name>', found " + quote(line));
      }
      PlyType countType = type(in, lineNo, w[2]);
      PlyType itemType = type(in, lineNo, w[3]);
      if (countType.isFloating()) {
        throw error(in, lineNo, "list count type must be an integer type, found '" + w[2] + "'");
      }
      return new PlyHeader.Property(w[4], itemType, countType, lineNo);
    }
    if (w.length != 3) {
      throw error(in, lineNo, "expected 'property <type> <name>', found " + quote(line));
    }
    return new PlyHeader.Property(w[2], type(in, lineNo, w[1]), null, lineNo);
  }

  private static PlyType type(PlyInput in, int lineNo, String s) throws IOException {
    PlyType t = PlyType.fromHeaderName(s);
    if (t == null) {
      throw error(in, lineNo, "unknown property type '" + s + "'");
    }
    return t;
  }

  static IOException error(PlyInput in, int lineNo, String what) {
    return new IOException(in.name + ": header line " + lineNo + ": " + what);
  }

  private static String quote(String s) {
    if (s == null) {
      return "the end of the file";
    }
    String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      b.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return b.append('\'').toString();
  }
}
