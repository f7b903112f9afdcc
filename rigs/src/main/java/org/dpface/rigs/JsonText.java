package org.dpface.rigs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Compact pretty printing of a JSON tree for hand-readable rig files: a container that fits on one
 * line of at most {@link #WIDTH} characters (after indentation) is written inline, otherwise one
 * member per line with two-space indentation. Scalars use Jackson's own JSON rendering.
 */
final class JsonText {
  static final int WIDTH = 100;

  private JsonText() {}

  static String write(JsonNode root) {
    StringBuilder sb = new StringBuilder();
    write(root, 0, sb, true);
    return sb.append('\n').toString();
  }

  private static void write(JsonNode n, int indent, StringBuilder sb, boolean forceMultiline) {
    if (!n.isContainerNode()) {
      sb.append(n.toString());
      return;
    }
    if (n.isEmpty()) {
      sb.append(n.isObject() ? "{}" : "[]");
      return;
    }
    if (!forceMultiline) {
      String inline = inline(n);
      if (indent * 2 + inline.length() <= WIDTH) {
        sb.append(inline);
        return;
      }
    }
    String pad = "  ".repeat(indent + 1);
    sb.append(n.isObject() ? "{\n" : "[\n");
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        sb.append(pad).append(TextNode.valueOf(e.getKey())).append(": ");
        write(e.getValue(), indent + 1, sb, false);
        sb.append(it.hasNext() ? ",\n" : "\n");
      }
    } else {
      for (int i = 0; i < n.size(); i++) {
        sb.append(pad);
        write(n.get(i), indent + 1, sb, false);
        sb.append(i + 1 < n.size() ? ",\n" : "\n");
      }
    }
    sb.append("  ".repeat(indent)).append(n.isObject() ? '}' : ']');
  }

  private static String inline(JsonNode n) {
    if (!n.isContainerNode()) {
      return n.toString();
    }
    StringBuilder sb = new StringBuilder(n.isObject() ? "{" : "[");
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        sb.append(TextNode.valueOf(e.getKey())).append(": ")
            .append(inline(e.getValue()));
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
    } else {
      for (int i = 0; i < n.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(inline(n.get(i)));
      }
    }
    return sb.append(n.isObject() ? '}' : ']').toString();
  }
}
