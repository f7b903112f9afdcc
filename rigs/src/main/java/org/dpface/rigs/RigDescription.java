package org.dpface.rigs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A multi-camera structured-light DP rig as described by a rig file ({@code format} "dpface-rig",
 * {@code version} 1): cameras, projectors, lights, the trigger board and the nominal subject geometry.
 * All poses are nominal ({@code deviceToWorld}, mm); the world frame is described by
 * {@code worldFrame} and is camera 0's frame unless that note says otherwise. Read, validate and write
 * with {@link RigFiles}. Immutable (lists are copied).
 *
 * @param id rig id, e.g. "virtual-8cam"
 * @param description one-line human description
 * @param worldFrame note saying what the world frame is
 * @param cameras at least one camera
 * @param projectors projectors (may be empty)
 * @param lights lights (may be empty)
 * @param triggerBoard the trigger board and its channel map
 * @param nominalGeometry where the subject is expected
 */
public record RigDescription(
    String id,
    String description,
    String worldFrame,
    List<CameraSpec> cameras,
    List<ProjectorSpec> projectors,
    List<LightSpec> lights,
    TriggerBoardSpec triggerBoard,
    NominalGeometry nominalGeometry) {
  /** The {@code format} value of every rig file. */
  public static final String FORMAT = "dpface-rig";

  /** The rig-file version this code reads and writes. */
  public static final int VERSION = 1;

  /** {@code worldFrame} when a file gives none. */
  public static final String DEFAULT_WORLD_FRAME = "camera 0 frame (the first camera's optical frame)";

  public RigDescription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(worldFrame, "worldFrame");
    cameras = List.copyOf(cameras);
    projectors = List.copyOf(projectors);
    lights = List.copyOf(lights);
    Objects.requireNonNull(triggerBoard, "triggerBoard");
    Objects.requireNonNull(nominalGeometry, "nominalGeometry");
  }

  /** The camera with this id. */
  public Optional<CameraSpec> camera(String cameraId) {
    return cameras.stream().filter(c -> c.id().equals(cameraId)).findFirst();
  }

  /** The projector with this id. */
  public Optional<ProjectorSpec> projector(String projectorId) {
    return projectors.stream().filter(p -> p.id().equals(projectorId)).findFirst();
  }

  /** The light with this id. */
  public Optional<LightSpec> light(String lightId) {
    return lights.stream().filter(l -> l.id().equals(lightId)).findFirst();
  }

  /** All device ids: cameras, then projectors, then lights, each in file order. */
  public List<String> deviceIds() {
    List<String> ids = new ArrayList<>();
    cameras.forEach(c -> ids.add(c.id()));
    projectors.forEach(p -> ids.add(p.id()));
    lights.forEach(l -> ids.add(l.id()));
    return ids;
  }
}
