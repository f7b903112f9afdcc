package org.dpface.rigs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses JSON (with {@code //} and {@code /* *}{@code /} comments allowed) into a Jackson tree while
 * recording, for every JSONPath, where its value (for object members: its key) starts in the text, so
 * later validation problems can name line and column. Duplicate keys are reported (the first value is
 * kept). A syntax error is reported as one problem at the path being read, with Jackson's location.
 */
final class LocatedJsonParser {
  static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final Map<String, JsonLocation> locations = new HashMap<>();
  private Problems problems;
  private String currentPath = JsonPaths.ROOT;

  /** Locations by path (filled by {@link #parse}). */
  Map<String, JsonLocation> locations() {
    return locations;
  }

  /**
   * Parses {@code in}. Returns the root node, or null after a syntax error (reported to
   * {@code problems}, which must share {@link #locations()}).
   */
  JsonNode parse(Reader in, Problems problems) throws IOException {
    this.problems = problems;
    try (JsonParser p = FACTORY.createParser(in)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        problems.addAtLocation(JsonPaths.ROOT, "a JSON object", "an empty file", p.currentLocation());
        return null;
      }
      JsonNode root = readValue(p, JsonPaths.ROOT);
      currentPath = JsonPaths.ROOT;
      JsonToken after = p.nextToken();
      if (after != null) {
        problems.addAtLocation(JsonPaths.ROOT, "the end of the file after the top-level value",
            "more content (" + after.asString() + ")", p.currentTokenLocation());
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      problems.addAtLocation(currentPath, "valid JSON", "a syntax error: " + firstLine(e.getOriginalMessage()),
          e.getLocation());
      return null;
    }
  }

  private JsonNode readValue(JsonParser p, String path) throws IOException {
    currentPath = path;
    locations.putIfAbsent(path, p.currentTokenLocation());
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        ObjectNode obj = nodes.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          String childPath = JsonPaths.field(path, key);
          JsonLocation keyLoc = p.currentTokenLocation();
          boolean duplicate = obj.has(key);
          if (duplicate) {
            problems.addAtLocation(childPath, "each field at most once", "a duplicate field \"" + key + "\"", keyLoc);
          } else {
            locations.put(childPath, keyLoc);
          }
          p.nextToken();
          JsonNode value = readValue(p, childPath);
          if (!duplicate) {
            obj.set(key, value);
          }
          currentPath = path;
        }
        return obj;
      }
      case START_ARRAY -> {
        ArrayNode arr = nodes.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          arr.add(readValue(p, JsonPaths.index(path, i++)));
          currentPath = path;
        }
        return arr;
      }
      case VALUE_STRING -> {
        return nodes.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> nodes.numberNode(p.getIntValue());
          case LONG -> nodes.numberNode(p.getLongValue());
          default -> nodes.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return nodes.numberNode(p.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return nodes.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return nodes.booleanNode(false);
      }
      case VALUE_NULL -> {
        return nodes.nullNode();
      }
      default -> throw new IllegalStateException("unexpected token " + t + " at " + path);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
