package org.dpface.rigs;

import static org.dpface.rigs.TestRigs.remove;
import static org.dpface.rigs.TestRigs.replaceOnce;
import static org.dpface.rigs.TestRigs.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed rig files, one per validation rule: each must be rejected with a problem at the expected
 * JSONPath whose message says what was expected and found.
 */
class RigValidationTest {
  record Case(String rule, UnaryOperator<String> edit, String path, String expected) {
    @Override
    public String toString() {
      return rule;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("unknown field", t -> set(t, "/cameras/0/focal", "135"),
            "$.cameras[0].focal", "expected one of the fields [id, model, resolution"),
        new Case("unknown top-level field", t -> set(t, "/colour", "\"red\""),
            "$.colour", "found an unknown field"),
        new Case("missing required field", t -> remove(t, "/cameras/1/lens/fNumber"),
            "$.cameras[1].lens.fNumber", "expected a number > 0, found nothing (required field missing)"),
        new Case("missing required object", t -> remove(t, "/triggerBoard"),
            "$.triggerBoard", "expected an object, found nothing (required field missing)"),
        new Case("wrong type: string for integer", t -> set(t, "/cameras/0/resolution/width", "\"480\""),
            "$.cameras[0].resolution.width", "expected an integer > 0, found \"480\""),
        new Case("wrong type: fraction for integer", t -> set(t, "/cameras/0/resolution/height", "640.5"),
            "$.cameras[0].resolution.height", "expected an integer > 0, found 640.5"),
        new Case("wrong type: object for array", t -> set(t, "/cameras", "{}"),
            "$.cameras", "expected a non-empty array, found an object"),
        new Case("no cameras", t -> set(t, "/cameras", "[]"),
            "$.cameras", "expected a non-empty array, found an array of 0 elements"),
        new Case("wrong type: number for boolean", t -> set(t, "/cameras/0/dualPixel/present", "1"),
            "$.cameras[0].dualPixel.present", "expected true or false, found 1"),
        new Case("duplicate id camera/camera", t -> set(t, "/cameras/1/id", "\"cam0\""),
            "$.cameras[1].id", "expected an id unique across cameras, projectors and lights, found \"cam0\" (already used by the camera at $.cameras[0].id)"),
        new Case("duplicate id light/camera", t -> set(t, "/lights/1/id", "\"cam1\""),
            "$.lights[1].id", "already used by the camera at $.cameras[1].id"),
        new Case("malformed id", t -> set(t, "/projectors/0/id", "\"proj 0\""),
            "$.projectors[0].id", "expected an id of 1-64 letters, digits"),
        new Case("channel mapped twice", t -> set(t, "/triggerBoard/channels/4/channel", "1"),
            "$.triggerBoard.channels[4].channel", "expected a channel not mapped before, found 1 (already mapped at $.triggerBoard.channels[1])"),
        new Case("unknown target", t -> set(t, "/triggerBoard/channels/0/target", "\"cam9\""),
            "$.triggerBoard.channels[0].target", "expected the id of a camera, projector or light of this rig, found \"cam9\""),
        new Case("target of the wrong kind", t -> set(t, "/triggerBoard/channels/0/target", "\"light0\""),
            "$.triggerBoard.channels[0].target", "expected the id of a camera (action \"shutter\"), found \"light0\", a light"),
        new Case("unknown action", t -> set(t, "/triggerBoard/channels/0/action", "\"flash\""),
            "$.triggerBoard.channels[0].action", "expected one of \"shutter\", \"focus\", \"projector-advance\", \"light\", found \"flash\""),
        new Case("channel >= channelCount", t -> set(t, "/triggerBoard/channels/6/channel", "8"),
            "$.triggerBoard.channels[6].channel", "expected a channel in [0, 8) ($.triggerBoard.channelCount is 8), found 8"),
        new Case("negative channel", t -> set(t, "/triggerBoard/channels/6/channel", "-1"),
            "$.triggerBoard.channels[6].channel", "expected an integer >= 0, found -1"),
        new Case("channel count not positive", t -> set(t, "/triggerBoard/channelCount", "0"),
            "$.triggerBoard.channelCount", "expected an integer > 0, found 0"),
        new Case("negative width", t -> set(t, "/cameras/1/resolution/width", "-5"),
            "$.cameras[1].resolution.width", "expected an integer > 0, found -5"),
        new Case("zero projector height", t -> set(t, "/projectors/1/resolution/height", "0"),
            "$.projectors[1].resolution.height", "expected an integer > 0, found 0"),
        new Case("zero focal length", t -> set(t, "/cameras/0/lens/focalLengthMm", "0"),
            "$.cameras[0].lens.focalLengthMm", "expected a number > 0, found 0"),
        new Case("negative f-number", t -> set(t, "/cameras/0/lens/fNumber", "-5.6"),
            "$.cameras[0].lens.fNumber", "expected a number > 0, found -5.6"),
        new Case("negative pixel pitch", t -> set(t, "/cameras/1/pixelPitchUm", "-5.36"),
            "$.cameras[1].pixelPitchUm", "expected a number > 0, found -5.36"),
        new Case("focus closer than focal length", t -> set(t, "/cameras/0/lens/focusDistanceMm", "100"),
            "$.cameras[0].lens.focusDistanceMm", "expected a focus distance > focalLengthMm (135.0 mm), found 100.0"),
        new Case("non-positive fx", t -> set(t, "/cameras/1/intrinsics/fx", "-9800"),
            "$.cameras[1].intrinsics.fx", "expected a number > 0, found -9800"),
        new Case("non-positive throw ratio", t -> set(t, "/projectors/0/throwRatio", "0.0"),
            "$.projectors[0].throwRatio", "expected a number > 0, found 0.0"),
        new Case("wrong format", t -> set(t, "/format", "\"dpface-calibration\""),
            "$.format", "expected \"dpface-rig\", found \"dpface-calibration\""),
        new Case("unsupported version", t -> set(t, "/version", "2"),
            "$.version", "expected 1 (the only supported version), found 2"),
        new Case("invalid split axis", t -> set(t, "/cameras/0/dualPixel/splitAxis", "\"diagonal\""),
            "$.cameras[0].dualPixel.splitAxis", "expected one of \"horizontal\", \"vertical\", found \"diagonal\""),
        new Case("DP camera without split axis", t -> remove(t, "/cameras/0/dualPixel/splitAxis"),
            "$.cameras[0].dualPixel.splitAxis", "found nothing (required field missing)"),
        new Case("split axis on a non-DP camera", t -> set(t, "/cameras/1/dualPixel/splitAxis", "\"vertical\""),
            "$.cameras[1].dualPixel.splitAxis", "expected no field \"splitAxis\" (dualPixel.present is false)"),
        new Case("distortion with 3 coefficients", t -> set(t, "/cameras/1/intrinsics/distortion", "[0.1, 0.2, 0.3]"),
            "$.cameras[1].intrinsics.distortion", "expected an array of 0, 4, 5 or 8 numbers (k1 k2 p1 p2 [k3 [k4 k5 k6]]), found an array of 3 elements"),
        new Case("distortion coefficient not a number", t -> set(t, "/cameras/1/intrinsics/distortion/2", "\"x\""),
            "$.cameras[1].intrinsics.distortion[2]", "expected a number, found \"x\""),
        new Case("reflection is not a rotation", t -> set(t, "/cameras/1/cameraToWorld/rotation",
            "[[0.0, 0.0, -1.0], [0.0, 1.0, 0.0], [-1.0, 0.0, 0.0]]"),
            "$.cameras[1].cameraToWorld.rotation", "expected a rotation matrix (orthonormal rows within 1.0E-6, det = +1), found a matrix with max |R Rt - I| = 0.0 and det = -1.0"),
        new Case("scaled matrix is not a rotation", t -> set(t, "/cameras/1/cameraToWorld/rotation",
            "[[0.0, 0.0, -1.1], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]"),
            "$.cameras[1].cameraToWorld.rotation", "found a matrix with max |R Rt - I| = 0.21"),
        new Case("rotation row of 2", t -> set(t, "/cameras/1/cameraToWorld/rotation/1", "[0.0, 1.0]"),
            "$.cameras[1].cameraToWorld.rotation[1]", "expected a row of 3 numbers, found an array of 2 elements"),
        new Case("both rotation and rodrigues", t -> set(t, "/cameras/1/cameraToWorld/rodrigues", "[0, 0, 0]"),
            "$.cameras[1].cameraToWorld.rodrigues", "expected only one of \"rotation\" and \"rodrigues\", found both"),
        new Case("no rotation", t -> remove(t, "/cameras/0/cameraToWorld/rodrigues"),
            "$.cameras[0].cameraToWorld", "expected one of \"rotation\" (3x3 matrix, rows) or \"rodrigues\" (axis-angle, rad), found neither"),
        new Case("translation of 2", t -> set(t, "/projectors/0/projectorToWorld/translationMm", "[1, 2]"),
            "$.projectors[0].projectorToWorld.translationMm", "expected an array of 3 numbers, found an array of 2 elements"),
        new Case("projector with neither optics", t -> remove(t, "/projectors/0/throwRatio"),
            "$.projectors[0]", "expected one of \"intrinsics\" or \"throwRatio\", found neither"),
        new Case("projector with both optics", t -> set(t, "/projectors/1/throwRatio", "2.0"),
            "$.projectors[1].throwRatio", "expected only one of \"intrinsics\" and \"throwRatio\", found both"),
        new Case("light direction not unit", t -> set(t, "/lights/0/directionToLight", "[0.0, -1.2, -1.6]"),
            "$.lights[0].directionToLight", "expected a unit vector (length 1 ± 0.001), found a vector of length 2.0"),
        new Case("point light with direction", t -> set(t, "/lights/1/directionToLight", "[0.0, 0.0, -1.0]"),
            "$.lights[1].directionToLight", "expected no field \"directionToLight\" (a point light has a position"),
        new Case("unknown light type", t -> set(t, "/lights/0/type", "\"spot\""),
            "$.lights[0].type", "expected one of \"directional\", \"point\", found \"spot\""),
        new Case("serial board without port", t -> remove(t, "/triggerBoard/port"),
            "$.triggerBoard.port", "expected a non-empty string, found nothing (required field missing)"),
        new Case("unknown trigger driver", t -> set(t, "/triggerBoard/driver", "\"usb\""),
            "$.triggerBoard.driver", "expected one of \"serial\", \"virtual\", found \"usb\""),
        new Case("driver settings not an object", t -> set(t, "/cameras/1/driver/settings", "[1]"),
            "$.cameras[1].driver.settings", "expected an object, found an array of 1 element"),
        new Case("empty driver type", t -> set(t, "/cameras/0/driver/type", "\"\""),
            "$.cameras[0].driver.type", "expected a non-empty string, found \"\""),
        new Case("negative subject diameter", t -> set(t, "/nominalGeometry/subjectDiameterMm", "-250"),
            "$.nominalGeometry.subjectDiameterMm", "expected a number > 0, found -250"),
        new Case("top level not an object", t -> "[1, 2]",
            "$", "expected an object, found an array of 2 elements"),
        new Case("duplicate key", t -> replaceOnce(t, "\"baud\": 115200,", "\"baud\": 115200, \"baud\": 9600,"),
            "$.triggerBoard.baud", "expected each field at most once, found a duplicate field \"baud\""),
        new Case("syntax error: missing comma", t -> replaceOnce(t, "\"baud\": 115200,", "\"baud\": 115200"),
            "$.triggerBoard", "expected valid JSON, found a syntax error: Unexpected character ('\"'"),
        new Case("syntax error: trailing content", t -> t + "\n{}",
            "$", "expected the end of the file after the top-level value, found more content ({)"),
        new Case("empty file", t -> "  ",
            "$", "expected a JSON object, found an empty file"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void malformedFileIsRejectedNamingPathAndExpectation(Case c) {
    String text = c.edit().apply(TestRigs.validText());
    RigValidationException e = assertThrows(RigValidationException.class, () -> RigFiles.parse("rig.json", text));
    List<RigProblem> atPath = e.problems().stream().filter(p -> p.path().equals(c.path())).toList();
    assertEquals(1, atPath.size(), () -> "one problem at " + c.path() + " in\n" + e.getMessage());
    String message = atPath.get(0).message();
    assertTrue(message.startsWith("rig.json: " + c.path() + ": expected "), message);
    assertTrue(message.contains(c.expected()), () -> "'" + c.expected() + "' in\n" + message);
    assertTrue(atPath.get(0).line() > 0 && atPath.get(0).column() > 0, message);
    assertTrue(message.endsWith("(line " + atPath.get(0).line() + ", column " + atPath.get(0).column() + ")"), message);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void baseFileIsValid() throws RigValidationException {
    RigDescription rig = RigFiles.parse("rig.json", TestRigs.validText());
    assertEquals(List.of("cam0", "cam1", "proj0", "proj1", "light0", "light1"), rig.deviceIds());
    assertEquals(RigDescription.DEFAULT_WORLD_FRAME, rig.worldFrame());
    assertEquals(4, rig.cameras().get(1).intrinsics().orElseThrow().distortion().length);
    assertTrue(rig.cameras().get(1).dualPixel().splitAxis().isEmpty());
    assertEquals(115200, rig.triggerBoard().baud().orElseThrow());
  }

  @Test
  void allProblemsAreCollectedInDocumentOrderThenCrossReferences() {
    String text = TestRigs.validText();
    text = set(text, "/cameras/0/resolution/width", "-5");
    text = set(text, "/cameras/1/pixelPitchUm", "\"small\"");
    text = set(text, "/lights/0/id", "\"cam0\"");
    text = set(text, "/triggerBoard/channels/2/target", "\"nobody\"");
    text = remove(text, "/projectors/1/model");
    List<RigProblem> problems = RigFiles.checkText("rig.json", text);
    assertEquals(List.of("$.cameras[0].resolution.width", "$.cameras[1].pixelPitchUm", "$.projectors[1].model",
        "$.lights[0].id", "$.triggerBoard.channels[2].target",
        // light0 no longer exists (its id became the duplicate "cam0"), so its channel has no target.
        "$.triggerBoard.channels[5].target"), problems.stream().map(RigProblem::path).toList());
  }

  @Test
  void lineAndColumnPointAtTheOffendingKey() {
    String text = replaceOnce(TestRigs.validText(), "\"pixelPitchUm\": 5.36,", "\"pixelPitchUm\": -5.36,");
    RigProblem p = RigFiles.checkText("rig.json", text).get(0);
    List<String> lines = text.lines().toList();
    int line = 0;
    while (!lines.get(line).contains("-5.36")) {
      line++;
    }
    assertEquals(line + 1, p.line());
    assertEquals(lines.get(line).indexOf("\"pixelPitchUm\"") + 1, p.column());
    assertEquals("rig.json: $.cameras[1].pixelPitchUm: expected a number > 0, found -5.36 (line " + (line + 1)
        + ", column " + p.column() + ")", p.message());
  }

  @Test
  void missingFieldIsLocatedAtItsParentObject() {
    String text = remove(TestRigs.validText(), "/cameras/1/lens/fNumber");
    RigProblem p = RigFiles.checkText("rig.json", text).get(0);
    List<String> lines = text.lines().toList();
    int secondLens = java.util.stream.IntStream.range(0, lines.size())
        .filter(i -> lines.get(i).contains("\"lens\"")).skip(1).findFirst().orElseThrow();
    assertEquals("$.cameras[1].lens.fNumber", p.path());
    assertEquals(secondLens + 1, p.line());
  }

  @Test
  void commentsAreAllowed() throws RigValidationException {
    String text = "// a comment\n/* block */" + replaceOnce(TestRigs.validText(), "\"version\": 1,", "\"version\": 1, // v1");
    assertEquals("test-rig", RigFiles.parse("rig.json", text).id());
  }
}
