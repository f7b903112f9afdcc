package org.dpface.rigs.virtual.subject;

/** Capture distances: the nose tip's distance (mm) from camera 0's centre in the front pose. */
public enum SubjectDistance {
  FORWARD(850),
  BACKWARD(1100);

  private final double noseToCameraMm;

  SubjectDistance(double noseToCameraMm) {
    this.noseToCameraMm = noseToCameraMm;
  }

  /** Nominal nose-tip to camera-0 distance, mm. */
  public double noseToCameraMm() {
    return noseToCameraMm;
  }
}
