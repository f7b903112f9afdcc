package org.dpface.reconstruction.struct;

/**
 * Projector image axis a pattern encodes: {@link #X} = projector column u, {@link #Y} = projector row v
 * (pixel centres at integer coordinates, as everywhere in dpface).
 */
public enum Axis {
  X("x"),
  Y("y");

  private final String jsonName;

  Axis(String jsonName) {
    this.jsonName = jsonName;
  }

  /** Name used in sequence files: {@code "x"} or {@code "y"}. */
  public String jsonName() {
    return jsonName;
  }

  /** Number of projector pixels along this axis. */
  public int extent(int projectorWidth, int projectorHeight) {
    return this == X ? projectorWidth : projectorHeight;
  }

  /** The axis with this sequence-file name, or null. */
  public static Axis fromJson(String name) {
    for (Axis a : values()) {
      if (a.jsonName.equals(name)) {
        return a;
      }
    }
    return null;
  }
}
