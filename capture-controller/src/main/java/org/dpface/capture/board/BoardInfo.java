package org.dpface.capture.board;

/**
 * What a trigger board said about itself in its handshake.
 *
 * @param port the port path (or link name) it was reached on
 * @param protocolVersion protocol version it speaks
 * @param firmware firmware version "major.minor.patch"
 * @param boardId serial number
 * @param channelCount output channels (mask bits that may be set)
 * @param maxSteps longest plan it holds
 * @param timerResolutionNanos resolution of its microsecond clock, ns
 * @param bootNonce random per boot; a different value later means the board rebooted
 * @param bootCount boots since flashing
 */
public record BoardInfo(String port, int protocolVersion, String firmware, long boardId, int channelCount,
    int maxSteps, int timerResolutionNanos, long bootNonce, long bootCount) {}
