package org.dpface.rigs;

/**
 * What a trigger-board channel does to its target: fire a camera shutter, pulse a camera's focus
 * (half-press) line, advance a projector to its next pattern, or switch a light.
 */
public enum TriggerAction {
  SHUTTER("shutter", DeviceKind.CAMERA),
  FOCUS("focus", DeviceKind.CAMERA),
  PROJECTOR_ADVANCE("projector-advance", DeviceKind.PROJECTOR),
  LIGHT("light", DeviceKind.LIGHT);

  private final String jsonName;
  private final DeviceKind targetKind;

  TriggerAction(String jsonName, DeviceKind targetKind) {
    this.jsonName = jsonName;
    this.targetKind = targetKind;
  }

  /** The spelling used in rig files. */
  public String jsonName() {
    return jsonName;
  }

  /** The kind of device this action must target. */
  public DeviceKind targetKind() {
    return targetKind;
  }
}
