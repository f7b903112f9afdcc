package org.dpface.rigs.virtual.targets;

import java.util.ArrayList;
import java.util.List;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.geom.Rotations;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.Intrinsics;
import org.dpface.rigs.RigDescription;

/**
 * Test-side projection written out from the rig file's fields (Rodrigues pose, lens, pitch, explicit
 * OpenCV distortion), not through {@code CameraModel.project} or {@code RigidTransform.then}.
 */
final class Projections {
  private Projections() {}

  /** Pixel (u, v, Z) of board point (bx, by, 0) at pose {@code boardToWorld} in camera {@code cam}. */
  static double[] project(CameraSpec cam, RigidTransform boardToWorld, double bx, double by) {
    double[] rb = boardToWorld.rotation();
    double[] tb = boardToWorld.translation();
    double[] xw = new double[3];
    for (int i = 0; i < 3; i++) {
      xw[i] = rb[3 * i] * bx + rb[3 * i + 1] * by + tb[i];
    }
    double[] rc = Rotations.rodriguesToMatrix(cam.cameraToWorld().rodrigues().toArray());
    double[] c = cam.cameraToWorld().translationMm().toArray();
    double[] xc = new double[3];
    for (int i = 0; i < 3; i++) { // R^T (Xw - C): columns of R are the camera axes in the world
      xc[i] = rc[i] * (xw[0] - c[0]) + rc[3 + i] * (xw[1] - c[1]) + rc[6 + i] * (xw[2] - c[2]);
    }
    double x = xc[0] / xc[2];
    double y = xc[1] / xc[2];
    double fx;
    double fy;
    double cx;
    double cy;
    double[] d = new double[5];
    if (cam.intrinsics().isPresent()) {
      Intrinsics in = cam.intrinsics().get();
      fx = in.fx();
      fy = in.fy();
      cx = in.cx();
      cy = in.cy();
      double[] dist = in.distortion();
      System.arraycopy(dist, 0, d, 0, Math.min(5, dist.length));
    } else {
      double f = cam.lens().focalLengthMm();
      double g = cam.lens().focusDistanceMm();
      fx = f * g / (g - f) / cam.pixelPitchMm();
      fy = fx;
      cx = (cam.resolution().width() - 1) / 2.0;
      cy = (cam.resolution().height() - 1) / 2.0;
    }
    double r2 = x * x + y * y;
    double radial = 1 + d[0] * r2 + d[1] * r2 * r2 + d[4] * r2 * r2 * r2;
    double xd = x * radial + 2 * d[2] * x * y + d[3] * (r2 + 2 * x * x);
    double yd = y * radial + d[2] * (r2 + 2 * y * y) + 2 * d[3] * x * y;
    return new double[] {fx * xd + cx, fy * yd + cy, xc[2]};
  }

  /** A copy of {@code rig} whose cameras have explicit intrinsics with OpenCV distortion {@code dist}. */
  static RigDescription withDistortion(RigDescription rig, double... dist) {
    List<CameraSpec> cams = new ArrayList<>();
    for (CameraSpec c : rig.cameras()) {
      var m = c.nominalModel();
      Intrinsics in = new Intrinsics(m.fx(), m.fy() * 1.002, m.cx() + 3, m.cy() - 2, dist);
      cams.add(new CameraSpec(c.id(), c.model(), c.resolution(), c.pixelPitchUm(), c.lens(), c.dualPixel(),
          java.util.Optional.of(in), c.driver(), c.cameraToWorld()));
    }
    return new RigDescription(rig.id(), rig.description(), rig.worldFrame(), cams, rig.projectors(), rig.lights(),
        rig.triggerBoard(), rig.nominalGeometry());
  }
}
