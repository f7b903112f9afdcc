package org.dpface.rigs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, validates and writes rig files (JSON, UTF-8, {@code //} comments allowed on reading).
 *
 * <p>Reading never stops at the first problem: syntax errors, unknown or missing fields, wrong types,
 * out-of-range values and broken cross references are all collected into one
 * {@link RigValidationException}, each naming the source, the JSONPath, what was expected and what
 * was found, with line and column (see {@link RigProblem#message()}). A syntax error ends parsing, so
 * it is reported alone. Writing validates first (a description built in code goes through the same
 * checks as a file) and replaces the target atomically (temporary file in the same directory, fsync,
 * rename). Comments are not preserved by writing.
 */
public final class RigFiles {
  private static final Logger LOG = LoggerFactory.getLogger(RigFiles.class);

  private RigFiles() {}

  /** Reads and validates a rig file; problems name the file as {@code path} was given. */
  public static RigDescription read(Path path) throws IOException {
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return read(path.toString(), in);
    }
  }

  /** Parses and validates rig JSON text; {@code source} labels the problems (e.g. a file name). */
  public static RigDescription parse(String source, String json) throws RigValidationException {
    try {
      return read(source, new StringReader(json));
    } catch (RigValidationException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("I/O error reading a string", e);
    }
  }

  /** Reads and validates rig JSON from {@code in} (not closed). */
  public static RigDescription read(String source, Reader in) throws IOException {
    LocatedJsonParser parser = new LocatedJsonParser();
    Problems problems = new Problems(source, parser.locations());
    JsonNode root = parser.parse(in, problems);
    RigDescription rig = root == null ? null : new RigTreeReader(problems).read(root);
    if (!problems.isEmpty()) {
      throw new RigValidationException(source, problems.list());
    }
    return rig;
  }

  /** All problems of a rig file; empty when it is valid. Throws only for I/O errors (e.g. no such file). */
  public static List<RigProblem> check(Path path) throws IOException {
    try {
      read(path);
      return List.of();
    } catch (RigValidationException e) {
      return e.problems();
    }
  }

  /** All problems of rig JSON text; empty when it is valid. */
  public static List<RigProblem> checkText(String source, String json) {
    try {
      parse(source, json);
      return List.of();
    } catch (RigValidationException e) {
      return e.problems();
    }
  }

  /**
   * All problems of a description built in code (the same checks as for a file; problems carry no
   * line numbers and are labelled {@code "rig <id>"}); empty when valid.
   */
  public static List<RigProblem> validate(RigDescription rig) {
    Problems problems = new Problems("rig " + rig.id(), Map.of());
    new RigTreeReader(problems).read(RigTreeWriter.toTree(rig));
    return problems.list();
  }

  /** The rig-file text of a valid description; throws if it does not validate. */
  public static String toJson(RigDescription rig) throws RigValidationException {
    List<RigProblem> problems = validate(rig);
    if (!problems.isEmpty()) {
      throw new RigValidationException("rig " + rig.id(), problems);
    }
    return JsonText.write(RigTreeWriter.toTree(rig));
  }

  /**
   * Validates and writes {@code rig} to {@code path} atomically: the text goes to a temporary file in
   * the same directory, is forced to disk, then renamed over {@code path} (atomic move where the file
   * system supports it). On failure the temporary file is removed and {@code path} is untouched.
   */
  public static void write(RigDescription rig, Path path) throws IOException {
    byte[] bytes = toJson(rig).getBytes(StandardCharsets.UTF_8);
    Path abs = path.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        LOG.debug("atomic move not supported in {}, replacing {}", dir, abs);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      LOG.debug("wrote rig {} to {}", rig.id(), abs);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads a rig bundled with this module by id (see {@link BundledRigs#ids()}). */
  public static RigDescription readBundled(String id) throws IOException {
    return BundledRigs.load(id);
  }
}
