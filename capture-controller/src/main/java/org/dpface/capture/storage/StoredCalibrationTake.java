package org.dpface.capture.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.dpface.capture.session.CalibrationTarget;

/**
 * A COMPLETE calibration take read back from disk (layout in {@code DESIGN-storage.md}): its target,
 * cameras, frame size and step labels, from {@code take.json}. What calibration reads; the target's pose is
 * not in it (a virtual rig may keep its truth elsewhere, for scoring only).
 *
 * @param dir the take folder
 * @param sessionId calibration session id, e.g. {@code cal-20260521-01}
 * @param takeId take id, e.g. {@code take-0001}
 * @param target what the take shows
 * @param cameraIds the take's cameras in stored order
 * @param width frame width (px)
 * @param height frame height (px)
 * @param stepLabels every trigger step's label ({@code sl-007}, {@code flat})
 * @param sensorBits camera → bits of its sensor's raw values in the frames (1..16), from {@code take.json}'s
 *     optional {@code sensorBits} (as in {@link StoredTake}); cameras of takes written before that field are
 *     absent
 */
public record StoredCalibrationTake(Path dir, String sessionId, String takeId, CalibrationTarget target,
    List<String> cameraIds, int width, int height, List<String> stepLabels, Map<String, Integer> sensorBits) {

  public StoredCalibrationTake {
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
   * Reads the COMPLETE calibration take in {@code dir}.
   *
   * @throws IOException naming the file and field when the folder is not a calibration take, a field is
   *     missing or malformed, a frame file is missing, or the take is not COMPLETE
   */
  public static StoredCalibrationTake read(Path dir) throws IOException {
    Path sidecar = dir.resolve(RawLayout.takeSidecar());
    if (!Files.isRegularFile(sidecar)) {
      throw new IOException(dir + " is not a take folder (no " + RawLayout.takeSidecar() + ")");
    }
    JsonNode t = TakeFolders.readJson(sidecar, CalibrationStore.TAKE_FORMAT);
    String state = t.path("state").asText();
    if (!"COMPLETE".equals(state)) {
      throw new IOException(sidecar + ": calibration take is " + state + ", only COMPLETE takes are read");
    }
    CalibrationTarget target;
    try {
      target = new CalibrationTarget(t.path("label").asText(null),
          CalibrationTarget.Purpose.parse(t.path("purpose").asText("")), t.path("target").asText(null));
    } catch (IllegalArgumentException e) {
      throw new IOException(sidecar + ": label/purpose/target: " + e.getMessage(), e);
    }
    JsonNode exp = t.path("expected");
    List<String> cams = new ArrayList<>();
    exp.path("cameras").forEach(c -> cams.add(c.asText()));
    int steps = exp.path("steps").asInt();
    if (cams.isEmpty() || steps < 1) {
      throw new IOException(sidecar + ": field expected: no cameras or steps");
    }
    List<String> labels = new ArrayList<>();
    t.path("stepLabels").forEach(n -> labels.add(n.asText()));
    if (labels.size() != steps) {
      throw new IOException(sidecar + ": field stepLabels has " + labels.size() + " labels for " + steps + " steps");
    }
    StoredCalibrationTake take = new StoredCalibrationTake(dir, t.path("session").asText(),
        t.path("take").asText(dir.getFileName().toString()), target, cams, exp.path("width").asInt(),
        exp.path("height").asInt(), labels, sensorBits(sidecar, t, cams));
    for (String c : cams) {
      for (int s = 0; s < steps; s++) {
        if (!Files.isRegularFile(take.leftPng(c, s)) || !Files.isRegularFile(take.rightPng(c, s))) {
          throw new IOException(dir + ": frame " + RawLayout.frameStem(c, s) + " is listed in " + sidecar.getFileName()
              + " but its PNG files are missing");
        }
      }
    }
    return take;
  }

  /**
   * {@code take.json}'s {@code sensorBits} object; calibration takes written before it was added carry the
   * depth only in each frame record, which is read instead (the same rule as the writer's summary).
   */
  private static Map<String, Integer> sensorBits(Path sidecar, JsonNode t, List<String> cams) throws IOException {
    if (t.has("sensorBits")) {
      return StoredTake.sensorBits(sidecar, t, cams);
    }
    List<FrameRecord> frames = new ArrayList<>();
    t.path("frames").forEach(f -> frames.add(Events.frame(f)));
    return Events.sensorBits(frames);
  }

  /**
   * Every COMPLETE calibration take under {@code dir}, which may be one take folder, a calibration session
   * ({@code calibration-session.json} + {@code takes/}), the {@code calibration/} area of a lab, or a lab
   * folder; sorted by session then take. Takes in other states are skipped.
   *
   * @throws IOException if {@code dir} holds none of these, or a take is malformed
   */
  public static List<StoredCalibrationTake> find(Path dir) throws IOException {
    if (Files.isRegularFile(dir.resolve(RawLayout.takeSidecar()))) {
      return List.of(read(dir));
    }
    if (Files.isRegularFile(RawLayout.calibrationSessionSidecar(dir))) {
      return inSession(dir);
    }
    Path area = Files.isDirectory(RawLayout.calibrationDir(dir)) ? RawLayout.calibrationDir(dir) : dir;
    List<StoredCalibrationTake> out = new ArrayList<>();
    boolean any = false;
    if (Files.isDirectory(area)) {
      for (Path s : TakeFolders.sorted(area)) {
        if (Files.isRegularFile(RawLayout.calibrationSessionSidecar(s))) {
          any = true;
          out.addAll(inSession(s));
        }
      }
    }
    if (!any) {
      throw new IOException(dir + " holds no calibration take, calibration session (calibration-session.json) "
          + "or lab calibration/ area");
    }
    return out;
  }

  /** Every COMPLETE take of the calibration session folder {@code sessionDir}. */
  static List<StoredCalibrationTake> inSession(Path sessionDir) throws IOException {
    List<StoredCalibrationTake> out = new ArrayList<>();
    for (Path take : TakeFolders.complete(RawLayout.takesDir(sessionDir), CalibrationStore.TAKE_FORMAT)) {
      out.add(read(take));
    }
    return out;
  }

  /** Index of the step labelled {@code label}, or -1. */
  public int step(String label) {
    return stepLabels.indexOf(label);
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
