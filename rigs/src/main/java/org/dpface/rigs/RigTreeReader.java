package org.dpface.rigs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.dpface.core.geom.Rotations;

/**
 * Maps a parsed rig-file tree to a {@link RigDescription}, checking every field (type, range, known
 * names, required presence) and then the cross references ({@link RigCrossChecks}). All problems are
 * collected; the description is built only when there are none.
 *
 * <p>Algorithm overview: check {@code format} and {@code version} first (a wrong format or an
 * unsupported version stops there, since nothing else can be interpreted); walk the tree in document
 * order reading each object with {@link Fields}; remember every readable device id and channel
 * mapping; run the cross-reference checks on those even when other fields failed.
 */
final class RigTreeReader {
  /** Tolerance on |R Rᵀ − I| and |det R − 1| for a rotation given as a matrix. */
  static final double ROTATION_TOL = 1e-6;

  /** Tolerance on |‖d‖ − 1| for a light direction. */
  static final double UNIT_TOL = 1e-3;

  static final List<String> ROOT = List.of("format", "version", "id", "description", "worldFrame",
      "nominalGeometry", "cameras", "projectors", "lights", "triggerBoard");
  static final List<String> CAMERA = List.of("id", "model", "resolution", "pixelPitchUm", "lens",
      "dualPixel", "intrinsics", "driver", "cameraToWorld");
  static final List<String> PROJECTOR = List.of("id", "model", "resolution", "intrinsics",
      "throwRatio", "driver", "projectorToWorld");
  static final List<String> LIGHT = List.of("id", "type", "directionToLight", "positionMm", "driver");
  static final List<String> RESOLUTION = List.of("width", "height");
  static final List<String> LENS = List.of("focalLengthMm", "fNumber", "focusDistanceMm");
  static final List<String> DUAL_PIXEL = List.of("present", "splitAxis");
  static final List<String> INTRINSICS = List.of("fx", "fy", "cx", "cy", "distortion");
  static final List<String> DRIVER = List.of("type", "settings");
  static final List<String> POSE = List.of("rodrigues", "rotation", "translationMm");
  static final List<String> TRIGGER = List.of("driver", "port", "baud", "channelCount", "channels");
  static final List<String> CHANNEL = List.of("channel", "target", "action");
  static final List<String> GEOMETRY = List.of("subjectCentreMm", "subjectDiameterMm");

  private static final String DISTORTION_EXPECTED =
      "an array of 0, 4, 5 or 8 numbers (k1 k2 p1 p2 [k3 [k4 k5 k6]])";

  private final Problems problems;
  private final RigCrossChecks cross;

  RigTreeReader(Problems problems) {
    this.problems = problems;
    this.cross = new RigCrossChecks(problems);
  }

  /** Reads the whole description; null when any problem was found. */
  RigDescription read(JsonNode root) {
    Fields f = Fields.of(root, JsonPaths.ROOT, problems, ROOT);
    if (f == null) {
      return null;
    }
    if (!readHeader(f)) {
      return null;
    }
    String id = f.id("id");
    String description = f.string("description", false);
    String worldFrame = f.string("worldFrame", false);
    NominalGeometry geometry = readGeometry(f.get("nominalGeometry", true, "an object"), f.path("nominalGeometry"));
    List<CameraSpec> cameras = readList(f.array("cameras", true, true), f.path("cameras"), this::readCamera);
    List<ProjectorSpec> projectors = readList(f.array("projectors", false, false), f.path("projectors"), this::readProjector);
    List<LightSpec> lights = readList(f.array("lights", false, false), f.path("lights"), this::readLight);
    TriggerBoardSpec trigger = readTrigger(f.get("triggerBoard", true, "an object"), f.path("triggerBoard"));
    cross.check();
    if (!problems.isEmpty()) {
      return null;
    }
    return new RigDescription(id, description == null ? "" : description,
        worldFrame == null ? RigDescription.DEFAULT_WORLD_FRAME : worldFrame,
        cameras, projectors, lights, trigger, geometry);
  }

