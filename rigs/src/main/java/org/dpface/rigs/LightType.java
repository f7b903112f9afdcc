package org.dpface.rigs;

/** Kind of light source: directional (at infinity, given by a direction) or point (given by a position). */
public enum LightType {
  DIRECTIONAL("directional"),
  POINT("point");

  private final String jsonName;

  LightType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The spelling used in rig files. */
  public String jsonName() {
    return jsonName;
  }
}
