package org.dpface.capture.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpface.capture.board.SerialTriggerBoard;
import org.dpface.capture.board.SimulatedBoard;
import org.dpface.capture.device.virtual.FrameSource;
import org.dpface.capture.device.virtual.SimulatedBoardConnection;
import org.dpface.capture.device.virtual.VirtualDpCamera;
import org.dpface.capture.device.virtual.VirtualLight;
import org.dpface.capture.device.virtual.VirtualProjector;
import org.dpface.capture.device.virtual.VirtualWiring;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.LightSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.SplitAxis;

/**
 * A rig description brought up as virtual devices: one {@link VirtualDpCamera} per camera rendering from
 * a {@link FrameSource}, a {@link VirtualProjector} per projector, a {@link VirtualLight} per light, a
 * {@link SimulatedBoard} behind a {@link SerialTriggerBoard} (pty or in-process), and the
 * {@link VirtualWiring} between them. The same {@link TakeRunner} drives it as a physical rig.
 *
 * @param rig the devices as the capture code sees them
 * @param connection the simulated board and the host's link to it
 * @param cameras the virtual cameras by id (rig order)
 * @param projectors the virtual projectors by id
 * @param lights the virtual lights by id
 */
public record VirtualCaptureRig(
    CaptureRig rig, SimulatedBoardConnection connection, Map<String, VirtualDpCamera> cameras,
    Map<String, VirtualProjector> projectors, Map<String, VirtualLight> lights) implements AutoCloseable {

  /**
   * Brings up {@code description} on virtual devices.
   *
   * @param transport how the host reaches the simulated board
   * @param workDir where pty links go (PTY only; null: a temporary folder removed on close)
   * @param simulator the board simulator (e.g. with a fault injector); started here
   */
  public static VirtualCaptureRig open(RigDescription description, FrameSource source,
      SimulatedBoardConnection.Transport transport, Path workDir, SimulatedBoard simulator, Clock clock)
      throws IOException {
    Map<String, VirtualDpCamera> cams = new LinkedHashMap<>();
    for (CameraSpec c : description.cameras()) {
      SplitAxis axis = c.dualPixel().splitAxis().orElse(SplitAxis.VERTICAL);
      cams.put(c.id(), new VirtualDpCamera(c.id(), c.resolution(), axis, source, clock));
    }
    Map<String, VirtualProjector> projs = new LinkedHashMap<>();
    for (ProjectorSpec p : description.projectors()) {
      projs.put(p.id(), new VirtualProjector(p.id(), clock));
    }
    Map<String, VirtualLight> lights = new LinkedHashMap<>();
    for (LightSpec l : description.lights()) {
      lights.put(l.id(), new VirtualLight(l.id(), clock));
    }
    VirtualWiring wiring = new VirtualWiring(description.triggerBoard(), cams, projs, lights);
    SerialTriggerBoard.Options options = new SerialTriggerBoard.Options(115_200, 200, 3, 500);
    SimulatedBoardConnection conn = SimulatedBoardConnection.open(transport, workDir, simulator, options);
    CaptureRig rig = new CaptureRig(description, conn.board(), List.copyOf(cams.values()),
        List.copyOf(projs.values()), List.copyOf(lights.values()), List.of(wiring));
    return new VirtualCaptureRig(rig, conn, Map.copyOf(cams), Map.copyOf(projs), Map.copyOf(lights));
  }

  @Override
  public void close() {
    rig.close();
    connection.close();
  }
}
