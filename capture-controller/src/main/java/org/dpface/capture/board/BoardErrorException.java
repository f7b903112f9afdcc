package org.dpface.capture.board;

import org.dpface.capture.protocol.ErrorCode;

/** The board answered a command with an ERROR frame. */
public final class BoardErrorException extends TriggerBoardException {
  private final ErrorCode code;
  private final int detail;

  /**
   * @param code the error (null if the board sent a code this version does not know)
   * @param detail the error's detail field (meaning per {@link ErrorCode})
   */
  public BoardErrorException(String message, ErrorCode code, int detail) {
    super(message);
    this.code = code;
    this.detail = detail;
  }

  /** The error code, null if unknown to this protocol version. */
  public ErrorCode code() {
    return code;
  }

  /** The detail field. */
  public int detail() {
    return detail;
  }
}
