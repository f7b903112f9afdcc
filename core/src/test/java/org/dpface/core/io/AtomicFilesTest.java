package org.dpface.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void createsAndReplaces() throws IOException {
    Path target = dir.resolve("a.json");
    AtomicFiles.writeString(target, "{\"format\":\"x\",\"version\":1}");
    assertEquals("{\"format\":\"x\",\"version\":1}", Files.readString(target));
    AtomicFiles.writeString(target, "second");
    assertEquals("second", Files.readString(target));
    assertEquals(List.of("a.json"), listing());
  }

  @Test
  void streamWriterLargerThanBufferIsExact() throws IOException {
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    Path target = dir.resolve("big.bin");
    AtomicFiles.write(
        target,
        out -> {
          for (int off = 0; off < content.length; off += 1000) {
            out.write(content, off, Math.min(1000, content.length - off));
          }
          out.close(); // allowed: only flushes
        });
    assertArrayEquals(content, Files.readAllBytes(target));
    assertEquals(List.of("big.bin"), listing());
  }

  @Test
  void failureMidWriteKeepsOldFileAndLeavesNoTemp() throws IOException {
    Path target = dir.resolve("take.json");
    Files.writeString(target, "old content");
    IOException boom = new IOException("disk full (simulated)");
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write(new byte[200_000]); // more than the buffer: bytes reach the temp file
                      throw boom;
                    }));
    assertSame(boom, thrown);
    assertEquals("old content", Files.readString(target, StandardCharsets.UTF_8));
    assertEquals(List.of("take.json"), listing());
  }

  @Test
  void uncheckedFailureAlsoCleansUp() throws IOException {
    Path target = dir.resolve("new.bin");
    assertThrows(
        UncheckedIOException.class,
        () ->
            AtomicFiles.write(
                target,
                out -> {
                  out.write(1);
                  throw new UncheckedIOException(new IOException("simulated"));
                }));
    assertEquals(List.of(), listing());
  }

  @Test
  void refusesDirectoryTarget() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(sub, new byte[] {1}));
    assertEquals(sub + ": is a directory", e.getMessage());
    assertEquals(List.of("sub"), listing());
  }
}
