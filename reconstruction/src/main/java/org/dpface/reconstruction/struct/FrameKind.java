package org.dpface.reconstruction.struct;

/** What one projected frame of a structured-light sequence shows. */
public enum FrameKind {
  /** Full-on frame (projector white). */
  WHITE("white"),
  /** Full-off frame (projector black). */
  BLACK("black"),
  /** Gray-code bit {@code bit} of one axis: bright where that bit of gray(coordinate) is 1. */
  GRAY("gray"),
  /** The inverse of the {@link #GRAY} frame with the same axis and bit. */
  GRAY_INVERSE("grayInverse"),
  /** One step of an N-step sinusoidal phase shift along one axis. */
  PHASE("phase");

  private final String jsonName;

  FrameKind(String jsonName) {
    this.jsonName = jsonName;
  }

  /** Name used in sequence files. */
  public String jsonName() {
    return jsonName;
  }

  /** The kind with this sequence-file name, or null. */
  public static FrameKind fromJson(String name) {
    for (FrameKind k : values()) {
      if (k.jsonName.equals(name)) {
        return k;
      }
    }
    return null;
  }
}
