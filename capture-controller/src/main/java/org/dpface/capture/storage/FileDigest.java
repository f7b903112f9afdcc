package org.dpface.capture.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 and size of a file's bytes as they are on disk, from one read.
 *
 * @param sha256 SHA-256 of the bytes, lower-case hex
 * @param bytes file size in bytes
 */
public record FileDigest(String sha256, long bytes) {

  /** Reads {@code file} once and digests it. */
  public static FileDigest of(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    long bytes = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
        bytes += n;
      }
    }
    return new FileDigest(HexFormat.of().formatHex(md.digest()), bytes);
  }
}
