package org.dpface.reconstruction.triangulate;

import org.dpface.core.geom.RigidTransform;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.dpface.reconstruction.struct.TriangulationRejection;

/** Writes one pixel's first-pass result into a {@link TriangulatedView}. */
final class Pass1 {
  private Pass1() {}

  /**
   * @param buf camera-frame point at 0..2, ray distance at {@link TwoViewTriangulation#RAY_DISTANCE};
   *     slots 26..28 are overwritten with the world point
   * @param decoderConfidence kept as the provisional confidence; {@link SurfaceChecks} scales it
   */
  static void write(TriangulatedView out, RigidTransform cameraToWorld, int x, int y, TriangulationRejection why,
      double[] buf, float decoderConfidence) {
    out.rayDistance.data[out.rayDistance.indexOf(x, y)] = (float) buf[TwoViewTriangulation.RAY_DISTANCE];
    if (why != TriangulationRejection.NONE) {
      SurfaceChecks.invalidate(out, x, y, why);
      return;
    }
    cameraToWorld.transformPoint(buf[0], buf[1], buf[2], buf, 26);
    int ip = out.points.indexOf(x, y);
    out.points.data[ip] = (float) buf[26];
    out.points.data[ip + 1] = (float) buf[27];
    out.points.data[ip + 2] = (float) buf[28];
    out.depth.data[out.depth.indexOf(x, y)] = (float) buf[2];
    out.confidence.data[out.confidence.indexOf(x, y)] = decoderConfidence;
    out.mask.data[out.mask.indexOf(x, y)] = 1;
    out.reason.data[out.reason.indexOf(x, y)] = TriangulationRejection.NONE.code();
  }
}
