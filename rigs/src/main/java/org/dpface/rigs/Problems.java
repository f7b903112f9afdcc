package org.dpface.rigs;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects {@link RigProblem}s for one source, attaching line/column from the parse locations. */
final class Problems {
  private static final int MAX_FOUND_CHARS = 60;

  private final String source;
  private final Map<String, JsonLocation> locations;
  private final List<RigProblem> list = new ArrayList<>();

  Problems(String source, Map<String, JsonLocation> locations) {
    this.source = source;
    this.locations = locations;
  }

  String source() {
    return source;
  }

  List<RigProblem> list() {
    return list;
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int size() {
    return list.size();
  }

  /** A problem at {@code path}, located at that path's value in the source. */
  void add(String path, String expected, String found) {
    addAt(path, path, expected, found);
  }

  /** A problem at {@code path}, located at {@code locationPath} (e.g. the parent of a missing field). */
  void addAt(String path, String locationPath, String expected, String found) {
    JsonLocation loc = locations.get(locationPath);
    list.add(loc == null
        ? new RigProblem(source, path, expected, found, 0, 0)
        : new RigProblem(source, path, expected, found, loc.getLineNr(), loc.getColumnNr()));
  }

  /** A problem at {@code path} with an explicit location (parse errors). */
  void addAtLocation(String path, String expected, String found, JsonLocation loc) {
    list.add(new RigProblem(source, path, expected, found,
        loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr()));
  }

  /** Short description of a JSON value for the "found" part of a message. */
  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing (required field missing)";
    }
    if (v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      String s = v.toString();
      return s.length() > MAX_FOUND_CHARS ? s.substring(0, MAX_FOUND_CHARS) + "...\"" : s;
    }
    if (v.isArray()) {
      return "an array of " + v.size() + (v.size() == 1 ? " element" : " elements");
    }
    if (v.isObject()) {
      return "an object";
    }
    return v.toString();
  }
}
