package org.dpface.rigs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-reference checks of a rig file, run on whatever ids and channel mappings could be read even
 * when other fields were invalid: ids unique across cameras, projectors and lights; every channel in
 * [0, channelCount) and mapped at most once; every mapping targets an existing device of the kind its
 * action needs (shutter/focus: camera, projector-advance: projector, light: light).
 */
final class RigCrossChecks {
  private record Device(String id, DeviceKind kind, String path) {}

  private record Mapping(Integer channel, String target, TriggerAction action, String path) {}

  private final Problems problems;
  private final List<Device> devices = new ArrayList<>();
  private final List<Mapping> mappings = new ArrayList<>();
  private Integer channelCount;
  private String channelCountPath;

  RigCrossChecks(Problems problems) {
    this.problems = problems;
  }

  /** A device id that was read at {@code path} (null ids are ignored). */
  void declare(String id, DeviceKind kind, String path) {
    if (id != null) {
      devices.add(new Device(id, kind, path));
    }
  }

  void channelCount(Integer count, String path) {
    this.channelCount = count;
    this.channelCountPath = path;
  }

  /** A channel mapping at {@code path}; any part may be null when it could not be read. */
  void mapping(Integer channel, String target, TriggerAction action, String path) {
    mappings.add(new Mapping(channel, target, action, path));
  }

  void check() {
    Map<String, Device> byId = new HashMap<>();
    for (Device d : devices) {
      Device first = byId.putIfAbsent(d.id(), d);
      if (first != null) {
        problems.add(d.path(), "an id unique across cameras, projectors and lights",
            "\"" + d.id() + "\" (already used by the " + first.kind().label() + " at " + first.path() + ")");
      }
    }
    Map<Integer, Mapping> byChannel = new HashMap<>();
    for (Mapping m : mappings) {
      if (m.channel() != null) {
        String at = JsonPaths.field(m.path(), "channel");
        if (channelCount != null && m.channel() >= channelCount) {
          problems.add(at, "a channel in [0, " + channelCount + ") (" + channelCountPath + " is "
              + channelCount + ")", String.valueOf(m.channel()));
        }
        Mapping first = byChannel.putIfAbsent(m.channel(), m);
        if (first != null) {
          problems.add(at, "a channel not mapped before",
              m.channel() + " (already mapped at " + first.path() + ")");
        }
      }
      if (m.target() != null) {
        String at = JsonPaths.field(m.path(), "target");
        Device d = byId.get(m.target());
        if (d == null) {
          problems.add(at, "the id of a camera, projector or light of this rig", "\"" + m.target() + "\"");
        } else if (m.action() != null && m.action().targetKind() != d.kind()) {
          problems.add(at, "the id of a " + m.action().targetKind().label() + " (action \""
              + m.action().jsonName() + "\")", "\"" + m.target() + "\", a " + d.kind().label());
        }
      }
    }
  }
}
