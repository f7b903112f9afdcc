package org.dpface.rigs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed, problem-collecting access to the fields of one JSON object at a known path. Every getter
 * returns null when the value is absent or invalid; invalid values and missing required fields are
 * reported to {@link Problems} with the field's path, what was expected and what was found.
 */
final class Fields {
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final String ID_EXPECTED =
      "an id of 1-64 letters, digits, '.', '_' or '-' starting with a letter or digit";
  private static final String MISSING = "nothing (required field missing)";

  final ObjectNode node;
  final String path;
  final Problems problems;

  private Fields(ObjectNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /**
   * Wraps {@code v} if it is an object, reporting any field not in {@code known}; otherwise reports
   * the type problem and returns null.
   */
  static Fields of(JsonNode v, String path, Problems problems, List<String> known) {
    if (!(v instanceof ObjectNode obj)) {
      problems.add(path, "an object", Problems.describe(v));
      return null;
    }
    for (var e : obj.properties()) {
      String key = e.getKey();
      if (!known.contains(key)) {
        problems.add(JsonPaths.field(path, key), "one of the fields " + known, "an unknown field");
      }
    }
    return new Fields(obj, path, problems);
  }

  String path(String key) {
    return JsonPaths.field(path, key);
  }

  boolean has(String key) {
    return node.has(key);
  }

  /** The raw value, or null when absent (reported as missing if {@code required}). */
  JsonNode get(String key, boolean required, String expected) {
    JsonNode v = node.get(key);
    if (v == null && required) {
      problems.addAt(path(key), path, expected, MISSING);
    }
    return v;
  }

  /** Reports that a field present in the file must not be there. */
  void forbid(String key, String reason) {
    if (node.has(key)) {
      problems.add(path(key), "no field \"" + key + "\" (" + reason + ")", Problems.describe(node.get(key)));
    }
  }

  String string(String key, boolean required) {
    String expected = "a string";
    JsonNode v = get(key, required, expected);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      problems.add(path(key), expected, Problems.describe(v));
      return null;
    }
    return v.textValue();
  }

  String nonEmptyString(String key, boolean required) {
    String expected = "a non-empty string";
    JsonNode v = get(key, required, expected);
    if (v == null) {
      return null;
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      problems.add(path(key), expected, Problems.describe(v));
      return null;
    }
    return v.textValue();
  }

  String id(String key) {
    JsonNode v = get(key, true, ID_EXPECTED);
    if (v == null) {
      return null;
    }
    if (!v.isTextual() || !ID.matcher(v.textValue()).matches()) {
      problems.add(path(key), ID_EXPECTED, Problems.describe(v));
      return null;
    }
    return v.textValue();
  }

  Boolean bool(String key, boolean required) {
    String expected = "true or false";
    JsonNode v = get(key, required, expected);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      problems.add(path(key), expected, Problems.describe(v));
      return null;
    }
    return v.booleanValue();
  }

  /** An integer in [min, max]; {@code expected} describes the range for messages. */
  Integer integer(String key, boolean required, long min, long max, String expected) {
    JsonNode v = get(key, required, expected);
    if (v == null) {
      return null;
    }
    return integerValue(v, path(key), min, max, expected, problems);
  }

  static Integer integerValue(JsonNode v, String at, long min, long max, String expected, Problems problems) {
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
      problems.add(at, expected, Problems.describe(v));
      return null;
    }
    return (int) v.longValue();
  }

  /** A finite number satisfying {@code ok}. */
  Double number(String key, boolean required, DoublePredicate ok, String expected) {
    JsonNode v = get(key, required, expected);
    if (v == null) {
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || !ok.test(v.doubleValue())) {
      problems.add(path(key), expected, Problems.describe(v));
      return null;
    }
    return v.doubleValue();
  }

  Double positive(String key, boolean required) {
    return number(key, required, d -> d > 0, "a number > 0");
  }

  <E extends Enum<E>> E enumValue(String key, boolean required, E[] values, Function<E, String> name) {
    StringBuilder sb = new StringBuilder("one of ");
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ", ").append('"').append(name.apply(values[i])).append('"');
    }
    String expected = sb.toString();
    JsonNode v = get(key, required, expected);
    if (v == null) {
      return null;
    }
    if (v.isTextual()) {
      for (E e : values) {
        if (name.apply(e).equals(v.textValue())) {
          return e;
        }
      }
    }
    problems.add(path(key), expected, Problems.describe(v));
    return null;
  }

  /** An array of numbers whose length is one of {@code lengths}. */
  double[] numbers(String key, boolean required, String expected, int... lengths) {
    JsonNode v = get(key, required, expected);
    if (v == null) {
      return null;
    }
    return numbersValue(v, path(key), expected, problems, lengths);
  }

  static double[] numbersValue(JsonNode v, String at, String expected, Problems problems, int... lengths) {
    boolean okLength = false;
    for (int n : lengths) {
      okLength |= v.isArray() && v.size() == n;
    }
    if (!okLength) {
      problems.add(at, expected, Problems.describe(v));
      return null;
    }
    double[] out = new double[v.size()];
    boolean ok = true;
    for (int i = 0; i < out.length; i++) {
      JsonNode e = v.get(i);
      if (!e.isNumber() || !Double.isFinite(e.doubleValue())) {
        problems.add(JsonPaths.index(at, i), "a number", Problems.describe(e));
        ok = false;
      } else {
        out[i] = e.doubleValue();
      }
    }
    return ok ? out : null;
  }

  Vec3 vec3(String key, boolean required) {
    double[] a = numbers(key, required, "an array of 3 numbers", 3);
    return a == null ? null : Vec3.of(a);
  }

  /** An array (possibly empty unless {@code nonEmpty}); null when absent or not an array. */
  JsonNode array(String key, boolean required, boolean nonEmpty) {
    String expected = nonEmpty ? "a non-empty array" : "an array";
    JsonNode v = get(key, required, expected);
    if (v == null) {
      return null;
    }
    if (!v.isArray() || (nonEmpty && v.isEmpty())) {
      problems.add(path(key), expected, Problems.describe(v));
      return null;
    }
    return v;
  }
}