  private boolean readHeader(Fields f) {
    int before = problems.size();
    String formatExpected = "\"" + RigDescription.FORMAT + "\"";
    JsonNode format = f.get("format", true, formatExpected);
    if (format != null && !(format.isTextual() && format.textValue().equals(RigDescription.FORMAT))) {
      problems.add(f.path("format"), formatExpected, Problems.describe(format));
    }
    String versionExpected = RigDescription.VERSION + " (the only supported version)";
    JsonNode version = f.get("version", true, versionExpected);
    if (version != null && !(version.isIntegralNumber() && version.asLong() == RigDescription.VERSION)) {
      problems.add(f.path("version"), versionExpected, Problems.describe(version));
    }
    return problems.size() == before;
  }

  interface ElementReader<T> {
    T read(JsonNode v, String path);
  }

  /** Reads every element; returns null if the array is absent-and-required or any element failed. */
  private <T> List<T> readList(JsonNode array, String path, ElementReader<T> reader) {
    List<T> out = new ArrayList<>();
    if (array == null) {
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      out.add(reader.read(array.get(i), JsonPaths.index(path, i)));
    }
    return out;
  }

  private CameraSpec readCamera(JsonNode v, String path) {
    Fields f = Fields.of(v, path, problems, CAMERA);
    if (f == null) {
      return null;
    }
    String id = f.id("id");
    cross.declare(id, DeviceKind.CAMERA, f.path("id"));
    String model = f.string("model", true);
    Resolution res = readResolution(f.get("resolution", true, "an object"), f.path("resolution"));
    Double pitch = f.positive("pixelPitchUm", true);
    LensSpec lens = readLens(f.get("lens", true, "an object"), f.path("lens"));
    DualPixelSpec dp = readDualPixel(f.get("dualPixel", true, "an object"), f.path("dualPixel"));
    JsonNode intrV = f.get("intrinsics", false, "an object");
    Intrinsics intr = intrV == null ? null : readIntrinsics(intrV, f.path("intrinsics"));
    DriverSpec driver = readDriver(f.get("driver", true, "an object"), f.path("driver"));
    Pose pose = readPose(f.get("cameraToWorld", true, "an object"), f.path("cameraToWorld"));
    if (id == null || model == null || res == null || pitch == null || lens == null || dp == null
        || (intrV != null && intr == null) || driver == null || pose == null) {
      return null;
    }
    return new CameraSpec(id, model, res, pitch, lens, dp, Optional.ofNullable(intr), driver, pose);
  }

  private ProjectorSpec readProjector(JsonNode v, String path) {
    Fields f = Fields.of(v, path, problems, PROJECTOR);
    if (f == null) {
      return null;
    }
    String id = f.id("id");
    cross.declare(id, DeviceKind.PROJECTOR, f.path("id"));
    String model = f.string("model", true);
    Resolution res = readResolution(f.get("resolution", true, "an object"), f.path("resolution"));
    Intrinsics intr = null;
    Double throwRatio = null;
    boolean optics = true;
    if (f.has("intrinsics") && f.has("throwRatio")) {
      problems.add(f.path("throwRatio"), "only one of \"intrinsics\" and \"throwRatio\"", "both");
      optics = false;
    } else if (f.has("intrinsics")) {
      intr = readIntrinsics(f.get("intrinsics", true, "an object"), f.path("intrinsics"));
      optics = intr != null;
    } else if (f.has("throwRatio")) {
      throwRatio = f.positive("throwRatio", true);
      optics = throwRatio != null;
    } else {
      problems.add(path, "one of \"intrinsics\" or \"throwRatio\"", "neither");
      optics = false;
    }
    DriverSpec driver = readDriver(f.get("driver", true, "an object"), f.path("driver"));
    Pose pose = readPose(f.get("projectorToWorld", true, "an object"), f.path("projectorToWorld"));
    if (id == null || model == null || res == null || !optics || driver == null || pose == null) {
      return null;
    }
    return new ProjectorSpec(id, model, res, Optional.ofNullable(intr),
        throwRatio == null ? OptionalDouble.empty() : OptionalDouble.of(throwRatio), driver, pose);
  }

