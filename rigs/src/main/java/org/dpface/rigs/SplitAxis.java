package org.dpface.rigs;

/**
 * The image axis along which a dual-pixel camera's two half-aperture views are displaced, i.e. the
 * direction of DP disparity: {@link #HORIZONTAL} = along u (columns), {@link #VERTICAL} = along v
 * (rows). A DSLR whose DP photodiodes split left/right on the sensor, mounted in portrait orientation
 * (as in the reference facial DP dataset), has a vertical split axis in its image.
 */
public enum SplitAxis {
  HORIZONTAL("horizontal"),
  VERTICAL("vertical");

  private final String jsonName;

  SplitAxis(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The spelling used in rig files. */
  public String jsonName() {
    return jsonName;
  }
}
