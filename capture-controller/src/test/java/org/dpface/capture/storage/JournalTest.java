package org.dpface.capture.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  private static ObjectNode event(int i) {
    ObjectNode o = Events.event(Events.FRAME, "take-" + i);
    o.put("step", i);
    o.put("text", "ünïcode \"quoted\" line " + i);
    return o;
  }

  private Path writeJournal(int events) throws IOException {
    Path f = dir.resolve("journal.jsonl");
    try (Journal j = Journal.openForAppend(LocalVolume.INSTANCE, f, 0)) {
      for (int i = 0; i < events; i++) {
        j.append(event(i));
      }
    }
    return f;
  }

  @Test
  void everyTruncationReadsAsAPrefixAndReopensCleanly() throws Exception {
    byte[] full = Files.readAllBytes(writeJournal(5));
    Path cut = dir.resolve("cut.jsonl");
    qt().withExamples(60).forAll(integers().between(0, full.length)).checkAssert(n -> {
      try {
        Files.write(cut, Arrays.copyOf(full, n));
        Journal.Contents c = Journal.read(cut);
        for (int i = 0; i < c.events().size(); i++) {
          assertEquals(event(i), c.events().get(i));
        }
        boolean atBoundary = n == 0 || full[n - 1] == '\n';
        assertEquals(!atBoundary, c.tornTail());
        try (Journal j = Journal.openForAppend(LocalVolume.INSTANCE, cut, c.validBytes())) {
          j.append(event(99));
        }
        Journal.Contents after = Journal.read(cut);
        assertFalse(after.tornTail());
        assertEquals(c.events().size() + 1, after.events().size());
        assertEquals(event(99), after.events().get(after.events().size() - 1));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void aFlippedByteInAMiddleLineIsCorruptionNotATornTail() throws Exception {
    Path f = writeJournal(3);
    byte[] b = Files.readAllBytes(f);
    b[20] ^= 0x01;
    Files.write(f, b);
    IOException e = assertThrows(IOException.class, () -> Journal.read(f));
    assertTrue(e.getMessage().contains("journal line 1 is corrupt"), e.getMessage());
    // The same damage in the last line is a torn tail.
    Path g = writeJournal(3);
    byte[] c = Files.readAllBytes(g);
    c[c.length - 5] ^= 0x01;
    Files.write(g, c);
    Journal.Contents contents = Journal.read(g);
    assertTrue(contents.tornTail());
    assertEquals(2, contents.events().size());
  }

  @Test
  void aFullDiskAppendLeavesNoTornLine() throws Exception {
    Path f = writeJournal(2);
    long size = Files.size(f);
    QuotaVolume full = new QuotaVolume(10);
    try (Journal j = Journal.openForAppend(full, f, size)) {
      IOException e = assertThrows(IOException.class, () -> j.append(event(2)));
      assertTrue(e.getMessage().endsWith(QuotaVolume.NO_SPACE));
      full.setRemaining(10_000);
      j.append(event(3));
    }
    Journal.Contents c = Journal.read(f);
    assertFalse(c.tornTail());
    assertEquals(3, c.events().size());
    assertEquals(event(3), c.events().get(2));
  }
}
