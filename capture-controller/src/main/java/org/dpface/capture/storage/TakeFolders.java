package org.dpface.capture.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reading stored take folders, shared by subject takes ({@link StoredTake}) and calibration takes ({@link StoredCalibrationTake}). */
final class TakeFolders {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TAKE_DIR = Pattern.compile("take-\\d+");
  private static final String COMPLETE = "COMPLETE";

  private TakeFolders() {}

  /**
   * Reads a JSON sidecar and checks its format and version.
   *
   * @throws IOException naming the file when it is not JSON or another format/version
   */
  static JsonNode readJson(Path file, String format) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    if (!format.equals(n.path("format").asText()) || n.path("version").asInt() != Events.VERSION) {
      throw new IOException(file + ": field format/version: expected " + format + " version " + Events.VERSION
          + ", found \"" + n.path("format").asText() + "\" version " + n.path("version").asText());
    }
    return n;
  }

  /** The entries of {@code dir}, sorted by name. */
  static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  /**
   * The final-named take folders ({@code take-NNNN}) in {@code takesDir} whose sidecar (format
   * {@code takeFormat}) says COMPLETE, sorted; none when the folder is missing.
   */
  static List<Path> complete(Path takesDir, String takeFormat) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(takesDir)) {
      return out;
    }
    for (Path take : sorted(takesDir)) {
      Path sidecar = take.resolve(RawLayout.takeSidecar());
      if (TAKE_DIR.matcher(take.getFileName().toString()).matches() && Files.isRegularFile(sidecar)
          && COMPLETE.equals(readJson(sidecar, takeFormat).path("state").asText())) {
        out.add(take);
      }
    }
    return out;
  }
}
