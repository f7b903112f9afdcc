package org.dpface.rigs;

/** How the trigger board is reached: a serial port (physical board) or the in-process virtual board. */
public enum TriggerDriver {
  SERIAL("serial"),
  VIRTUAL("virtual");

  private final String jsonName;

  TriggerDriver(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The spelling used in rig files. */
  public String jsonName() {
    return jsonName;
  }
}
