package org.dpface.rigs;

import java.util.Objects;

/**
 * Where the rig expects the subject: the centre of the capture volume in world coordinates (mm) and
 * the diameter (mm) of a sphere that should fit in every camera's view.
 */
public record NominalGeometry(Vec3 subjectCentreMm, double subjectDiameterMm) {
  public NominalGeometry {
    Objects.requireNonNull(subjectCentreMm, "subjectCentreMm");
  }
}
