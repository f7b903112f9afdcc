package org.dpface.rigs;

/**
 * One problem found in a rig file.
 *
 * @param source the file name (or other source label) as given to the reader
 * @param path JSONPath-style location of the offending value, e.g. {@code $.cameras[2].resolution.width};
 *     for a missing field, the path the field should have had
 * @param expected what the format requires there, e.g. "an integer > 0"
 * @param found what the file has there, e.g. "-5" or "nothing (required field missing)"
 * @param line 1-based line in the source text, or 0 when unknown (e.g. a description built in code)
 * @param column 1-based column, or 0 when unknown
 */
public record RigProblem(String source, String path, String expected, String found, int line, int column) {

  /**
   * The human-readable message, e.g.
   * {@code rig.json: $.cameras[2].resolution.width: expected an integer > 0, found -5 (line 14, column 20)}.
   */
  public String message() {
    String where = line > 0 ? " (line " + line + ", column " + column + ")" : "";
    return source + ": " + path + ": expected " + expected + ", found " + found + where;
  }

  @Override
  public String toString() {
    return message();
  }
}
