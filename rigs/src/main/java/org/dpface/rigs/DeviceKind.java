package org.dpface.rigs;

/** The three kinds of rig device that carry an id (ids are unique across all kinds). */
public enum DeviceKind {
  CAMERA("camera"),
  PROJECTOR("projector"),
  LIGHT("light");

  private final String label;

  DeviceKind(String label) {
    this.label = label;
  }

  /** Lower-case noun used in messages. */
  public String label() {
    return label;
  }
}
