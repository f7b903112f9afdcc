package org.dpface.capture.device.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dpface.capture.board.FireResult;
import org.dpface.capture.board.StepResult;
import org.dpface.capture.device.DeviceException;
import org.dpface.rigs.ChannelMapping;
import org.dpface.rigs.TriggerBoardSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cables between the trigger board and the virtual devices. A physical board raises output lines
 * the devices see directly; the simulated board's lines are not observable from the host, so the
 * virtual rig takes the board's own report of what fired (the {@link FireResult} of each FIRE: step
 * index, channel mask, board µs) and pulses the devices wired to each raised channel in step order:
 * shutters and lights on the rising edge, projector advance on the falling edge (after the exposure, so
 * the next step sees the next pattern). A step the board did not report as fired reaches no device.
 */
public final class VirtualWiring implements Consumer<FireResult> {
  private static final Logger LOG = LoggerFactory.getLogger(VirtualWiring.class);

  private final List<ChannelMapping> channels;
  private final Map<String, VirtualDpCamera> cameras;
  private final Map<String, VirtualProjector> projectors;
  private final Map<String, VirtualLight> lights;

  /**
   * @param board the rig's trigger board and its channel map
   * @param cameras virtual cameras by id; projectors and lights likewise. Every mapped target must be here.
   */
  public VirtualWiring(TriggerBoardSpec board, Map<String, VirtualDpCamera> cameras,
      Map<String, VirtualProjector> projectors, Map<String, VirtualLight> lights) {
    this.channels = List.copyOf(board.channels());
    this.cameras = Map.copyOf(cameras);
    this.projectors = Map.copyOf(projectors);
    this.lights = Map.copyOf(lights);
    for (ChannelMapping m : channels) {
      boolean known = switch (m.action()) {
        case SHUTTER, FOCUS -> cameras.containsKey(m.target());
        case PROJECTOR_ADVANCE -> projectors.containsKey(m.target());
        case LIGHT -> lights.containsKey(m.target());
      };
      if (!known) {
        throw new IllegalArgumentException("channel " + m.channel() + " (" + m.action().jsonName()
            + ") targets " + m.target() + ", which has no virtual device");
      }
    }
  }

  /** Pulses every device wired to the channels of each fired step, in step order. */
  @Override
  public void accept(FireResult fire) {
    for (StepResult s : fire.steps()) {
      List<VirtualProjector> advance = new ArrayList<>();
      for (ChannelMapping m : channels) {
        if ((s.channelMask() & (1 << m.channel())) == 0) {
          continue;
        }
        switch (m.action()) {
          case SHUTTER -> cameras.get(m.target()).shutter(s.index(), s.boardMicros());
          case LIGHT -> lights.get(m.target()).flash(s.boardMicros());
          case PROJECTOR_ADVANCE -> advance.add(projectors.get(m.target()));
          case FOCUS -> { } // half-press: the virtual cameras are always focused
        }
      }
      for (VirtualProjector p : advance) {
        try {
          p.advance();
        } catch (DeviceException e) {
          LOG.warn("step {}: {}", s.index(), e.getMessage());
        }
      }
    }
  }
}
