package org.dpface.reconstruction.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpface.reconstruction.struct.Axis;
import org.dpface.reconstruction.struct.FrameKind;
import org.dpface.reconstruction.struct.FrameRole;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceFilesTest {
  /** The same sequence with every grayInverse frame removed (decoded against (white + black) / 2). */
  static SequenceDescription withoutInverses(SequenceDescription seq) {
    List<FrameRole> frames = new ArrayList<>();
    for (FrameRole r : seq.frames()) {
      if (r.kind() != FrameKind.GRAY_INVERSE) {
        frames.add(r);
      }
    }
    return new SequenceDescription(seq.projectorWidth(), seq.projectorHeight(), frames);
  }

  @Test
  void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
    for (SequenceDescription seq : List.of(Sequences.openCvGrayCode(1024, 768),
        Sequences.dpface(1024, 768, SequenceConfig.defaults()), Sequences.dpface(300, 7, new SequenceConfig(7, 12.5, 1)))) {
      Path file = dir.resolve("seq.json");
      SequenceFiles.write(file, seq);
      assertEquals(seq, SequenceFiles.read(file));
      assertTrue(Files.readString(file).contains("\"format\" : \"dpface-sl-sequence\""));
    }
  }

  @Test
  void openCvOrderMatchesGrayCodePatternLayout() {
    SequenceDescription seq = Sequences.openCvGrayCode(1024, 768);
    assertEquals(2 * 10 + 2 * 10 + 2, seq.size());
    assertEquals(FrameRole.gray(Axis.X, 9), seq.frames().get(0));
    assertEquals(FrameRole.grayInverse(Axis.X, 9), seq.frames().get(1));
    assertEquals(FrameRole.grayInverse(Axis.X, 0), seq.frames().get(19));
    assertEquals(FrameRole.gray(Axis.Y, 9), seq.frames().get(20));
    assertEquals(FrameRole.white(), seq.frames().get(40));
    assertEquals(FrameRole.black(), seq.frames().get(41));
    assertEquals(42, Sequences.dpface(1024, 768, SequenceConfig.defaults()).size());
  }

  private static String json(String frames) {
    return "{\"format\":\"dpface-sl-sequence\",\"version\":1,\"projector\":{\"width\":64,\"height\":32},"
        + "\"frames\":[" + frames + "]}";
  }

  private static String error(String text) {
    return assertThrows(SequenceFormatException.class, () -> SequenceFiles.parse(text, "cam0/seq.json")).getMessage();
  }

  @Test
  void errorsNameTheFileAndTheJsonPath() throws Exception {
    String x = "{\"type\":\"gray\",\"axis\":\"x\",\"bit\":5},{\"type\":\"grayInverse\",\"axis\":\"x\",\"bit\":5}";
    assertEquals(SequenceFiles.parse(json(x), "ok").size(), 2);
    assertEquals("cam0/seq.json: $.frames[1].bit: expected an integer, found \"5\"",
        error(json("{\"type\":\"gray\",\"axis\":\"x\",\"bit\":5},{\"type\":\"grayInverse\",\"axis\":\"x\",\"bit\":\"5\"}")));
    assertTrue(error(json(x).replace("\"version\":1", "\"version\":2")).startsWith("cam0/seq.json: $.version: unsupported"));
    assertTrue(error(json(x).replace("dpface-sl-sequence", "other")).startsWith("cam0/seq.json: $.format:"));
    assertTrue(error(json(x).replace("\"axis\":\"x\",\"bit\":5}", "\"axis\":\"z\",\"bit\":5}"))
        .startsWith("cam0/seq.json: $.frames[0].axis: expected \"x\" or \"y\""));
    assertTrue(error(json("{\"type\":\"white\",\"bit\":1}")).startsWith("cam0/seq.json: $.frames[0].bit: not a field"));
    assertTrue(error(json("{\"type\":\"flash\"}")).startsWith("cam0/seq.json: $.frames[0].type:"));
    assertTrue(error(json(x).replace("\"height\":32", "\"height\":32,\"depth\":1"))
        .startsWith("cam0/seq.json: $.projector.depth: unknown field"));
    assertTrue(error("{\"format\":").startsWith("cam0/seq.json: not valid JSON"));
    // semantic problems: bit out of range, gap in the bits, phase that the Gray code cannot unwrap
    assertTrue(error(json("{\"type\":\"gray\",\"axis\":\"x\",\"bit\":6}")).startsWith("cam0/seq.json: $.frames[0]: Gray bit 6"));
    assertTrue(error(json("{\"type\":\"gray\",\"axis\":\"x\",\"bit\":3},{\"type\":\"grayInverse\",\"axis\":\"x\",\"bit\":3}"))
        .contains("bit 5 is missing"));
    String phase = ",{\"type\":\"phase\",\"axis\":\"x\",\"step\":0,\"steps\":3,\"periodPx\":16},"
        + "{\"type\":\"phase\",\"axis\":\"x\",\"step\":1,\"steps\":3,\"periodPx\":16},"
        + "{\"type\":\"phase\",\"axis\":\"x\",\"step\":2,\"steps\":3,\"periodPx\":16}";
    assertTrue(error(json(x + phase)).startsWith("cam0/seq.json: $.frames[2]: phase period 16.0 px of axis x needs"));
    assertTrue(error(json(x + phase.replace("\"step\":2,\"steps\":3,\"periodPx\":16}", "\"step\":2,\"steps\":3,\"periodPx\":16,\"shiftRad\":1}")))
        .startsWith("cam0/seq.json: $.frames[4]: phase shift of step 2"));
  }

  @Test
  void validationRules() {
    var noInverseNoWhite = assertThrows(IllegalArgumentException.class,
        () -> new SequenceDescription(8, 8, List.of(FrameRole.gray(Axis.X, 2))));
    assertTrue(noInverseNoWhite.getMessage().contains("needs white and black"), noInverseNoWhite.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SequenceDescription(8, 8, List.of(FrameRole.white())));
    assertThrows(IllegalArgumentException.class, () -> new SequenceDescription(8, 8,
        List.of(FrameRole.gray(Axis.X, 2), FrameRole.grayInverse(Axis.X, 2), FrameRole.gray(Axis.X, 2))));
    assertThrows(IllegalArgumentException.class, () -> FrameRole.phase(Axis.X, 0, 2, 16));
    assertEquals(0, SequenceDescription.grayBitsFor(1));
    assertEquals(10, SequenceDescription.grayBitsFor(1024));
    assertEquals(11, SequenceDescription.grayBitsFor(1025));
    assertEquals(10, SequenceDescription.grayBitsFor(768));
  }
}
