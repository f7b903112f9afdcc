package org.dpface.dataset.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.dpface.core.io.AtomicFiles;

/**
 * Layout of a dataset directory and the file operations on it: JSON read/write (atomic), SHA-256, and
 * replacing a whole dataset directory by a freshly written sibling.
 *
 * <pre>
 * DATASET/
 *   index.json            sample → shard, row, ids, metadata; shard list with SHA-256
 *   manifest.json         provenance
 *   splits/train.json     subjects per split (also val.json, test.json)
 *   shards/train-00000.h5 one split per shard
 *   deletions.json        consent withdrawals (only once there has been one)
 * </pre>
 */
public final class DatasetFiles {
  public static final String INDEX = "index.json";
  public static final String MANIFEST = "manifest.json";
  public static final String DELETIONS = "deletions.json";
  public static final String SPLITS_DIR = "splits";
  public static final String SHARDS_DIR = "shards";

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private DatasetFiles() {}

  /** Relative path of a split file. */
  public static String splitFile(String split) {
    return SPLITS_DIR + "/" + split + ".json";
  }

  /** Relative path of the {@code number}-th shard of a split. */
  public static String shardFile(String split, int number) {
    return SHARDS_DIR + "/" + split + "-" + String.format(java.util.Locale.ROOT, "%05d", number) + ".h5";
  }

  /** Reads one of the dataset JSON files ({@link DatasetModel} records); errors name the file. */
  public static <T> T read(Path file, Class<T> type) throws IOException {
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new NoSuchFileException(file.toString());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + ": " + e.getOriginalMessage(), e);
    }
  }

  static void write(Path file, Object value) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.write(file, JSON.writeValueAsBytes(value));
  }

  /** Hex SHA-256 of a file's bytes, streamed. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Hex SHA-256 of a string's UTF-8 bytes. */
  public static String sha256(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** A new hidden sibling directory of {@code target}, for writing a replacement. */
  static Path newStagingDir(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    return Files.createDirectory(abs.resolveSibling("." + abs.getFileName() + ".tmp-" + suffix));
  }

  /**
   * Puts {@code staged} in place of {@code target}: the old directory (if any) is renamed aside, the new
   * one renamed in, then the old one deleted. Both renames are atomic; between them {@code target} is
   * briefly absent, and if the second rename fails the old directory is renamed back.
   */
  static void replaceDirectory(Path staged, Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Path old = null;
    if (Files.exists(abs)) {
      old = abs.resolveSibling("." + abs.getFileName() + ".old-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
      Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(staged, abs, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (old != null) {
        try {
          Files.move(old, abs, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      }
      throw e;
    }
    if (old != null) {
      deleteRecursively(old);
    }
  }

  /** Deletes a directory tree; missing is fine. */
  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