  private LightSpec readLight(JsonNode v, String path) {
    Fields f = Fields.of(v, path, problems, LIGHT);
    if (f == null) {
      return null;
    }
    String id = f.id("id");
    cross.declare(id, DeviceKind.LIGHT, f.path("id"));
    LightType type = f.enumValue("type", true, LightType.values(), LightType::jsonName);
    Vec3 direction = null;
    Vec3 position = null;
    boolean geometryOk = type != null;
    if (type == LightType.DIRECTIONAL) {
      f.forbid("positionMm", "a directional light has a direction, not a position");
      direction = f.vec3("directionToLight", true);
      if (direction != null && Math.abs(direction.norm() - 1) > UNIT_TOL) {
        problems.add(f.path("directionToLight"), "a unit vector (length 1 ± " + UNIT_TOL + ")",
            "a vector of length " + direction.norm());
        direction = null;
      }
      geometryOk = direction != null && !f.has("positionMm");
    } else if (type == LightType.POINT) {
      f.forbid("directionToLight", "a point light has a position, not a direction");
      position = f.vec3("positionMm", true);
      geometryOk = position != null && !f.has("directionToLight");
    }
    DriverSpec driver = readDriver(f.get("driver", true, "an object"), f.path("driver"));
    if (id == null || !geometryOk || driver == null) {
      return null;
    }
    return new LightSpec(id, type, Optional.ofNullable(direction), Optional.ofNullable(position), driver);
  }

  private Resolution readResolution(JsonNode v, String path) {
    Fields f = v == null ? null : Fields.of(v, path, problems, RESOLUTION);
    if (f == null) {
      return null;
    }
    Integer w = f.integer("width", true, 1, Integer.MAX_VALUE, "an integer > 0");
    Integer h = f.integer("height", true, 1, Integer.MAX_VALUE, "an integer > 0");
    return w == null || h == null ? null : new Resolution(w, h);
  }

  private LensSpec readLens(JsonNode v, String path) {
    Fields f = v == null ? null : Fields.of(v, path, problems, LENS);
    if (f == null) {
      return null;
    }
    Double focal = f.positive("focalLengthMm", true);
    Double fNumber = f.positive("fNumber", true);
    Double focus = f.positive("focusDistanceMm", true);
    if (focal != null && focus != null && !(focus > focal)) {
      problems.add(f.path("focusDistanceMm"),
          "a focus distance > focalLengthMm (" + focal + " mm)", String.valueOf(focus));
      return null;
    }
    return focal == null || fNumber == null || focus == null ? null : new LensSpec(focal, fNumber, focus);
  }

  private DualPixelSpec readDualPixel(JsonNode v, String path) {
    Fields f = v == null ? null : Fields.of(v, path, problems, DUAL_PIXEL);
    if (f == null) {
      return null;
    }
    Boolean present = f.bool("present", true);
    if (present == null) {
      return null;
    }
    if (!present) {
      f.forbid("splitAxis", "dualPixel.present is false");
      return f.has("splitAxis") ? null : DualPixelSpec.none();
    }
    SplitAxis axis = f.enumValue("splitAxis", true, SplitAxis.values(), SplitAxis::jsonName);
    return axis == null ? null : DualPixelSpec.of(axis);
  }

  private Intrinsics readIntrinsics(JsonNode v, String path) {
    Fields f = Fields.of(v, path, problems, INTRINSICS);
    if (f == null) {
      return null;
    }
    Double fx = f.positive("fx", true);
    Double fy = f.positive("fy", true);
    Double cx = f.number("cx", true, d -> true, "a number");
    Double cy = f.number("cy", true, d -> true, "a number");
    double[] dist = f.has("distortion")
        ? f.numbers("distortion", true, DISTORTION_EXPECTED, 0, 4, 5, 8) : new double[0];
    if (fx == null || fy == null || cx == null || cy == null || dist == null) {
      return null;
    }
    return new Intrinsics(fx, fy, cx, cy, dist);
  }

  private DriverSpec readDriver(JsonNode v, String path) {
    Fields f = v == null ? null : Fields.of(v, path, problems, DRIVER);
    if (f == null) {
      return null;
    }
    String type = f.nonEmptyString("type", true);
    JsonNode settings = f.get("settings", false, "an object");
    if (settings != null && !settings.isObject()) {
      problems.add(f.path("settings"), "an object", Problems.describe(settings));
      return null;
    }
    return type == null ? null : new DriverSpec(type, (ObjectNode) settings);
  }

