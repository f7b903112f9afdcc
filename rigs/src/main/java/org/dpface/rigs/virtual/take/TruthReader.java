package org.dpface.rigs.virtual.take;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.io.NpyFiles;
import org.dpface.core.io.PngImages;
import org.dpface.core.mesh.PlyReader;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.rigs.SplitAxis;

/** Reads a truth directory written by {@link TruthWriter} back into a {@link TakeTruth}. */
public final class TruthReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TruthReader() {}

  /**
   * Reads {@code dir}.
   *
   * @throws IOException on a missing file, another format or version, or a malformed entry
   */
  public static TakeTruth read(Path dir) throws IOException {
    JsonNode root = JSON.readTree(dir.resolve(TruthWriter.META).toFile());
    String format = root.path("format").asText("");
    int version = root.path("version").asInt(-1);
    if (!format.equals(TruthWriter.FORMAT) || version != TruthWriter.VERSION) {
      throw new IOException(dir + ": expected " + TruthWriter.FORMAT + " v" + TruthWriter.VERSION + ", got "
          + format + " v" + version);
    }
    TriangleMesh mesh = PlyReader.read(dir.resolve(text(root, "mesh")));
    List<TakeTruth.CameraTruth> cams = new ArrayList<>();
    for (JsonNode c : root.path("cameras")) {
      cams.add(readCamera(dir, c));
    }
    List<TakeTruth.ProjectorTruth> projs = new ArrayList<>();
    for (JsonNode p : root.path("projectors")) {
      projs.add(new TakeTruth.ProjectorTruth(text(p, "id"), model(p), transform(p.path("worldToProjector"))));
    }
    return new TakeTruth(text(root, "rig"), text(root, "subject"), text(root, "pose"), mesh, cams, projs);
  }

  private static TakeTruth.CameraTruth readCamera(Path dir, JsonNode c) throws IOException {
    JsonNode dp = c.path("dp");
    JsonNode files = c.path("files");
    GrayF32 depth = NpyFiles.readGrayF32(dir.resolve(text(files, "depth")), null);
    InterleavedF32 normal = NpyFiles.readInterleavedF32(dir.resolve(text(files, "normal")), null);
    GrayU8 mask = PngImages.readGrayU8(dir.resolve(text(files, "mask")));
    for (int i = 0; i < mask.width() * mask.height(); i++) {
      mask.data[i] = mask.data[i] != 0 ? (byte) 1 : 0;
    }
    Map<String, InterleavedF32> uv = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = files.path("projectorUv").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      uv.put(e.getKey(), NpyFiles.readInterleavedF32(dir.resolve(e.getValue().asText()), null));
    }
    SplitAxis axis = SplitAxis.valueOf(text(dp, "splitAxis").toUpperCase(Locale.ROOT));
    return new TakeTruth.CameraTruth(text(c, "id"), model(c), transform(c.path("worldToCamera")), axis,
        number(dp, "fNumber"), number(dp, "a"), number(dp, "b"), number(dp, "slFNumber"), depth, normal, mask,
        uv);
  }

  private static CameraModel model(JsonNode n) throws IOException {
    double[] k = doubles(n.path("K"), 4, "K");
    double[] dist = doubles(n.path("distortion"), -1, "distortion");
    return new CameraModel(n.path("width").asInt(), n.path("height").asInt(), k[0], k[1], k[2], k[3], dist);
  }

  private static RigidTransform transform(JsonNode n) throws IOException {
    return RigidTransform.of(doubles(n.path("rotation"), 9, "rotation"),
        doubles(n.path("translationMm"), 3, "translationMm"));
  }

  private static double[] doubles(JsonNode a, int n, String name) throws IOException {
    if (!a.isArray() || (n >= 0 && a.size() != n)) {
      throw new IOException(name + ": expected an array of " + (n < 0 ? "numbers" : n + " numbers"));
    }
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asDouble();
    }
    return v;
  }

  private static String text(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IOException("missing text field " + field);
    }
    return v.asText();
  }

  private static double number(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new IOException("missing number field " + field);
    }
    return v.asDouble();
  }
}
