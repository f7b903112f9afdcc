package org.dpface.capture.board;

/**
 * A trigger board: fires camera shutters, focus, projector advance and lights on a timed plan and reports
 * when each step happened on its own microsecond clock.
 *
 * <p>Typical use: {@link #identify()}, {@link #arm(TriggerPlan)}, {@link #fire()} (blocks until the plan has
 * run), repeat {@code fire()} for a retake of the same plan. Implementations: {@link SerialTriggerBoard}
 * (a microcontroller on a serial port speaking docs/trigger-protocol.md).
 */
public interface TriggerBoard extends AutoCloseable {

  /** Handshake: protocol version, firmware, channel count, limits, boot nonce. */
  BoardInfo identify() throws TriggerBoardException;

  /**
   * Loads {@code plan}; replaces any plan loaded before.
   *
   * @throws BoardErrorException if the board refuses it (too long, channel it lacks, busy firing)
   */
  void arm(TriggerPlan plan) throws TriggerBoardException;

  /**
   * Fires the armed plan and waits for it to finish.
   *
   * @return one result per fired step with the board's timestamps
   * @throws BoardRebootedException if the board rebooted before the plan finished
   */
  FireResult fire() throws TriggerBoardException;

  /** The board's current state. */
  BoardStatus status() throws TriggerBoardException;

  /** Stops a running plan after its current step (no-op if none runs). */
  void abort() throws TriggerBoardException;

  /** Releases the port. */
  @Override
  void close();
}
