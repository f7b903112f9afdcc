package org.dpface.rigs;

import java.util.regex.Pattern;

/** Builds JSONPath-style locations: {@code $}, {@code $.cameras[2].lens}, {@code $.settings['odd key']}. */
final class JsonPaths {
  static final String ROOT = "$";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private JsonPaths() {}

  static String field(String parent, String key) {
    if (IDENTIFIER.matcher(key).matches()) {
      return parent + "." + key;
    }
    return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }
}
