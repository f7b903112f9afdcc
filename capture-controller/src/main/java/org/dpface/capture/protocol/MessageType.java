package org.dpface.capture.protocol;

/**
 * Message types of protocol version {@value Protocol#VERSION}. Host commands are 0x01..0x7F, board messages
 * 0x80..0xFF (docs/trigger-protocol.md, "Messages").
 */
public enum MessageType {
  HELLO(0x01),
  ARM(0x02),
  FIRE(0x03),
  STATUS(0x04),
  ABORT(0x05),
  PING(0x06),
  REPORT(0x07),
  IDENTIFY(0x81),
  ARMED(0x82),
  FIRING(0x83),
  STEP_DONE(0x84),
  SEQUENCE_DONE(0x85),
  STATUS_REPORT(0x86),
  ABORTED(0x87),
  PONG(0x88),
  STEP_LOG(0x89),
  BOOT(0x8A),
  ERROR(0x8F);

  private static final MessageType[] BY_CODE = new MessageType[256];

  static {
    for (MessageType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  /** The TYPE byte. */
  public int code() {
    return code;
  }

  /** True for messages the board sends. */
  public boolean fromBoard() {
    return code >= 0x80;
  }

  /** The type with this TYPE byte, or null if protocol version 1 does not define it. */
  public static MessageType of(int code) {
    return (code & ~0xFF) == 0 ? BY_CODE[code] : null;
  }
}
