package org.dpface.capture.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.dpface.capture.session.TakeState;

/**
 * A COMPLETE take read back from a lab folder (layout in {@code capture-controller/DESIGN-storage.md}) by the
 * stages that consume takes (reconstruction, dataset build): its ids, cameras, frame size and each step's label,
 * read from {@code take.json} and the frame sidecars. The one reader of the stored layout outside the store, so
 * consumers need neither a {@link SessionStore} nor their own copy of the file names.
 *
 * @param dir the take folder
 * @param sessionId session id, e.g. {@code sub-0001-ses-01}
 * @param subjectId pseudonymous subject id
 * @param takeId take id, e.g. {@code take-0001}
 * @param spec take label {@code expression-distance-direction}
 * @param cameraIds the take's cameras in stored order
 * @param width frame width (px)
 * @param height frame height (px)
 * @param stepLabels every trigger step's label ({@code sl-007}, {@code light-light3}), from the first camera's sidecars
 * @param sensorBits camera → bits of its sensor's raw values in the frames (1..16), from {@code take.json}'s
 *     optional {@code sensorBits}; cameras of takes written before that field (or whose camera did not report
 *     a depth) are absent
 */
public record StoredTake(Path dir, String sessionId, String subjectId, String takeId, String spec,
    List<String> cameraIds, int width, int height, List<String> stepLabels, Map<String, Integer> sensorBits) {

  public StoredTake {
    cameraIds = List.copyOf(cameraIds);
    stepLabels = List.copyOf(stepLabels);
    sensorBits = Map.copyOf(sensorBits);
  }

  /** The bit depth of {@code cameraId}'s sensor as the take recorded it; empty when it did not. */
  public OptionalInt sensorBits(String cameraId) {
    Integer b = sensorBits.get(cameraId);
    return b == null ? OptionalInt.empty() : OptionalInt.of(b);
  }

  /**
   * Reads the COMPLETE take in {@code dir}.
   *
   * @throws IOException naming the file when the folder is not a take, a file is malformed or the take is not
   *     COMPLETE
   */
  public static StoredTake read(Path dir) throws IOException {
    Path sidecar = dir.resolve(RawLayout.takeSidecar());
    if (!Files.isRegularFile(sidecar)) {
      throw new IOException(dir + " is not a take folder (no " + RawLayout.takeSidecar() + ")");
    }
    JsonNode t = TakeFolders.readJson(sidecar, Events.TAKE_FORMAT);
    String state = t.path("state").asText();
    if (!TakeState.COMPLETE.name().equals(state)) {
      throw new IOException(sidecar + ": take is " + state + ", only COMPLETE takes are read");
    }
    JsonNode exp = t.path("expected");
    List<String> cams = new ArrayList<>();
    exp.path("cameras").forEach(c -> cams.add(c.asText()));
    int steps = exp.path("steps").asInt();
    if (cams.isEmpty() || steps < 1) {
      throw new IOException(sidecar + ": no expected cameras or steps");
    }
    String subject = t.path("subject").asText("");
    if (subject.isBlank()) {
      throw new IOException(sidecar + ": no subject");
    }
    List<String> labels = new ArrayList<>(steps);
    for (int s = 0; s < steps; s++) {
      Path f = dir.resolve(RawLayout.frameSidecar(cams.get(0), s));
      String label = TakeFolders.readJson(f, Events.FRAME_FORMAT).path("stepLabel").asText("");
      if (label.isEmpty()) {
        throw new IOException(f + ": no stepLabel");
      }
      labels.add(label);
    }
    return new StoredTake(dir, t.path("session").asText(), subject, t.path("take").asText(dir.getFileName().toString()),
        t.path("spec").asText(), cams, exp.path("width").asInt(), exp.path("height").asInt(), labels,
        sensorBits(sidecar, t, cams));
  }

  /** {@code take.json}'s optional {@code sensorBits} object, checked: known cameras, integers 1..16. */
  static Map<String, Integer> sensorBits(Path sidecar, JsonNode take, List<String> cams) throws IOException {
    JsonNode n = take.get("sensorBits");
    Map<String, Integer> out = new TreeMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      throw new IOException(sidecar + ": field sensorBits: expected an object camera -> bits, found " + n.getNodeType());
    }
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      JsonNode v = e.getValue();
      if (!cams.contains(e.getKey())) {
        throw new IOException(sidecar + ": field sensorBits." + e.getKey() + ": not a camera of the take " + cams);
      }
      if (!v.isInt() || v.asInt() < 1 || v.asInt() > 16) {
        throw new IOException(sidecar + ": field sensorBits." + e.getKey() + ": expected an integer 1..16, found " + v);
      }
      out.put(e.getKey(), v.asInt());
    }
    return out;
  }

  /**
   * Every COMPLETE take under {@code labDir} ({@code sessions/<session>/takes/take-NNNN}, final names only),
   * sorted by session then take. Takes in other states are skipped; none when there is no sessions folder.
   *
   * @throws IOException on an unreadable or malformed take
   */
  public static List<StoredTake> complete(Path labDir) throws IOException {
    Path sessions = RawLayout.sessionsDir(labDir);
    List<StoredTake> out = new ArrayList<>();
    if (!Files.isDirectory(sessions)) {
      return out;
    }
    for (Path session : TakeFolders.sorted(sessions)) {
      for (Path take : TakeFolders.complete(RawLayout.takesDir(session), Events.TAKE_FORMAT)) {
        out.add(read(take));
      }
    }
    return out;
  }

  /** The left DP view of {@code cameraId} at {@code step}. */
  public Path leftPng(String cameraId, int step) {
    return dir.resolve(RawLayout.leftPng(cameraId, step));
  }

  /** The right DP view of {@code cameraId} at {@code step}. */
  public Path rightPng(String cameraId, int step) {
    return dir.resolve(RawLayout.rightPng(cameraId, step));
  }

}
