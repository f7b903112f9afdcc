package org.dpface.rigs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.junit.jupiter.api.Test;

class CameraSpecTest {
  static final double REL_TOL = 1e-12;
  static final double PX_TOL = 1e-9;

  static CameraSpec camera(Optional<Intrinsics> intrinsics, Pose pose) {
    return new CameraSpec("cam", "test", new Resolution(480, 640), 96.48, new LensSpec(135, 5.6, 970),
        DualPixelSpec.of(SplitAxis.VERTICAL), intrinsics, DriverSpec.of("virtual"), pose);
  }

  /** Blur from image distances: the aperture cone converging at v_Z cut by the sensor at v_g. */
  static double blurFromImageDistances(double f, double n, double g, double z) {
    double vg = 1 / (1 / f - 1 / g);
    double vz = 1 / (1 / f - 1 / z);
    return (f / n) * (vg - vz) / vz;
  }

  @Test
  void blurDiameterMatchesTheThinLensConstruction() {
    CameraSpec c = camera(Optional.empty(), Pose.identity());
    for (double z : new double[] {300, 845, 969, 970, 971, 1095, 5000, 1e6}) {
      double expected = blurFromImageDistances(135, 5.6, 970, z);
      assertEquals(expected, c.blurDiameterMm(z), REL_TOL * Math.max(1, Math.abs(expected)), "Z=" + z);
      assertEquals(c.blurDiameterMm(z) / 0.09648, c.blurDiameterPx(z), 1e-9);
    }
    assertEquals(0.0, c.blurDiameterMm(970), 1e-15);
    assertTrue(c.blurDiameterMm(1095) > 0, "behind the focus plane: positive");
    assertTrue(c.blurDiameterMm(845) < 0, "in front of the focus plane: negative");
    // Z -> infinity: (f/N) f / (g - f).
    assertEquals(135 / 5.6 * 135 / (970 - 135), c.lens().blurDiameterMm(Double.POSITIVE_INFINITY), 1e-12);
    // Worked example at the back of a 250 mm head: 0.4449 mm = 4.61 px of 96.48 um.
    assertEquals(0.4449, c.blurDiameterMm(1095), 5e-4);
  }

  @Test
  void derivedModelImagesTheFocusPlaneWithThinLensMagnification() {
    CameraSpec c = camera(Optional.empty(), Pose.identity());
    CameraModel m = c.nominalModel();
    double vg = 135 / (1 - 135.0 / 970);
    assertEquals(vg / 0.09648, m.fx(), 1e-9);
    assertEquals(m.fx(), m.fy());
    assertEquals(239.5, m.cx());
    assertEquals(319.5, m.cy());
    assertTrue(!m.isDistorted());
    // A point X mm off-axis on the focus plane lands X * (v_g / g) mm from the centre on the sensor.
    double[] uv = new double[2];
    m.project(100, -50, 970, uv, 0);
    assertEquals(100 * vg / 970 / 0.09648, uv[0] - m.cx(), PX_TOL);
    assertEquals(-50 * vg / 970 / 0.09648, uv[1] - m.cy(), PX_TOL);
    double[] fov = c.fieldOfViewRad();
    assertEquals(2 * Math.atan(480 * 0.09648 / 2 / vg), fov[0], 1e-12);
    assertEquals(2 * Math.atan(640 * 0.09648 / 2 / vg), fov[1], 1e-12);
  }

  @Test
  void explicitIntrinsicsAreUsedAsGiven() {
    double[] dist = {0.1, -0.02, 0.001, 0.0005, 0.003};
    CameraSpec c = camera(Optional.of(new Intrinsics(1600, 1610, 240.25, 320.75, dist)), Pose.identity());
    CameraModel m = c.nominalModel();
    assertEquals(new CameraModel(480, 640, 1600, 1610, 240.25, 320.75, dist), m);
    dist[0] = 9; // the spec copied the array
    assertEquals(0.1, c.intrinsics().orElseThrow().distortion()[0]);
  }

  @Test
  void poseIsCameraToWorldAndItsInverseIsWorldToCamera() {
    Pose pose = VirtualRigLayout.poseAt(30, 10);
    CameraSpec c = camera(Optional.empty(), pose);
    RigidTransform camToWorld = c.cameraToWorld().toTransform();
    assertArrayEquals(pose.translationMm().toArray(), camToWorld.apply(new double[3]), 1e-12,
        "the camera centre is the translation");
    double[] centre = c.worldToCamera().apply(VirtualRigLayout.CENTRE.toArray());
    assertEquals(0.0, centre[0], 1e-6);
    assertEquals(0.0, centre[1], 1e-6);
    assertEquals(970.0, centre[2], 1e-6);
    // Image "up" (-y of the camera) has no world +y component: up stays up.
    double[] up = new double[3];
    camToWorld.transformDirection(0, -1, 0, up, 0);
    assertTrue(up[1] < 0);
    double[] back = c.worldToCamera().then(camToWorld).apply(new double[] {12, -34, 56});
    assertArrayEquals(new double[] {12, -34, 56}, back, 1e-9);
    // Rodrigues -> matrix -> Rodrigues agrees to rounding (not bit for bit).
    assertArrayEquals(pose.rodrigues().toArray(), Pose.of(pose.toTransform()).rodrigues().toArray(), 1e-15);
  }

  @Test
  void throwRatioLightsAPlaneOfWidthDistanceOverRatio() {
    ProjectorSpec p = new ProjectorSpec("proj", "test", new Resolution(800, 600), Optional.empty(),
        OptionalDouble.of(2.0), DriverSpec.of("virtual"), Pose.identity());
    CameraModel m = p.nominalModel();
    double d = 970;
    double half = d / 2.0 / 2;
    double[] uv = new double[2];
    m.project(-half, 0, d, uv, 0);
    assertEquals(-0.5, uv[0], PX_TOL);
    m.project(half, 0, d, uv, 0);
    assertEquals(799.5, uv[0], PX_TOL);
    assertEquals(299.5, uv[1], PX_TOL);
  }

  @Test
  void rotationMatrixInAFileBecomesTheSameTransform() throws RigValidationException {
    RigDescription rig = RigFiles.parse("rig.json", TestRigs.validText());
    RigidTransform t = rig.camera("cam1").orElseThrow().cameraToWorld().toTransform();
    double[] expected = {0, 0, -1, 0, 1, 0, 1, 0, 0};
    assertArrayEquals(expected, t.rotation(), 1e-15);
    assertArrayEquals(new double[] {970, 0, 970}, t.translation(), 0);
  }
}
