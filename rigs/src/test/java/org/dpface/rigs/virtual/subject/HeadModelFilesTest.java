package org.dpface.rigs.virtual.subject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadModelFilesTest {
  @TempDir Path dir;

  @Test
  void roundTripIsBitExact() throws IOException {
    HeadModel model = HeadModel.standard();
    Path file = dir.resolve("head.dpmodel");
    HeadModelFiles.write(file, model);
    HeadModel back = HeadModelFiles.read(file);
    assertArrayEquals(model.mean(), back.mean());
    assertArrayEquals(model.faces(), back.faces());
    assertEquals(model.identityNames(), back.identityNames());
    assertEquals(model.identityDescriptions(), back.identityDescriptions());
    assertEquals(model.expressionNames(), back.expressionNames());
    for (int i = 0; i < model.identityCount(); i++) {
      assertArrayEquals(model.identityBasis(i), back.identityBasis(i));
    }
    for (int j = 0; j < model.expressionCount(); j++) {
      assertArrayEquals(model.expressionBasis(j), back.expressionBasis(j));
    }
    String header = new String(Files.readAllBytes(file), 0, 200, StandardCharsets.UTF_8);
    assertTrue(header.startsWith("{\"format\":\"dpface-head-model\",\"version\":1"), header);
    long expectedBytes = model.faceCount() * 12L + model.vertexCount() * 12L * (1 + model.identityCount() + model.expressionCount()) + 4;
    assertEquals(expectedBytes, Files.size(file) - headerLength(file));
  }

  @Test
  void smallModelRoundTripAndDamageDetection() throws IOException {
    HeadModel tiny = new HeadModel(
        new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1},
        new int[] {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3},
        List.of("a"), List.of("first"), new float[][] {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
        List.of("e"), new float[][] {{-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, Float.MIN_VALUE}});
    Path file = dir.resolve("tiny.dpmodel");
    HeadModelFiles.write(file, tiny);
    HeadModel back = HeadModelFiles.read(file);
    assertArrayEquals(tiny.expressionBasis(0), back.expressionBasis(0));

    byte[] bytes = Files.readAllBytes(file);
    byte[] flipped = bytes.clone();
    flipped[bytes.length - 10] ^= 0x01;
    Files.write(dir.resolve("flipped"), flipped);
    IOException e = assertThrows(IOException.class, () -> HeadModelFiles.read(dir.resolve("flipped")));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());

    Files.write(dir.resolve("short"), java.util.Arrays.copyOf(bytes, bytes.length - 7));
    e = assertThrows(IOException.class, () -> HeadModelFiles.read(dir.resolve("short")));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());

    String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\"version\":1", "\"version\":9");
    Files.write(dir.resolve("v9"), text.getBytes(StandardCharsets.ISO_8859_1));
    e = assertThrows(IOException.class, () -> HeadModelFiles.read(dir.resolve("v9")));
    assertTrue(e.getMessage().contains("unsupported dpface-head-model version 9"), e.getMessage());

    Files.writeString(dir.resolve("other"), "{\"format\":\"dpface-rig\",\"version\":1}\n");
    e = assertThrows(IOException.class, () -> HeadModelFiles.read(dir.resolve("other")));
    assertTrue(e.getMessage().contains("expected 'dpface-head-model'"), e.getMessage());
  }

  private static long headerLength(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }
}
