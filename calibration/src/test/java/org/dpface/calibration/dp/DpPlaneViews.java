package org.dpface.calibration.dp;

import java.util.ArrayList;
import java.util.List;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.virtual.render.RowExecutor;
import org.dpface.rigs.virtual.render.SensorModel;
import org.dpface.rigs.virtual.targets.TexturedPlane;

/**
 * DP calibration views of the virtual rig: a speckle plane ({@link TexturedPlane}) tilted about the
 * camera's x axis at several depths, both halves exposed as raw 14-bit frames ({@link
 * SensorModel#defaults()}), the truth planar depth beside them.
 */
final class DpPlaneViews {
  private DpPlaneViews() {}

  /**
   * @param depthsMm plane centre depths (mm)
   * @param tiltRad plane tilt about x (rad); alternates sign per plane
   * @param depthScale multiplies the depth maps handed to the calibrator (1 = truth)
   */
  static List<DpView> render(CameraSpec camera, double[] depthsMm, double tiltRad, double depthScale, long seed) {
    List<DpView> views = new ArrayList<>();
    GrayF32 left = new GrayF32(1, 1);
    GrayF32 right = new GrayF32(1, 1);
    // speckle of about 4 pixel footprints at the focus distance
    double feature = 4 * camera.lens().focusDistanceMm() * camera.pixelPitchMm() / camera.lens().sensorDistanceMm();
    SensorModel sensor = SensorModel.defaults();
    try (TexturedPlane plane = new TexturedPlane(1200, feature, seed, 2); RowExecutor rows = new RowExecutor(2)) {
      for (int p = 0; p < depthsMm.length; p++) {
        RigidTransform pose = TexturedPlane.facing(depthsMm[p], p % 2 == 0 ? tiltRad : -tiltRad);
        GrayF32 depth = new GrayF32(1, 1);
        GrayU8 mask = new GrayU8(1, 1);
        plane.render(camera, pose, left, right, depth, mask);
        GrayU16 l16 = new GrayU16(1, 1);
        GrayU16 r16 = new GrayU16(1, 1);
        sensor.expose(left, seed, 2L * p, l16, rows);
        sensor.expose(right, seed, 2L * p + 1, r16, rows);
        if (depthScale != 1) {
          for (int i = 0; i < depth.data.length; i++) {
            depth.data[i] *= (float) depthScale;
          }
        }
        views.add(DpView.ofU16("plane" + p + "@" + (int) depthsMm[p], l16, r16, depth, mask));
      }
    }
    return views;
  }
}
