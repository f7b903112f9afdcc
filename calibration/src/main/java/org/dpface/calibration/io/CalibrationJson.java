package org.dpface.calibration.io;

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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.io.AtomicFiles;

/**
 * Writes and reads {@code calibration.json} (format {@value #FORMAT}, version {@value #VERSION}).
 *
 * <p>Layout (lengths mm, pixels with integer coordinates at pixel centres, rotations row-major):
 *
 * <pre>
 * { "format": "dpface-calibration", "version": 1, "rigId": "...", "date": "2025-01-01T00:00:00Z",
 *   "devices": [ { "id": "cam0", "kind": "camera",
 *       "model": { "width", "height", "fx", "fy", "cx", "cy", "distortion": [k1 k2 p1 p2 k3 k4 k5 k6] },
 *       "rigToDevice": { "rotation": [9], "translationMm": [3] },
 *       "rmsPx": 0.25,
 *       "views": [ { "source", "rmsPx", "maxErrorPx", "corners", "outlier",
 *                    "boardToDevice": { "rotation": [9], "translationMm": [3] } } ],
 *       "dpCoefficients": { "a", "b", "residualPx", "samples" } } ],
 *   "inputs": [ { "source", "device", "board", "used", "note" } ] }
 * </pre>
 *
 * {@code dpCoefficients} (DP disparity d = a / Z + b, px and mm) is optional: written only for a camera
 * whose DP coefficients are calibrated; files without it read as before (still version 1).
 *
 * <p>Doubles are written in shortest round-trip form, so a file reads back to equal values. Writes are
 * atomic ({@link AtomicFiles}). The reader rejects another format or version and names any missing or
 * malformed field by its JSON path.
 */
public final class CalibrationJson {
  public static final String FORMAT = "dpface-calibration";
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CalibrationJson() {}

  /** Atomically writes {@code file}. */
  public static void write(Path file, CalibrationFile cal) throws IOException {
    AtomicFiles.writeString(file, toJson(cal));
  }

