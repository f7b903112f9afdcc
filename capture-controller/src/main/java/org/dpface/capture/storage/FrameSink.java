package org.dpface.capture.storage;

import java.io.IOException;
import org.dpface.capture.board.FireResult;
import org.dpface.capture.device.DpFrame;

/**
 * Where a take's frames go while it is captured: a subject take ({@link TakeWriter}) or a calibration
 * take ({@link CalibrationTakeWriter}). The capture runner records the board's FIRE result, then every
 * frame; the writer verifies and finishes the take itself.
 */
public interface FrameSink {
  /** Records the board's FIRE result (the reference for timestamp checks). */
  void recordFire(FireResult fire) throws IOException;

  /** Stores one DP frame (PNGs, sidecar); an I/O error fails the take. */
  FrameRecord writeFrame(DpFrame frame) throws IOException;
}
