package org.dpface.capture.protocol;

/**
 * A frame that passed both CRCs but whose payload does not fit its type: wrong length, unknown type, or a
 * field out of range. The message names the type and the byte offset or field.
 */
public final class ProtocolException extends Exception {
  private final ErrorCode code;
  private final int detail;

  /**
   * @param code the error code a board would answer with
   * @param detail the {@link ErrorCode} detail (payload length or byte offset)
   */
  public ProtocolException(ErrorCode code, int detail, String message) {
    super(message);
    this.code = code;
    this.detail = detail;
  }

  /** The error code a board would answer with. */
  public ErrorCode code() {
    return code;
  }

  /** The detail value for an ERROR reply. */
  public int detail() {
    return detail;
  }
}
