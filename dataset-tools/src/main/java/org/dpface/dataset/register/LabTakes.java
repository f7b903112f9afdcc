package org.dpface.dataset.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the takes of a capture lab folder without the capture code: {@code sessions/<session>/takes/<take>}
 * folders with their final name ({@code take-NNNN}, no {@code .partial}/{@code .failed}/{@code .incomplete}
 * suffix) whose {@code take.json} (format {@code dpface-take} v1) says {@code COMPLETE}; the lamp steps
 * come from the frame sidecars' {@code stepLabel} ({@code light-<lightId>}). Also reads consent form
 * versions and withdrawals from {@code subjects.json} (format {@code dpface-subjects} v1).
 */
public final class LabTakes {
  private static final Logger LOG = LoggerFactory.getLogger(LabTakes.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TAKE_DIR = Pattern.compile("take-\\d+");
  private static final Pattern FRAME_SIDECAR = Pattern.compile("(.+)_s(\\d{3})\\.json");
  private static final String LIGHT_PREFIX = "light-";

  private LabTakes() {}

  /**
   * Every COMPLETE take under {@code labDir}, sorted by session then take id. Takes in other states are
   * skipped (logged at debug); a COMPLETE take without lamp steps is returned with none.
   *
   * @throws IOException on an unreadable or malformed {@code take.json} or sidecar
   */
  public static List<LabTake> scan(Path labDir) throws IOException {
    Path sessions = labDir.resolve("sessions");
    if (!Files.isDirectory(sessions)) {
      throw new IOException(labDir + " has no sessions/ folder: not a capture lab");
    }
    List<LabTake> out = new ArrayList<>();
    for (Path session : sorted(sessions)) {
      Path takes = session.resolve("takes");
      if (!Files.isDirectory(takes)) {
        continue;
      }
      for (Path take : sorted(takes)) {
        if (!TAKE_DIR.matcher(take.getFileName().toString()).matches() || !Files.isDirectory(take)) {
          continue;
        }
        LabTake t = readTake(take, session.getFileName().toString());
        if (t != null) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static LabTake readTake(Path dir, String sessionId) throws IOException {
    Path sidecar = dir.resolve("take.json");
    if (!Files.isRegularFile(sidecar)) {
      LOG.debug("{}: no take.json, skipped", dir);
      return null;
    }
    JsonNode t = readJson(sidecar, "dpface-take");
    if (!"COMPLETE".equals(t.path("state").asText())) {
      LOG.debug("{}: state {}, skipped", dir, t.path("state").asText());
      return null;
    }
    String[] spec = t.path("spec").asText().split("-");
    if (spec.length != 3) {
      throw new IOException(sidecar + ": spec must be expression-distance-direction, got \"" + t.path("spec").asText() + "\"");
    }
    String subject = t.path("subject").asText("");
    if (subject.isBlank()) {
      throw new IOException(sidecar + ": no subject");
    }
    TreeSet<String> cameras = new TreeSet<>();
    Map<Integer, String> lights = new TreeMap<>();
    for (Path f : sorted(dir)) {
      var m = FRAME_SIDECAR.matcher(f.getFileName().toString());
      if (!m.matches()) {
        continue;
      }
      JsonNode frame = readJson(f, "dpface-frame");
      cameras.add(m.group(1));
      String label = frame.path("stepLabel").asText("");
      if (label.startsWith(LIGHT_PREFIX)) {
        lights.put(Integer.parseInt(m.group(2)), label.substring(LIGHT_PREFIX.length()));
      }
    }
    List<LabTake.LightStep> steps = new ArrayList<>();
    lights.forEach((step, id) -> steps.add(new LabTake.LightStep(step, id)));
    String session = t.path("session").asText(sessionId);
    return new LabTake(session, subject, dir.getFileName().toString(), dir, spec[0], spec[1], spec[2],
        new ArrayList<>(cameras), steps);
  }

  /**
   * Consent form version per subject from {@code subjects.json}; withdrawn subjects are left out. Empty
   * when the file is absent.
   */
  public static Map<String, String> consentVersions(Path labDir) throws IOException {
    Path file = labDir.resolve("subjects.json");
    Map<String, String> out = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    JsonNode root = readJson(file, "dpface-subjects");
    for (JsonNode s : root.path("subjects")) {
      if (!s.path("withdrawn").isTextual()) {
        out.put(s.path("id").asText(), s.path("consent").path("formVersion").asText("unknown"));
      }
    }
    return out;
  }

  /**
   * Subjects of {@code subjects.json} marked withdrawn (their takes must not enter a dataset even if
   * raw files were left behind). Empty when the file is absent.
   */
  public static List<String> withdrawnSubjects(Path labDir) throws IOException {
    Path file = labDir.resolve("subjects.json");
    List<String> out = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      for (JsonNode s : readJson(file, "dpface-subjects").path("subjects")) {
        if (s.path("withdrawn").isTextual()) {
          out.add(s.path("id").asText());
        }
      }
    }
    return out;
  }

  private static JsonNode readJson(Path file, String format) throws IOException {
    JsonNode n = JSON.readTree(file.toFile());
    if (!format.equals(n.path("format").asText()) || n.path("version").asInt() != 1) {
      throw new IOException(file + ": expected format " + format + " version 1, found \"" + n.path("format").asText()
          + "\" version " + n.path("version").asText());
    }
    return n;
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
