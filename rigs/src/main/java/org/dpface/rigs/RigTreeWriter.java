package org.dpface.rigs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Maps a {@link RigDescription} to the rig-file JSON tree, the exact inverse of {@link RigTreeReader}:
 * optional parts are written only when present, poses always as {@code rodrigues} + {@code translationMm}.
 */
final class RigTreeWriter {
  private static final JsonNodeFactory N = JsonNodeFactory.instance;

  private RigTreeWriter() {}

  static ObjectNode toTree(RigDescription rig) {
    ObjectNode o = N.objectNode();
    o.put("format", RigDescription.FORMAT);
    o.put("version", RigDescription.VERSION);
    o.put("id", rig.id());
    o.put("description", rig.description());
    o.put("worldFrame", rig.worldFrame());
    ObjectNode g = o.putObject("nominalGeometry");
    g.set("subjectCentreMm", vec(rig.nominalGeometry().subjectCentreMm()));
    g.put("subjectDiameterMm", rig.nominalGeometry().subjectDiameterMm());
    ArrayNode cams = o.putArray("cameras");
    rig.cameras().forEach(c -> cams.add(camera(c)));
    ArrayNode projs = o.putArray("projectors");
    rig.projectors().forEach(p -> projs.add(projector(p)));
    ArrayNode lights = o.putArray("lights");
    rig.lights().forEach(l -> lights.add(light(l)));
    o.set("triggerBoard", trigger(rig.triggerBoard()));
    return o;
  }

  private static ObjectNode camera(CameraSpec c) {
    ObjectNode o = N.objectNode();
    o.put("id", c.id());
    o.put("model", c.model());
    o.set("resolution", resolution(c.resolution()));
    o.put("pixelPitchUm", c.pixelPitchUm());
    ObjectNode lens = o.putObject("lens");
    lens.put("focalLengthMm", c.lens().focalLengthMm());
    lens.put("fNumber", c.lens().fNumber());
    lens.put("focusDistanceMm", c.lens().focusDistanceMm());
    ObjectNode dp = o.putObject("dualPixel");
    dp.put("present", c.dualPixel().present());
    c.dualPixel().splitAxis().ifPresent(a -> dp.put("splitAxis", a.jsonName()));
    c.intrinsics().ifPresent(i -> o.set("intrinsics", intrinsics(i)));
    o.set("driver", driver(c.driver()));
    o.set("cameraToWorld", pose(c.cameraToWorld()));
    return o;
  }

  private static ObjectNode projector(ProjectorSpec p) {
    ObjectNode o = N.objectNode();
    o.put("id", p.id());
    o.put("model", p.model());
    o.set("resolution", resolution(p.resolution()));
    p.intrinsics().ifPresent(i -> o.set("intrinsics", intrinsics(i)));
    p.throwRatio().ifPresent(t -> o.put("throwRatio", t));
    o.set("driver", driver(p.driver()));
    o.set("projectorToWorld", pose(p.projectorToWorld()));
    return o;
  }

  private static ObjectNode light(LightSpec l) {
    ObjectNode o = N.objectNode();
    o.put("id", l.id());
    o.put("type", l.type().jsonName());
    l.directionToLight().ifPresent(d -> o.set("directionToLight", vec(d)));
    l.positionMm().ifPresent(p -> o.set("positionMm", vec(p)));
    o.set("driver", driver(l.driver()));
    return o;
  }

  private static ObjectNode trigger(TriggerBoardSpec t) {
    ObjectNode o = N.objectNode();
    o.put("driver", t.driver().jsonName());
    t.port().ifPresent(p -> o.put("port", p));
    t.baud().ifPresent(b -> o.put("baud", b));
    o.put("channelCount", t.channelCount());
    ArrayNode chans = o.putArray("channels");
    for (ChannelMapping m : t.channels()) {
      ObjectNode c = chans.addObject();
      c.put("channel", m.channel());
      c.put("target", m.target());
      c.put("action", m.action().jsonName());
    }
    return o;
  }

  private static ObjectNode resolution(Resolution r) {
    ObjectNode o = N.objectNode();
    o.put("width", r.width());
    o.put("height", r.height());
    return o;
  }

  private static ObjectNode intrinsics(Intrinsics i) {
    ObjectNode o = N.objectNode();
    o.put("fx", i.fx());
    o.put("fy", i.fy());
    o.put("cx", i.cx());
    o.put("cy", i.cy());
    ArrayNode d = o.putArray("distortion");
    for (double v : i.distortion()) {
      d.add(v);
    }
    return o;
  }

  private static ObjectNode driver(DriverSpec d) {
    ObjectNode o = N.objectNode();
    o.put("type", d.type());
    o.set("settings", d.settings());
    return o;
  }

  private static ObjectNode pose(Pose p) {
    ObjectNode o = N.objectNode();
    o.set("rodrigues", vec(p.rodrigues()));
    o.set("translationMm", vec(p.translationMm()));
    return o;
  }

  private static ArrayNode vec(Vec3 v) {
    return N.arrayNode().add(v.x()).add(v.y()).add(v.z());
  }
}
