package org.dpface.capture.protocol;

/** The board's state machine (docs/trigger-protocol.md, "Board states"); the code is the wire byte. */
public enum BoardState {
  /** No complete plan loaded (after boot, or while ARM chunks are still arriving). */
  IDLE(0),
  /** A complete plan is loaded and can be fired. */
  ARMED(1),
  /** Executing the plan. */
  FIRING(2),
  /** The plan ran to its end; it stays loaded and may be fired again or reported. */
  DONE(3);

  private final int code;

  BoardState(int code) {
    this.code = code;
  }

  /** The state byte. */
  public int code() {
    return code;
  }

  /** The state with this code byte, or null if unknown. */
  public static BoardState of(int code) {
    for (BoardState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
