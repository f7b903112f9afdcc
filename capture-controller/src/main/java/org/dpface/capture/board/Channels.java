package org.dpface.capture.board;

/**
 * The channel assignment of the physical rig (DESIGN.md: 8 DP cameras, projectors, 6 lights) on a
 * 16-channel trigger board. Boards with fewer channels use a prefix; the protocol itself only sees masks.
 */
public final class Channels {
  /** Channels 0..7: shutter release of camera 0..7. */
  public static final int CAMERA_SHUTTER_0 = 0;
  /** Channel 8: focus (half-press) line shared by all cameras. */
  public static final int FOCUS = 8;
  /** Channel 9: projector pattern advance. */
  public static final int PROJECTOR_ADVANCE = 9;
  /** Channels 10..15: light 0..5. */
  public static final int LIGHT_0 = 10;
  /** Cameras on the rig. */
  public static final int CAMERAS = 8;
  /** Lights on the rig. */
  public static final int LIGHTS = 6;

  private Channels() {}

  /** Mask of camera {@code i}'s shutter. */
  public static int camera(int i) {
    check(i, CAMERAS, "camera");
    return 1 << (CAMERA_SHUTTER_0 + i);
  }

  /** Mask of all camera shutters. */
  public static int allCameras() {
    return ((1 << CAMERAS) - 1) << CAMERA_SHUTTER_0;
  }

  /** Mask of light {@code i}. */
  public static int light(int i) {
    check(i, LIGHTS, "light");
    return 1 << (LIGHT_0 + i);
  }

  /** Mask of the focus line. */
  public static int focus() {
    return 1 << FOCUS;
  }

  /** Mask of the projector advance line. */
  public static int projectorAdvance() {
    return 1 << PROJECTOR_ADVANCE;
  }

  private static void check(int i, int n, String what) {
    if (i < 0 || i >= n) {
      throw new IllegalArgumentException(what + " index " + i + " not in 0.." + (n - 1));
    }
  }
}
