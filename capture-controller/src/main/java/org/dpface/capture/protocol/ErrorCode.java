package org.dpface.capture.protocol;

/**
 * Error codes carried by {@link Message.Error} (docs/trigger-protocol.md, "Errors"). The meaning of the
 * error's {@code detail} field is given per code.
 */
public enum ErrorCode {
  /** Frame header checked but the CRC-16 did not; detail = declared payload length. Host: resend. */
  BAD_CRC(1),
  /** Declared length over the limit, or wrong for the type; detail = the length received. */
  BAD_LENGTH(2),
  /** TYPE not a command of this protocol version; detail = 0. */
  UNKNOWN_TYPE(3),
  /** Command not allowed in the board's state (e.g. FIRE before ARM); detail = board state code. */
  BAD_STATE(4),
  /** Plan longer than the board can hold; detail = the board's maximum step count. */
  SEQUENCE_TOO_LONG(5),
  /** Board is firing and cannot take this command; detail = steps fired so far. */
  BUSY(6),
  /** A field is out of range; detail = byte offset of the field in the payload. */
  BAD_PAYLOAD(7),
  /** HELLO asked for a protocol version the board does not speak; detail = board's version. */
  VERSION_MISMATCH(8);

  private final int code;

  ErrorCode(int code) {
    this.code = code;
  }

  /** The code byte. */
  public int code() {
    return code;
  }

  /** The error with this code byte, or null if unknown. */
  public static ErrorCode of(int code) {
    for (ErrorCode e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    return null;
  }
}
