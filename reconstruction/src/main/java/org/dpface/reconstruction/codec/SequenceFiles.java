package org.dpface.reconstruction.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dpface.core.io.AtomicFiles;
import org.dpface.reconstruction.struct.Axis;
import org.dpface.reconstruction.struct.FrameKind;
import org.dpface.reconstruction.struct.FrameRole;
import org.dpface.reconstruction.struct.SequenceDescription;

/**
 * Reads and writes {@link SequenceDescription}s as JSON:
 *
 * <pre>{@code
 * { "format": "dpface-sl-sequence", "version": 1,
 *   "projector": { "width": 1024, "height": 768 },
 *   "frames": [ { "type": "white" }, { "type": "black" },
 *               { "type": "gray", "axis": "x", "bit": 9 }, { "type": "grayInverse", "axis": "x", "bit": 9 },
 *               { "type": "phase", "axis": "x", "step": 0, "steps": 4, "periodPx": 16.0, "shiftRad": 0.0 } ] }
 * }</pre>
 *
 * An optional top-level {@code "description"} string is allowed; any other unknown field is an error.
 * {@code shiftRad} defaults to {@code 2 pi step / steps}. Every error names the source (file) and the
 * JSON path, e.g. {@code seq.json: $.frames[3].bit: expected an integer, found "x"}.
 */
