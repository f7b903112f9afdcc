package org.dpface.rigs;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test helpers: the base valid rig text and JSON-pointer edits of rig text. */
final class TestRigs {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private TestRigs() {}

  /** The text of {@code valid-rig.json}. */
  static String validText() {
    try (InputStream in = TestRigs.class.getResourceAsStream("valid-rig.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode tree(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(JsonNode tree) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the value at {@code pointer} (the parent must exist) to the JSON {@code value}. */
  static String set(String text, String pointer, String value) {
    ObjectNode root = tree(text);
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode parent = root.at(p.head());
    JsonNode v = tree("{\"v\": " + value + "}").get("v");
    if (parent instanceof ObjectNode o) {
      o.set(p.last().getMatchingProperty(), v);
    } else {
      ((ArrayNode) parent).set(p.last().getMatchingIndex(), v);
    }
    return text(root);
  }

  /** Removes the member or element at {@code pointer}. */
  static String remove(String text, String pointer) {
    ObjectNode root = tree(text);
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode parent = root.at(p.head());
    if (parent instanceof ObjectNode o) {
      if (o.remove(p.last().getMatchingProperty()) == null) {
        throw new IllegalArgumentException("nothing at " + pointer);
      }
    } else {
      ((ArrayNode) parent).remove(p.last().getMatchingIndex());
    }
    return text(root);
  }

  /** Replaces the single occurrence of {@code from} in {@code text}. */
  static String replaceOnce(String text, String from, String to) {
    int i = text.indexOf(from);
    if (i < 0 || text.indexOf(from, i + 1) >= 0) {
      throw new IllegalArgumentException("not exactly one occurrence of " + from);
    }
    return text.substring(0, i) + to + text.substring(i + from.length());
  }
}
