package org.dpface.capture.run;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.dpface.capture.board.FireResult;
import org.dpface.capture.board.TriggerBoard;
import org.dpface.capture.device.Device;
import org.dpface.capture.device.DpCamera;
import org.dpface.capture.device.Light;
import org.dpface.capture.device.Projector;
import org.dpface.rigs.RigDescription;

/**
 * The live devices of one rig, as the capture code drives them: the trigger board, the cameras,
 * projectors and lights named in the rig description, and observers told of every FIRE result (the
 * virtual rig's wiring; empty for a physical rig, whose devices see the board's lines directly).
 * Closing closes every device; the board is closed too.
 *
 * @param description the rig description the devices were made from
 * @param board the trigger board
 * @param cameras cameras in capture order (immutable copy)
 * @param projectors projectors (immutable copy)
 * @param lights lights (immutable copy)
 * @param fireObservers told of each FIRE result right after the board returns it (immutable copy)
 */
public record CaptureRig(
    RigDescription description, TriggerBoard board, List<DpCamera> cameras, List<Projector> projectors,
    List<Light> lights, List<Consumer<FireResult>> fireObservers) implements AutoCloseable {
  public CaptureRig {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(board, "board");
    cameras = List.copyOf(cameras);
    projectors = List.copyOf(projectors);
    lights = List.copyOf(lights);
    fireObservers = List.copyOf(fireObservers);
  }

  /** The camera with {@code id}. */
  public DpCamera camera(String id) {
    return cameras.stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("rig " + description.id() + " has no camera " + id));
  }

  /** The projector with {@code id}. */
  public Projector projector(String id) {
    return projectors.stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("rig " + description.id() + " has no projector " + id));
  }

  /** Every device other than the board: cameras, projectors, lights. */
  public List<Device> devices() {
    List<Device> all = new java.util.ArrayList<>();
    all.addAll(cameras);
    all.addAll(projectors);
    all.addAll(lights);
    return all;
  }

  @Override
  public void close() {
    devices().forEach(Device::close);
    board.close();
  }
}