public final class SequenceFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<String> ROOT = Set.of("format", "version", "description", "projector", "frames");
  private static final Set<String> PROJECTOR = Set.of("width", "height");
  private static final Set<String> FRAME = Set.of("type", "axis", "bit", "step", "steps", "periodPx", "shiftRad");

  private SequenceFiles() {}

  /** Reads a sequence file. */
  public static SequenceDescription read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Writes a sequence file atomically. */
  public static void write(Path file, SequenceDescription sequence) throws IOException {
    AtomicFiles.writeString(file, toJson(sequence));
  }

  /** The JSON text of {@code sequence}. */
  public static String toJson(SequenceDescription sequence) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", SequenceDescription.FORMAT);
    root.put("version", SequenceDescription.VERSION);
    ObjectNode proj = root.putObject("projector");
    proj.put("width", sequence.projectorWidth());
    proj.put("height", sequence.projectorHeight());
    ArrayNode frames = root.putArray("frames");
    for (FrameRole r : sequence.frames()) {
      ObjectNode f = frames.addObject();
      f.put("type", r.kind().jsonName());
      if (r.axis() != null) {
        f.put("axis", r.axis().jsonName());
      }
      if (r.kind() == FrameKind.GRAY || r.kind() == FrameKind.GRAY_INVERSE) {
        f.put("bit", r.bit());
      } else if (r.kind() == FrameKind.PHASE) {
        f.put("step", r.step());
        f.put("steps", r.steps());
        f.put("periodPx", r.periodPx());
        f.put("shiftRad", r.shiftRad());
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Parses JSON text; {@code source} names it in error messages. */
  public static SequenceDescription parse(String json, String source) throws SequenceFormatException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SequenceFormatException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    String src = source + ": ";
    ObjectNode obj = object(root, "$", src, ROOT);
    String format = text(obj, "format", "$", src);
    if (!SequenceDescription.FORMAT.equals(format)) {
      throw new SequenceFormatException(src + "$.format: expected \"" + SequenceDescription.FORMAT + "\", found \""
          + format + "\"");
    }
    int version = integer(obj, "version", "$", src, true, 0);
    if (version != SequenceDescription.VERSION) {
      throw new SequenceFormatException(src + "$.version: unsupported version " + version + " (this reader knows "
          + SequenceDescription.VERSION + ")");
    }
    if (obj.has("description") && !obj.get("description").isTextual()) {
      throw new SequenceFormatException(src + "$.description: expected a string, found " + describe(obj.get("description")));
    }
    ObjectNode proj = object(obj.get("projector"), "$.projector", src, PROJECTOR);
    int width = integer(proj, "width", "$.projector", src, true, 0);
    int height = integer(proj, "height", "$.projector", src, true, 0);
    JsonNode framesNode = obj.get("frames");
    if (!(framesNode instanceof ArrayNode arr)) {
      throw new SequenceFormatException(src + "$.frames: expected an array, found " + describe(framesNode));
    }
    List<FrameRole> frames = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      frames.add(frame(arr.get(i), "$.frames[" + i + "]", src));
    }
    try {
      return new SequenceDescription(width, height, frames);
    } catch (IllegalArgumentException e) {
      throw new SequenceFormatException(src + e.getMessage(), e);
    }
  }

  private static FrameRole frame(JsonNode node, String path, String src) throws SequenceFormatException {
    ObjectNode f = object(node, path, src, FRAME);
    String typeName = text(f, "type", path, src);
    FrameKind kind = FrameKind.fromJson(typeName);
    if (kind == null) {
      throw new SequenceFormatException(src + path + ".type: expected one of white, black, gray, grayInverse, phase;"
          + " found \"" + typeName + "\"");
    }
    Axis axis = null;
    if (kind != FrameKind.WHITE && kind != FrameKind.BLACK) {
      String axisName = text(f, "axis", path, src);
      axis = Axis.fromJson(axisName);
      if (axis == null) {
        throw new SequenceFormatException(src + path + ".axis: expected \"x\" or \"y\", found \"" + axisName + "\"");
      }
    }
    for (String key : List.of("axis", "bit", "step", "steps", "periodPx", "shiftRad")) {
      boolean allowed = switch (kind) {
        case WHITE, BLACK -> false;
        case GRAY, GRAY_INVERSE -> key.equals("axis") || key.equals("bit");
        case PHASE -> !key.equals("bit");
      };
      if (!allowed && f.has(key)) {
        throw new SequenceFormatException(src + path + "." + key + ": not a field of a " + typeName + " frame");
      }
    }
    try {
      return switch (kind) {
        case WHITE -> FrameRole.white();
        case BLACK -> FrameRole.black();
        case GRAY -> FrameRole.gray(axis, integer(f, "bit", path, src, true, 0));
        case GRAY_INVERSE -> FrameRole.grayInverse(axis, integer(f, "bit", path, src, true, 0));
        case PHASE -> {
          int step = integer(f, "step", path, src, true, 0);
          int steps = integer(f, "steps", path, src, true, 0);
          double period = number(f, "periodPx", path, src, true, 0);
          double shift = number(f, "shiftRad", path, src, false, steps > 0 ? 2 * Math.PI * step / steps : 0);
          yield new FrameRole(FrameKind.PHASE, axis, -1, step, steps, period, shift);
        }
      };
    } catch (IllegalArgumentException e) {
      throw new SequenceFormatException(src + path + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode object(JsonNode v, String path, String src, Set<String> known)
      throws SequenceFormatException {
    if (!(v instanceof ObjectNode obj)) {
      throw new SequenceFormatException(src + path + ": expected an object, found " + describe(v));
    }
    for (var e : obj.properties()) {
      if (!known.contains(e.getKey())) {
        throw new SequenceFormatException(src + path + "." + e.getKey() + ": unknown field (known: "
            + known.stream().sorted().toList() + ")");
      }
    }
    return obj;
  }

  private static String text(ObjectNode obj, String key, String path, String src) throws SequenceFormatException {
    JsonNode v = obj.get(key);
    if (v == null || !v.isTextual()) {
      throw new SequenceFormatException(src + path + "." + key + ": expected a string, found " + describe(v));
    }
    return v.asText();
  }

  private static int integer(ObjectNode obj, String key, String path, String src, boolean required, int dflt)
      throws SequenceFormatException {
    JsonNode v = obj.get(key);
    if (v == null && !required) {
      return dflt;
    }
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new SequenceFormatException(src + path + "." + key + ": expected an integer, found " + describe(v));
    }
    return v.intValue();
  }

  private static double number(ObjectNode obj, String key, String path, String src, boolean required, double dflt)
      throws SequenceFormatException {
    JsonNode v = obj.get(key);
    if (v == null && !required) {
      return dflt;
    }
    if (v == null || !v.isNumber()) {
      throw new SequenceFormatException(src + path + "." + key + ": expected a number, found " + describe(v));
    }
    return v.doubleValue();
  }

  private static String describe(JsonNode v) {
    if (v == null) {
      return "nothing (required field missing)";
    }
    String s = v.toString();
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