  private Pose readPose(JsonNode v, String path) {
    Fields f = v == null ? null : Fields.of(v, path, problems, POSE);
    if (f == null) {
      return null;
    }
    Vec3 rvec = null;
    if (f.has("rotation") && f.has("rodrigues")) {
      problems.add(f.path("rodrigues"), "only one of \"rotation\" and \"rodrigues\"", "both");
    } else if (f.has("rodrigues")) {
      rvec = f.vec3("rodrigues", true);
    } else if (f.has("rotation")) {
      rvec = readRotationMatrix(f.get("rotation", true, ""), f.path("rotation"));
    } else {
      problems.addAt(path, path,
          "one of \"rotation\" (3x3 matrix, rows) or \"rodrigues\" (axis-angle, rad)", "neither");
    }
    Vec3 t = f.vec3("translationMm", true);
    return rvec == null || t == null ? null : new Pose(rvec, t);
  }

  private Vec3 readRotationMatrix(JsonNode v, String path) {
    String expected = "a 3x3 rotation matrix as an array of 3 rows of 3 numbers";
    if (!v.isArray() || v.size() != 3) {
      problems.add(path, expected, Problems.describe(v));
      return null;
    }
    double[] r = new double[9];
    boolean ok = true;
    for (int i = 0; i < 3; i++) {
      double[] row = Fields.numbersValue(v.get(i), JsonPaths.index(path, i), "a row of 3 numbers", problems, 3);
      if (row == null) {
        ok = false;
      } else {
        System.arraycopy(row, 0, r, 3 * i, 3);
      }
    }
    if (!ok) {
      return null;
    }
    double maxDev = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double dot = r[3 * i] * r[3 * j] + r[3 * i + 1] * r[3 * j + 1] + r[3 * i + 2] * r[3 * j + 2];
        maxDev = Math.max(maxDev, Math.abs(dot - (i == j ? 1 : 0)));
      }
    }
    double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
        + r[2] * (r[3] * r[7] - r[4] * r[6]);
    if (maxDev > ROTATION_TOL || Math.abs(det - 1) > ROTATION_TOL) {
      problems.add(path, "a rotation matrix (orthonormal rows within " + ROTATION_TOL + ", det = +1)",
          "a matrix with max |R Rt - I| = " + (float) maxDev + " and det = " + (float) det);
      return null;
    }
    return Vec3.of(Rotations.matrixToRodrigues(r));
  }

  private TriggerBoardSpec readTrigger(JsonNode v, String path) {
    Fields f = v == null ? null : Fields.of(v, path, problems, TRIGGER);
    if (f == null) {
      return null;
    }
    TriggerDriver driver = f.enumValue("driver", true, TriggerDriver.values(), TriggerDriver::jsonName);
    boolean serial = driver == TriggerDriver.SERIAL;
    String port = f.has("port") || serial ? f.nonEmptyString("port", serial) : null;
    Integer baud = f.has("baud") || serial
        ? f.integer("baud", serial, 1, Integer.MAX_VALUE, "an integer > 0") : null;
    Integer count = f.integer("channelCount", true, 1, Integer.MAX_VALUE, "an integer > 0");
    cross.channelCount(count, f.path("channelCount"));
    JsonNode arr = f.array("channels", true, false);
    List<ChannelMapping> channels = readList(arr, f.path("channels"), this::readChannel);
    boolean ok = driver != null && count != null && arr != null && !channels.contains(null)
        && (!serial || (port != null && baud != null))
        && (f.has("port") == (port != null)) && (f.has("baud") == (baud != null));
    if (!ok) {
      return null;
    }
    return new TriggerBoardSpec(driver, Optional.ofNullable(port),
        baud == null ? OptionalInt.empty() : OptionalInt.of(baud), count, channels);
  }

  private ChannelMapping readChannel(JsonNode v, String path) {
    Fields f = Fields.of(v, path, problems, CHANNEL);
    if (f == null) {
      return null;
    }
    Integer channel = f.integer("channel", true, 0, Integer.MAX_VALUE, "an integer >= 0");
    String target = f.id("target");
    TriggerAction action = f.enumValue("action", true, TriggerAction.values(), TriggerAction::jsonName);
    cross.mapping(channel, target, action, path);
    return channel == null || target == null || action == null ? null : new ChannelMapping(channel, target, action);
  }

  private NominalGeometry readGeometry(JsonNode v, String path) {
    Fields f = v == null ? null : Fields.of(v, path, problems, GEOMETRY);
    if (f == null) {
      return null;
    }
    Vec3 centre = f.vec3("subjectCentreMm", true);
    Double diameter = f.positive("subjectDiameterMm", true);
    return centre == null || diameter == null ? null : new NominalGeometry(centre, diameter);
  }
}