  /** Reads {@code file}. */
  public static CalibrationFile read(Path file) throws IOException {
    return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** The JSON text. */
  public static String toJson(CalibrationFile cal) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("rigId", cal.rigId());
    root.put("date", cal.date().toString());
    ArrayNode devices = root.putArray("devices");
    for (DeviceCalibration d : cal.devices()) {
      ObjectNode dn = devices.addObject();
      dn.put("id", d.id());
      dn.put("kind", d.kind().fileName());
      ObjectNode m = dn.putObject("model");
      CameraModel c = d.model();
      m.put("width", c.width());
      m.put("height", c.height());
      m.put("fx", c.fx());
      m.put("fy", c.fy());
      m.put("cx", c.cx());
      m.put("cy", c.cy());
      ArrayNode dist = m.putArray("distortion");
      for (double v : c.distortion()) {
        dist.add(v);
      }
      putTransform(dn.putObject("rigToDevice"), d.rigToDevice());
      dn.put("rmsPx", d.rmsPx());
      ArrayNode views = dn.putArray("views");
      for (ViewResult v : d.views()) {
        ObjectNode vn = views.addObject();
        vn.put("source", v.source());
        vn.put("rmsPx", v.rmsPx());
        vn.put("maxErrorPx", v.maxErrorPx());
        vn.put("corners", v.corners());
        vn.put("outlier", v.outlier());
        putTransform(vn.putObject("boardToDevice"), v.boardToCamera());
      }
      if (d.dpCoefficients() != null) {
        DpCoefficients dp = d.dpCoefficients();
        ObjectNode dpn = dn.putObject("dpCoefficients");
        dpn.put("a", dp.a());
        dpn.put("b", dp.b());
        dpn.put("residualPx", dp.residualPx());
        dpn.put("samples", dp.samples());
      }
    }
    ArrayNode inputs = root.putArray("inputs");
    for (CalibrationInput in : cal.inputs()) {
      ObjectNode n = inputs.addObject();
      n.put("source", in.source());
      n.put("device", in.device());
      n.put("board", in.board());
      n.put("used", in.used());
      if (in.note() == null) {
        n.putNull("note");
      } else {
        n.put("note", in.note());
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /**
   * Parses JSON text.
   *
   * @param name used in error messages
   * @throws IOException on malformed JSON, another format or version, or a missing/invalid field
   */
  public static CalibrationFile fromJson(String text, String name) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IOException(name + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    try {
      String format = text(root, "format", "");
      if (!FORMAT.equals(format)) {
        throw new IllegalArgumentException("format is '" + format + "', expected '" + FORMAT + "'");
      }
      int version = integer(root, "version", "");
      if (version != VERSION) {
        throw new IllegalArgumentException("version " + version + " not supported (this reader knows " + VERSION + ")");
      }
      String rigId = text(root, "rigId", "");
      Instant date;
      try {
        date = Instant.parse(text(root, "date", ""));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("date is not an ISO-8601 instant: " + e.getParsedString(), e);
      }
      List<DeviceCalibration> devices = new ArrayList<>();
      JsonNode dArr = array(root, "devices", "");
      for (int i = 0; i < dArr.size(); i++) {
        devices.add(device(dArr.get(i), "devices[" + i + "]"));
      }
      List<CalibrationInput> inputs = new ArrayList<>();
      JsonNode iArr = array(root, "inputs", "");
      for (int i = 0; i < iArr.size(); i++) {
        JsonNode n = iArr.get(i);
        String p = "inputs[" + i + "]";
        JsonNode note = n.get("note");
        inputs.add(new CalibrationInput(text(n, "source", p), text(n, "device", p), text(n, "board", p),
            bool(n, "used", p), note == null || note.isNull() ? null : note.asText()));
      }
      return new CalibrationFile(rigId, date, devices, inputs);
    } catch (IllegalArgumentException e) {
      throw new IOException(name + ": " + e.getMessage(), e);
    }
  }

  private static DeviceCalibration device(JsonNode n, String p) {
    String id = text(n, "id", p);
    DeviceCalibration.Kind kind = DeviceCalibration.Kind.fromFileName(text(n, "kind", p));
    JsonNode m = object(n, "model", p);
    String mp = p + ".model";
    double[] dist = doubles(m, "distortion", mp, -1);
    CameraModel model;
    try {
      model = new CameraModel(integer(m, "width", mp), integer(m, "height", mp), number(m, "fx", mp),
          number(m, "fy", mp), number(m, "cx", mp), number(m, "cy", mp), dist);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(mp + ": " + e.getMessage(), e);
    }
    RigidTransform rigToDevice = transform(object(n, "rigToDevice", p), p + ".rigToDevice");
    List<ViewResult> views = new ArrayList<>();
    JsonNode vArr = array(n, "views", p);
    for (int i = 0; i < vArr.size(); i++) {
      JsonNode v = vArr.get(i);
      String vp = p + ".views[" + i + "]";
      views.add(new ViewResult(text(v, "source", vp), transform(object(v, "boardToDevice", vp), vp + ".boardToDevice"),
          number(v, "rmsPx", vp), number(v, "maxErrorPx", vp), integer(v, "corners", vp), bool(v, "outlier", vp)));
    }
    DpCoefficients dp = null;
    JsonNode dpn = n.get("dpCoefficients");
    if (dpn != null && !dpn.isNull()) {
      String dp0 = p + ".dpCoefficients";
      JsonNode o = object(n, "dpCoefficients", p);
      double a = number(o, "a", dp0);
      double b = number(o, "b", dp0);
      double residual = number(o, "residualPx", dp0);
      int samples = integer(o, "samples", dp0);
      try {
        dp = new DpCoefficients(a, b, residual, samples);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(dp0 + ": " + e.getMessage(), e);
      }
    }
    double rms = number(n, "rmsPx", p);
    try {
      return new DeviceCalibration(id, kind, model, rigToDevice, rms, views, dp);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
    }
  }

  private static void putTransform(ObjectNode n, RigidTransform t) {
    ArrayNode r = n.putArray("rotation");
    for (double v : t.rotation()) {
      r.add(v);
    }
    ArrayNode tr = n.putArray("translationMm");
    for (double v : t.translation()) {
      tr.add(v);
    }
  }

  private static RigidTransform transform(JsonNode n, String p) {
    double[] r = doubles(n, "rotation", p, 9);
    double[] t = doubles(n, "translationMm", p, 3);
    try {
      return RigidTransform.of(r, t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(p + ".rotation: " + e.getMessage(), e);
    }
  }

  private static JsonNode field(JsonNode n, String key, String p) {
    JsonNode v = n == null ? null : n.get(key);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field " + join(p, key));
    }
    return v;
  }

  private static String join(String p, String key) {
    return p.isEmpty() ? key : p + "." + key;
  }

  private static String text(JsonNode n, String key, String p) {
    JsonNode v = field(n, key, p);
    if (!v.isTextual()) {
      throw new IllegalArgumentException(join(p, key) + " must be a string");
    }
    return v.asText();
  }

  private static double number(JsonNode n, String key, String p) {
    JsonNode v = field(n, key, p);
    if (!v.isNumber()) {
      throw new IllegalArgumentException(join(p, key) + " must be a number");
    }
    return v.asDouble();
  }

  private static int integer(JsonNode n, String key, String p) {
    JsonNode v = field(n, key, p);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(join(p, key) + " must be an integer");
    }
    return v.asInt();
  }

  private static boolean bool(JsonNode n, String key, String p) {
    JsonNode v = field(n, key, p);
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(join(p, key) + " must be true or false");
    }
    return v.asBoolean();
  }

  private static JsonNode object(JsonNode n, String key, String p) {
    JsonNode v = field(n, key, p);
    if (!v.isObject()) {
      throw new IllegalArgumentException(join(p, key) + " must be an object");
    }
    return v;
  }

  private static JsonNode array(JsonNode n, String key, String p) {
    JsonNode v = field(n, key, p);
    if (!v.isArray()) {
      throw new IllegalArgumentException(join(p, key) + " must be an array");
    }
    return v;
  }

  /** Numbers of an array field; {@code length} < 0 accepts any length. */
  private static double[] doubles(JsonNode n, String key, String p, int length) {
    JsonNode v = array(n, key, p);
    if (length >= 0 && v.size() != length) {
      throw new IllegalArgumentException(join(p, key) + " must have " + length + " numbers, has " + v.size());
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isNumber()) {
        throw new IllegalArgumentException(join(p, key) + "[" + i + "] must be a number");
      }
      out[i] = v.get(i).asDouble();
    }
    return out;
  }
}
