package org.dpface.capture.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dpface.capture.session.CapturePlan;
import org.dpface.capture.session.TakeSpec;

/** Builds and reads the JSON of journal events and sidecars (package-private helpers). */
final class Events {
  static final String JOURNAL_FORMAT = "dpface-session-journal";
  static final String SESSION_FORMAT = "dpface-session";
  static final String TAKE_FORMAT = "dpface-take";
  static final String FRAME_FORMAT = "dpface-frame";
  static final int VERSION = 1;

  static final String SESSION = "session";
  static final String PLANNED = "take-planned";
  static final String STARTED = "take-started";
  static final String FIRED = "fired";
  static final String FRAME = "frame";
  static final String COMPLETED = "take-completed";
  static final String FAILED = "take-failed";
  static final String INTERRUPTED = "take-interrupted";
  static final String SUPERSEDED = "take-superseded";

  private Events() {}

  static ObjectNode event(String type, String takeId) {
    ObjectNode o = Journal.JSON.createObjectNode();
    o.put("event", type);
    if (takeId != null) {
      o.put("take", takeId);
    }
    return o;
  }

  static ObjectNode header(String format) {
    ObjectNode o = Journal.JSON.createObjectNode();
    o.put("format", format);
    o.put("version", VERSION);
    return o;
  }

  static ObjectNode plan(CapturePlan plan) {
    ObjectNode o = Journal.JSON.createObjectNode();
    ArrayNode takes = o.putArray("takes");
    plan.takes().forEach(t -> takes.add(t.label()));
    o.put("structuredLightFrames", plan.structuredLightFrames());
    ArrayNode lights = o.putArray("lightIds");
    plan.lightIds().forEach(lights::add);
    return o;
  }

  static CapturePlan plan(JsonNode o) {
    List<TakeSpec> takes = new ArrayList<>();
    o.path("takes").forEach(n -> takes.add(TakeSpec.parse(n.asText())));
    List<String> lights = new ArrayList<>();
    o.path("lightIds").forEach(n -> lights.add(n.asText()));
    return new CapturePlan(takes, o.path("structuredLightFrames").asInt(), lights);
  }

  static void putFrame(ObjectNode o, FrameRecord r) {
    o.put("camera", r.cameraId());
    o.put("step", r.step());
    o.put("exposureMicros", r.exposureMicros());
    o.put("boardMicros", r.boardMicros());
    o.put("hostTime", r.hostTime());
    o.put("left", RawLayout.leftPng(r.cameraId(), r.step()));
    o.put("right", RawLayout.rightPng(r.cameraId(), r.step()));
    o.put("leftSha256", r.leftSha256());
    o.put("rightSha256", r.rightSha256());
    o.put("bytes", r.bytes());
    if (r.sensorBits() > 0) {
      o.put("sensorBits", r.sensorBits());
    }
  }

  static FrameRecord frame(JsonNode o) {
    return new FrameRecord(o.path("camera").asText(), o.path("step").asInt(), o.path("exposureMicros").asLong(),
        o.path("boardMicros").asLong(), o.path("hostTime").asText(), o.path("leftSha256").asText(),
        o.path("rightSha256").asText(), o.path("bytes").asLong(), o.path("sensorBits").asInt(0));
  }

  /**
   * Every sensor bit depth each camera's frames report: camera → the distinct values, 0 among them when
   * some frame did not report one. The one grouping behind {@link #sensorBits} and {@link TakeVerifier}'s
   * mixed-depth check.
   */
  static Map<String, SortedSet<Integer>> reportedSensorBits(Collection<FrameRecord> frames) {
    Map<String, SortedSet<Integer>> depths = new TreeMap<>();
    for (FrameRecord r : frames) {
      depths.computeIfAbsent(r.cameraId(), k -> new TreeSet<>()).add(r.sensorBits());
    }
    return depths;
  }

  /**
   * Each camera's sensor bit depth as its frames report it: camera → bits for every camera whose frames all
   * report the same known depth (cameras with an unknown or mixed depth are left out; {@link TakeVerifier}
   * fails a take with mixed depths).
   */
  static Map<String, Integer> sensorBits(Collection<FrameRecord> frames) {
    Map<String, Integer> bits = new TreeMap<>();
    reportedSensorBits(frames).forEach((cam, depths) -> {
      if (depths.size() == 1 && depths.first() > 0) {
        bits.put(cam, depths.first());
      }
    });
    return bits;
  }

  /** Writes {@link #sensorBits} as the object {@code sensorBits} of {@code o}, when any camera has one. */
  static void putSensorBits(ObjectNode o, Collection<FrameRecord> frames) {
    Map<String, Integer> bits = sensorBits(frames);
    if (!bits.isEmpty()) {
      ObjectNode n = o.putObject("sensorBits");
      bits.forEach(n::put);
    }
  }

  static Optional<String> text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }
}
