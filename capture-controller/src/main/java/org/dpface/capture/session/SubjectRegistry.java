package org.dpface.capture.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dpface.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's subject list, persisted as {@code <lab>/subjects.json} (format {@value #FORMAT}, version
 * {@value #VERSION}); every change rewrites the file atomically.
 *
 * <p>IDs are {@code sub-NNNN} from a counter stored in the file, so an ID is never reused, even after
 * the subject withdrew. Withdrawal keeps the entry (ID, consent form version, dates: no personal data)
 * so the ID stays taken and later exports can prove the data is gone; it refuses new captures and
 * erases the raw data through a {@link RawDataEraser}, writing one line to
 * {@code <lab>/deletion-log.jsonl}. Every call re-reads the file, so several instances and commands
 * on one lab folder see each other's changes; two processes changing it at the same instant are not
 * guarded against (one operator station per lab folder).
 */
public final class SubjectRegistry {
  /** The {@code format} field of {@code subjects.json}. */
  public static final String FORMAT = "dpface-subjects";
  /** The {@code version} field of {@code subjects.json}. */
  public static final int VERSION = 1;
  /** The {@code format} field of each deletion-log line. */
  public static final String DELETION_LOG_FORMAT = "dpface-deletion-log";

  private static final Logger LOG = LoggerFactory.getLogger(SubjectRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final Path deletionLog;
  private final Map<String, Subject> subjects = new LinkedHashMap<>();
  private int nextNumber = 1;

  private SubjectRegistry(Path labDir) {
    this.file = labDir.resolve("subjects.json");
    this.deletionLog = labDir.resolve("deletion-log.jsonl");
  }

  /** Opens the registry of {@code labDir}, creating the folder (not the file) if needed. */
  public static SubjectRegistry open(Path labDir) throws IOException {
    Files.createDirectories(labDir);
    SubjectRegistry r = new SubjectRegistry(labDir);
    r.reload();
    return r;
  }

  /**
   * Re-reads {@code subjects.json} so that changes made through another instance (another command on
   * the same lab folder) are seen: every public method calls it first, so a withdrawal recorded
   * elsewhere stops the next capture and an ID handed out elsewhere is never handed out again.
   */
  private void reload() throws IOException {
    subjects.clear();
    nextNumber = 1;
    if (Files.exists(file)) {
      load();
    }
  }

  private void reloadUnchecked() {
    try {
      reload();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Registers a new subject with {@code consent}; returns it with the next unused ID. */
  public synchronized Subject add(ConsentRecord consent) throws IOException {
    reload();
    String id = String.format("sub-%04d", nextNumber);
    Subject s = new Subject(id, consent, Optional.empty());
    subjects.put(id, s);
    nextNumber++;
    try {
      save();
    } catch (IOException e) {
      subjects.remove(id);
      nextNumber--;
      throw e;
    }
    LOG.info("registered {} (consent form {})", id, consent.formVersion());
    return s;
  }

  /** The subject with {@code id}, if registered ({@link UncheckedIOException} if the file is unreadable). */
  public synchronized Optional<Subject> get(String id) {
    reloadUnchecked();
    return Optional.ofNullable(subjects.get(id));
  }

  /** All subjects in registration order ({@link UncheckedIOException} if the file is unreadable). */
  public synchronized List<Subject> list() {
    reloadUnchecked();
    return List.copyOf(subjects.values());
  }

  /**
   * Checks that {@code subjectId} may be captured for {@code scope} on {@code date}.
   *
   * @throws ConsentException naming the subject and what is missing
   */
  public synchronized Subject requireConsent(String subjectId, String scope, LocalDate date)
      throws ConsentException {
    try {
      reload();
    } catch (IOException e) {
      throw new ConsentException(subjectId + " cannot be captured: the subject registry " + file
          + " is unreadable: " + e.getMessage());
    }
    Subject s = subjects.get(subjectId);
    if (s == null) {
      throw new ConsentException(subjectId + " cannot be captured: no such subject in the registry");
    }
    if (s.withdrawn().isPresent()) {
      throw new ConsentException(subjectId + " cannot be captured: withdrew consent on " + s.withdrawn().get());
    }
    Optional<String> problem = s.consent().problemFor(scope, date);
    if (problem.isPresent()) {
      throw new ConsentException(subjectId + " cannot be captured on " + date + ": " + problem.get());
    }
    return s;
  }

  /**
   * Records the withdrawal of {@code subjectId} on {@code date}, then erases their raw data and logs
   * the deletion. Calling it again for a withdrawn subject repeats the erasure (e.g. after a crash
   * between the two steps) and keeps the first withdrawal date.
   */
  public synchronized Subject withdraw(String subjectId, LocalDate date, RawDataEraser eraser) throws IOException {
    reload();
    Subject s = subjects.get(subjectId);
    if (s == null) {
      throw new IOException(subjectId + ": no such subject in " + file);
    }
    if (s.withdrawn().isEmpty()) {
      Subject w = new Subject(s.id(), s.consent(), Optional.of(date));
      subjects.put(subjectId, w);
      try {
        save();
      } catch (IOException e) {
        subjects.put(subjectId, s);
        throw e;
      }
      s = w;
    }
    String summary = eraser.erase(subjectId);
    ObjectNode line = JSON.createObjectNode();
    line.put("format", DELETION_LOG_FORMAT);
    line.put("version", VERSION);
    line.put("date", date.toString());
    line.put("subject", subjectId);
    line.put("action", "raw data erased after withdrawal");
    line.put("detail", summary);
    appendLine(deletionLog, JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line));
    LOG.info("{} withdrew on {}: {}", subjectId, date, summary);
    return s;
  }

  private static void appendLine(Path path, String line) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ch.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
  }

  private void save() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("nextNumber", nextNumber);
    ArrayNode arr = root.putArray("subjects");
    for (Subject s : subjects.values()) {
      ObjectNode o = arr.addObject();
      o.put("id", s.id());
      ObjectNode c = o.putObject("consent");
      ArrayNode scopes = c.putArray("scopes");
      s.consent().scopes().forEach(scopes::add);
      c.put("formVersion", s.consent().formVersion());
      c.put("given", s.consent().given().toString());
      c.put("expires", s.consent().expires().map(LocalDate::toString).orElse(null));
      o.put("withdrawn", s.withdrawn().map(LocalDate::toString).orElse(null));
    }
    AtomicFiles.write(file, JSON.writeValueAsBytes(root));
  }

  private void load() throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != VERSION) {
      throw new IOException(file + ": expected format " + FORMAT + " version " + VERSION + ", found "
          + root.path("format").asText() + " version " + root.path("version").asText());
    }
    nextNumber = root.path("nextNumber").asInt(1);
    for (JsonNode o : root.path("subjects")) {
      JsonNode c = o.path("consent");
      List<String> scopes = new ArrayList<>();
      c.path("scopes").forEach(n -> scopes.add(n.asText()));
      ConsentRecord consent = new ConsentRecord(scopes, c.path("formVersion").asText(),
          LocalDate.parse(c.path("given").asText()), optionalDate(c.path("expires")));
      String id = o.path("id").asText();
      subjects.put(id, new Subject(id, consent, optionalDate(o.path("withdrawn"))));
      int n = Integer.parseInt(id.substring("sub-".length()));
      if (n >= nextNumber) {
        throw new IOException(file + ": subject " + id + " is at or above nextNumber " + nextNumber);
      }
    }
  }

  private static Optional<LocalDate> optionalDate(JsonNode node) {
    return node.isTextual() ? Optional.of(LocalDate.parse(node.asText())) : Optional.empty();
  }
}
