package org.dpface.capture.board;

import org.dpface.capture.protocol.BoardState;

/**
 * A trigger board's state at one moment.
 *
 * @param state idle / armed / firing / done
 * @param planId id of the loaded plan (0 if none was ever armed)
 * @param stepsArmed steps of the loaded plan received so far
 * @param stepsFired steps fired by the current or last FIRE
 * @param boardMicros the board's clock, µs since its boot
 * @param lastErrorCode last error code the board sent, 0 if none
 */
public record BoardStatus(BoardState state, int planId, int stepsArmed, int stepsFired, long boardMicros,
    int lastErrorCode) {}
