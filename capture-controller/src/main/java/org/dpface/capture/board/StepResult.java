package org.dpface.capture.board;

/**
 * One fired step as the board reported it.
 *
 * @param index step index in the plan
 * @param channelMask channels raised
 * @param boardMicros rising-edge time on the board's clock, µs since its boot
 */
public record StepResult(int index, int channelMask, long boardMicros) {}
