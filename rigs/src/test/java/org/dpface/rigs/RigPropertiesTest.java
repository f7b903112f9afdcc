package org.dpface.rigs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties over random valid rigs ({@link RandomRigs}): they validate and round-trip exactly; deleting
 * any required field, negating any strictly positive number or adding an unknown field is always
 * rejected with a problem at exactly that path. The required and positive fields are listed here from
 * the format description, independently of the reader.
 */
class RigPropertiesTest {
  static final long SEED = 20240611L;
  static final int EXAMPLES = 150;

  /** A location in a rig tree: the parent object, the key, and the JSONPath of the member. */
  record Site(ObjectNode parent, String key, String path) {}

  @Test
  void randomValidRigsRoundTripThroughText() {
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      RigDescription rig = RandomRigs.generate(seed);
      assertEquals(List.of(), RigFiles.validate(rig));
      try {
        assertEquals(rig, RigFiles.parse("random.json", RigFiles.toJson(rig)));
      } catch (RigValidationException e) {
        throw new AssertionError(e.getMessage(), e);
      }
    });
  }

  @Test
  void randomValidRigsRoundTripThroughFiles(@TempDir Path dir) {
    qt().withFixedSeed(SEED).withExamples(20).forAll(longs().all()).checkAssert(seed -> {
      RigDescription rig = RandomRigs.generate(seed);
      Path file = dir.resolve("rig.json");
      try {
        RigFiles.write(rig, file);
        assertEquals(rig, RigFiles.read(file));
        try (var files = Files.list(dir)) {
          assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Test
  void deletingAnyRequiredFieldIsRejectedAtItsPath() {
    checkEditedSite(RigPropertiesTest::requiredSites, s -> s.parent().remove(s.key()), "found nothing (required field missing)");
  }

  @Test
  void negatingAnyPositiveNumberIsRejectedAtItsPath() {
    checkEditedSite(RigPropertiesTest::positiveSites, s -> {
      JsonNode v = s.parent().get(s.key());
      s.parent().set(s.key(), v.isInt() ? IntNode.valueOf(-v.intValue()) : DoubleNode.valueOf(-v.doubleValue()));
    }, "found -");
  }

  @Test
  void addingAnUnknownFieldIsRejectedAtItsPath() {
    checkEditedSite(RigPropertiesTest::objectSites, s -> s.parent().put(s.key(), 1), "found an unknown field");
  }

  interface SiteLister {
    void list(JsonNode root, List<Site> out);
  }

  private static void checkEditedSite(SiteLister lister, Consumer<Site> edit, String found) {
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(longs().all(), integers().between(0, 1_000_000))
        .checkAssert((seed, pick) -> {
          ObjectNode root;
          try {
            root = TestRigs.tree(RigFiles.toJson(RandomRigs.generate(seed)));
          } catch (RigValidationException e) {
            throw new AssertionError(e.getMessage(), e);
          }
          List<Site> sites = new ArrayList<>();
          lister.list(root, sites);
          Site site = sites.get(pick % sites.size());
          edit.accept(site);
          List<RigProblem> problems = RigFiles.checkText("edited.json", TestRigs.text(root));
          assertTrue(problems.stream().anyMatch(p -> p.path().equals(site.path()) && p.message().contains(found)
                  && p.message().startsWith("edited.json: " + site.path() + ": expected ")),
              () -> site.path() + " not named in " + problems);
        });
  }

  // --- the format's required and positive fields, from the file format description ---

  static void requiredSites(JsonNode root, List<Site> out) {
    ObjectNode r = (ObjectNode) root;
    add(out, r, "$", "format", "version", "id", "nominalGeometry", "cameras", "triggerBoard");
    add(out, obj(r, "nominalGeometry"), "$.nominalGeometry", "subjectCentreMm", "subjectDiameterMm");
    forEach(r, "cameras", (c, p) -> {
      add(out, c, p, "id", "model", "resolution", "pixelPitchUm", "lens", "dualPixel", "driver", "cameraToWorld");
      add(out, obj(c, "resolution"), p + ".resolution", "width", "height");
      add(out, obj(c, "lens"), p + ".lens", "focalLengthMm", "fNumber", "focusDistanceMm");
      ObjectNode dp = obj(c, "dualPixel");
      add(out, dp, p + ".dualPixel", "present");
      if (dp.get("present").booleanValue()) {
        add(out, dp, p + ".dualPixel", "splitAxis");
      }
      if (c.has("intrinsics")) {
        add(out, obj(c, "intrinsics"), p + ".intrinsics", "fx", "fy", "cx", "cy");
      }
      add(out, obj(c, "driver"), p + ".driver", "type");
      add(out, obj(c, "cameraToWorld"), p + ".cameraToWorld", "translationMm");
    });
    forEach(r, "projectors", (c, p) -> {
      add(out, c, p, "id", "model", "resolution", "driver", "projectorToWorld");
      add(out, obj(c, "resolution"), p + ".resolution", "width", "height");
      if (c.has("intrinsics")) {
        add(out, obj(c, "intrinsics"), p + ".intrinsics", "fx", "fy", "cx", "cy");
      }
      add(out, obj(c, "driver"), p + ".driver", "type");
      add(out, obj(c, "projectorToWorld"), p + ".projectorToWorld", "translationMm");
    });
    forEach(r, "lights", (c, p) -> {
      add(out, c, p, "id", "type", "driver", c.has("positionMm") ? "positionMm" : "directionToLight");
      add(out, obj(c, "driver"), p + ".driver", "type");
    });
    ObjectNode t = obj(r, "triggerBoard");
    add(out, t, "$.triggerBoard", "driver", "channelCount", "channels");
    if (t.get("driver").asText().equals("serial")) {
      add(out, t, "$.triggerBoard", "port", "baud");
    }
    forEach(t, "channels", (c, p) -> add(out, c, p.replace("$", "$.triggerBoard"), "channel", "target", "action"));
  }

  static void positiveSites(JsonNode root, List<Site> out) {
    ObjectNode r = (ObjectNode) root;
    add(out, obj(r, "nominalGeometry"), "$.nominalGeometry", "subjectDiameterMm");
    forEach(r, "cameras", (c, p) -> {
      add(out, c, p, "pixelPitchUm");
      add(out, obj(c, "resolution"), p + ".resolution", "width", "height");
      add(out, obj(c, "lens"), p + ".lens", "focalLengthMm", "fNumber", "focusDistanceMm");
      if (c.has("intrinsics")) {
        add(out, obj(c, "intrinsics"), p + ".intrinsics", "fx", "fy");
      }
    });
    forEach(r, "projectors", (c, p) -> {
      add(out, obj(c, "resolution"), p + ".resolution", "width", "height");
      add(out, c, p, c.has("intrinsics") ? "" : "throwRatio");
      if (c.has("intrinsics")) {
        add(out, obj(c, "intrinsics"), p + ".intrinsics", "fx", "fy");
      }
    });
    ObjectNode t = obj(r, "triggerBoard");
    add(out, t, "$.triggerBoard", "channelCount", t.has("baud") ? "baud" : "");
  }

  /** Every object except free-form driver settings (and anything inside them). */
  static void objectSites(JsonNode node, List<Site> out) {
    objectSites(node, "$", out);
  }

  private static void objectSites(JsonNode node, String path, List<Site> out) {
    if (node instanceof ObjectNode o) {
      out.add(new Site(o, "unexpectedField", path + ".unexpectedField"));
      for (var e : o.properties()) {
        if (!e.getKey().equals("settings")) {
          objectSites(e.getValue(), path + "." + e.getKey(), out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        objectSites(node.get(i), path + "[" + i + "]", out);
      }
    }
  }

  interface ElementVisitor {
    void visit(ObjectNode element, String path);
  }

  private static void forEach(ObjectNode parent, String key, ElementVisitor v) {
    JsonNode arr = parent.get(key);
    if (arr != null) {
      for (int i = 0; i < arr.size(); i++) {
        v.visit((ObjectNode) arr.get(i), "$." + key + "[" + i + "]");
      }
    }
  }

  private static ObjectNode obj(ObjectNode parent, String key) {
    return (ObjectNode) parent.get(key);
  }

  private static void add(List<Site> out, ObjectNode o, String path, String... keys) {
    for (String k : keys) {
      if (!k.isEmpty()) {
        if (!o.has(k)) {
          throw new AssertionError("generated rig lacks " + path + "." + k);
        }
        out.add(new Site(o, k, path + "." + k));
      }
    }
  }
}
