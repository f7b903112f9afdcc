package org.dpface.capture.device;

import java.time.Duration;
import org.dpface.rigs.Resolution;
import org.dpface.rigs.SplitAxis;

/**
 * A dual-pixel camera whose shutter is fired by the trigger board. The host arms it for a number of
 * exposures, the board fires, and the host collects one {@link DpFrame} per exposure in order.
 *
 * <p>Implementations: {@link FileReplayCamera} (serves PNG pairs from a directory); virtual cameras
 * (rendered by the rigs module) and tethered physical cameras plug in the same way.
 */
public interface DpCamera extends Device {

  /** Size of each DP view in pixels, as delivered. */
  Resolution resolution();

  /** The image axis along which the DP views are displaced. */
  SplitAxis splitAxis();

  /**
   * Prepares for {@code exposures} shutters of {@code exposureMicros} each; forgets frames of any
   * earlier arm that were not collected.
   */
  void arm(int exposures, long exposureMicros) throws DeviceException;

  /**
   * The next frame of the current arm, waiting at most {@code timeout}.
   *
   * @param boardMicros the board timestamp of the step that fired this exposure, recorded in the frame
   *     (−1 if unknown)
   * @throws FrameTimeoutException if none arrives in time
   * @throws DeviceException if the camera is not armed, all armed frames were delivered, or reading failed
   */
  DpFrame nextFrame(long boardMicros, Duration timeout) throws DeviceException;
}
