package org.dpface.core.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Unit and property tests of {@link CameraModel} against analytic ground truth. Property tests draw a
 * camera index (seeded {@link RandomCameras}, half of them rational) and a pixel position as fractions
 * of the image size; QuickTheories runs with a fixed seed.
 */
class CameraModelTest {
  /** project(unproject(u, v)) vs (u, v), pixels. */
  static final double ROUND_TRIP_TOL_PX = 1e-9;
  /** Unit length of pixelRay. */
  static final double UNIT_TOL = 1e-15;
  /** Analytic expectations computed in a different order of operations, pixels. */
  static final double ANALYTIC_TOL_PX = 1e-9;

  private static final long QT_SEED = 20240611L;
  private static final int EXAMPLES = 2000;
  private static final int CAMERAS = 16;
  private static final CameraModel[] CAMS = new CameraModel[CAMERAS];

  static {
    for (int i = 0; i < CAMERAS; i++) {
      CAMS[i] = RandomCameras.create(new SplittableRandom(1000 + i), i % 2 == 1).camera();
    }
  }

  /** Camera index, then u and v as fractions in [0, 1) of the pixel extent [-0.5, size - 0.5). */
  private static Gen<Integer> cameras() {
    return integers().between(0, CAMERAS - 1);
  }

  private static Gen<Double> fractions() {
    return doubles().between(0, 0.999999);
  }

  private static double u(CameraModel c, double f) {
    return -0.5 + f * c.width();
  }

  private static double v(CameraModel c, double f) {
    return -0.5 + f * c.height();
  }

  @Test
  void projectOfUnprojectReturnsThePixel() {
    qt().withFixedSeed(QT_SEED).withExamples(EXAMPLES)
        .forAll(cameras(), fractions(), fractions())
        .checkAssert((i, fu, fv) -> {
          CameraModel c = CAMS[i];
          double u = u(c, fu);
          double v = v(c, fv);
          double[] xy = new double[2];
          assertTrue(c.unproject(u, v, xy, 0), "converged inside the image");
          double[] uv = new double[2];
          assertTrue(c.project(xy[0], xy[1], 1, uv, 0));
          assertEquals(u, uv[0], ROUND_TRIP_TOL_PX);
          assertEquals(v, uv[1], ROUND_TRIP_TOL_PX);
        });
  }

  @Test
  void pixelRayIsUnitAndProjectsBackToThePixel() {
    qt().withFixedSeed(QT_SEED).withExamples(EXAMPLES)
        .forAll(cameras(), fractions(), fractions(), doubles().between(1, 5000))
        .checkAssert((i, fu, fv, range) -> {
          CameraModel c = CAMS[i];
          double u = u(c, fu);
          double v = v(c, fv);
          double[] ray = new double[3];
          assertTrue(c.pixelRay(u, v, ray, 0));
          assertEquals(1, Math.sqrt(ray[0] * ray[0] + ray[1] * ray[1] + ray[2] * ray[2]), UNIT_TOL);
          assertTrue(ray[2] > 0, "ray points forward");
          double[] uv = new double[2];
          assertTrue(c.project(ray[0] * range, ray[1] * range, ray[2] * range, uv, 0));
          assertEquals(u, uv[0], ROUND_TRIP_TOL_PX);
          assertEquals(v, uv[1], ROUND_TRIP_TOL_PX);
        });
  }

  @Test
  void backProjectGivesPlanarDepth() {
    qt().withFixedSeed(QT_SEED).withExamples(EXAMPLES)
        .forAll(cameras(), fractions(), fractions(), doubles().between(10, 5000))
        .checkAssert((i, fu, fv, z) -> {
          CameraModel c = CAMS[i];
          double u = u(c, fu);
          double v = v(c, fv);
          double[] p = new double[4];
          p[0] = Double.NaN; // offset 1: the method must write at off only
          assertTrue(c.backProject(u, v, z, p, 1));
          assertEquals(z, p[3], 0, "planar Z, not ray length");
          double[] ray = new double[3];
          c.pixelRay(u, v, ray, 0);
          assertEquals(0, (p[1] * ray[1] - p[2] * ray[0]) / z, 1e-15, "on the pixel's ray");
          double[] uv = new double[2];
          assertTrue(c.project(p[1], p[2], p[3], uv, 0));
          assertEquals(u, uv[0], ROUND_TRIP_TOL_PX);
          assertEquals(v, uv[1], ROUND_TRIP_TOL_PX);
        });
  }

  @Test
  void scaledKeepsProjectionsOnTheScaledPixelGrid() {
    qt().withFixedSeed(QT_SEED).withExamples(EXAMPLES)
        .forAll(cameras(), doubles().between(0.1, 4), fractions(), fractions())
        .checkAssert((i, s, fx, fy) -> {
          CameraModel c = CAMS[i];
          CameraModel sc = c.scaled(s, (int) Math.round(c.width() * s), (int) Math.round(c.height() * s));
          double[] xy = new double[2];
          c.unproject(u(c, fx), v(c, fy), xy, 0);
          double[] uv = new double[2];
          double[] uvs = new double[2];
          c.project(xy[0] * 700, xy[1] * 700, 700, uv, 0);
          sc.project(xy[0] * 700, xy[1] * 700, 700, uvs, 0);
          assertEquals(s * (uv[0] + 0.5), uvs[0] + 0.5, ANALYTIC_TOL_PX);
          assertEquals(s * (uv[1] + 0.5), uvs[1] + 0.5, ANALYTIC_TOL_PX);
        });
  }

  @Test
  void scaledByHalfMapsPixelCentresOfA2x2BlockToTheirMean() {
    CameraModel c = CameraModel.pinhole(640, 480, 500, 319.5, 239.5);
    CameraModel half = c.scaled(0.5, 320, 240);
    assertEquals(320, half.width());
    assertEquals(240, half.height());
    assertEquals(250, half.fx(), 0);
    // Full-resolution pixels 0 and 1 average to half-resolution pixel 0: centre 0.5 -> 0.
    assertEquals(159.5, half.cx(), 0);
    assertEquals(119.5, half.cy(), 0);
  }

  @Test
  void projectMatchesTheDocumentedFormula() {
    double[] d = {-0.21, 0.07, 4e-4, -7e-4, -0.012, 0.05, -0.01, 0.003};
    CameraModel c = new CameraModel(1600, 1200, 1500, 1490, 801.2, 597.7, d);
    double x = 137.0;
    double y = -91.0;
    double z = 811.0;
    double xn = x / z;
    double yn = y / z;
    double r2 = xn * xn + yn * yn;
    double radial = (1 + d[0] * r2 + d[1] * r2 * r2 + d[4] * r2 * r2 * r2)
        / (1 + d[5] * r2 + d[6] * r2 * r2 + d[7] * r2 * r2 * r2);
    double xd = xn * radial + 2 * d[2] * xn * yn + d[3] * (r2 + 2 * xn * xn);
    double yd = yn * radial + d[2] * (r2 + 2 * yn * yn) + 2 * d[3] * xn * yn;
    double[] uv = {Double.NaN, 7, 7};
    assertTrue(c.project(x, y, z, uv, 1));
    assertEquals(1500 * xd + 801.2, uv[1], ANALYTIC_TOL_PX);
    assertEquals(1490 * yd + 597.7, uv[2], ANALYTIC_TOL_PX);
    assertTrue(Double.isNaN(uv[0]), "writes at the offset only");
  }

  @Test
  void projectRejectsPointsAtOrBehindTheCamera() {
    CameraModel c = CAMS[1];
    double[] uv = {42, 43};
    assertFalse(c.project(1, 2, 0, uv, 0));
    assertFalse(c.project(1, 2, -5, uv, 0));
    assertFalse(c.project(1, 2, Double.NaN, uv, 0));
    assertArrayEquals(new double[] {42, 43}, uv, 0, "output left untouched");
  }

  @Test
  void principalPointProjectsFromTheOpticalAxis() {
    for (CameraModel c : CAMS) {
      double[] uv = new double[2];
      c.project(0, 0, 1234, uv, 0);
      assertEquals(c.cx(), uv[0], 0);
      assertEquals(c.cy(), uv[1], 0);
      double[] ray = new double[3];
      c.pixelRay(c.cx(), c.cy(), ray, 0);
      assertArrayEquals(new double[] {0, 0, 1}, ray, 0);
    }
  }

  @Test
  void undistortConvergesOverTheImageOfEveryRandomCamera() {
    double[] xy = new double[2];
    for (CameraModel c : CAMS) {
      for (int row = -1; row <= c.height(); row += 7) {
        for (int col = -1; col <= c.width(); col += 7) {
          assertTrue(c.unproject(col, row, xy, 0), () -> c + " at pixel " + "(" + xy[0] + ", " + xy[1] + ")");
        }
      }
    }
  }

  @Test
  void undistortReportsFailureWhereTheDistortionHasNoInverse() {
    // Barrel k1 = -0.5: r_d = r (1 - r^2/2) peaks at r = sqrt(2/3) with r_d = 0.5443; any larger distorted
    // radius has no preimage in the monotonic region, so no valid ray exists.
    CameraModel c = new CameraModel(1000, 1000, 500, 500, 499.5, 499.5, -0.5, 0, 0, 0);
    double[] xy = new double[2];
    assertTrue(c.undistortNormalized(0.5, 0, xy, 0), "inside the monotonic region");
    double[] back = new double[2];
    c.distortNormalized(xy[0], xy[1], back, 0);
    assertEquals(0.5, back[0], 1e-15);
    assertTrue(c.undistortNormalized(0, -0.54, xy, 0), "just below the turning point");
    c.distortNormalized(xy[0], xy[1], back, 0);
    assertEquals(-0.54, back[1], 1e-15);
    assertTrue(xy[1] > -Math.sqrt(2.0 / 3), "on the increasing branch");
    for (double rd : new double[] {0.6, 0.8, 1.0, 2.0}) {
      for (double phi = 0; phi < 2 * Math.PI; phi += 0.3) {
        double xd = rd * Math.cos(phi);
        double yd = rd * Math.sin(phi);
        assertFalse(c.undistortNormalized(xd, yd, xy, 0),
            "r_d = " + rd + " phi = " + phi + " gave (" + xy[0] + ", " + xy[1] + ")");
      }
    }
  }

  @Test
  void undistortIsExactWithoutDistortion() {
    CameraModel c = CameraModel.pinhole(100, 80, 90, 49.5, 39.5);
    assertFalse(c.isDistorted());
    double[] xy = new double[2];
    assertTrue(c.unproject(12.25, 70, xy, 0));
    assertEquals((12.25 - 49.5) / 90, xy[0], 0);
    assertEquals((70 - 39.5) / 90, xy[1], 0);
  }

  @Test
  void fromLensUsesFocalLengthOverPixelPitchAndTheImageCentre() {
    // The rig's DSLR: 135 mm lens, 5.36 um pixels.
    CameraModel c = CameraModel.fromLens(6000, 4000, 135, 0.00536);
    assertEquals(135 / 0.00536, c.fx(), 1e-9);
    assertEquals(c.fx(), c.fy(), 0);
    assertEquals(2999.5, c.cx(), 0);
    assertEquals(1999.5, c.cy(), 0);
    assertFalse(c.isDistorted());
    // A point 10 mm right of the axis at the 970 mm focus distance images 10/970 * f px right.
    double[] uv = new double[2];
    c.project(10, 0, 970, uv, 0);
    assertEquals(2999.5 + 10.0 / 970 * 135 / 0.00536, uv[0], 1e-9);
    assertEquals(1999.5, uv[1], 0);
  }

  @Test
  void constructorValidatesItsArguments() {
    assertThrows(IllegalArgumentException.class, () -> new CameraModel(0, 10, 1, 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new CameraModel(10, -1, 1, 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new CameraModel(10, 10, 0, 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new CameraModel(10, 10, 1, -1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new CameraModel(10, 10, Double.NaN, 1, 0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new CameraModel(10, 10, 1, Double.POSITIVE_INFINITY, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new CameraModel(10, 10, 1, 1, Double.NaN, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new CameraModel(10, 10, 1, 1, 0, Double.NEGATIVE_INFINITY));
    for (int n : new int[] {1, 2, 3, 6, 7, 9, 12, 14}) {
      assertThrows(IllegalArgumentException.class, () -> new CameraModel(10, 10, 1, 1, 0, 0, new double[n]),
          n + " coefficients");
    }
    assertThrows(IllegalArgumentException.class,
        () -> new CameraModel(10, 10, 1, 1, 0, 0, 0.1, Double.NaN, 0, 0));
    for (int n : new int[] {0, 4, 5, 8}) {
      assertEquals(8, new CameraModel(10, 10, 1, 1, 0, 0, new double[n]).distortion().length);
    }
  }

  @Test
  void accessorsCopyAndReportTheModel() {
    double[] d = {0.1, -0.02, 1e-4, 2e-4};
    CameraModel c = new CameraModel(640, 480, 600, 610, 320, 240, d);
    d[0] = 99; // the model keeps its own copy
    assertArrayEquals(new double[] {0.1, -0.02, 1e-4, 2e-4, 0, 0, 0, 0}, c.distortion(), 0);
    c.distortion()[0] = 5;
    assertEquals(0.1, c.distortion()[0], 0);
    assertTrue(c.isDistorted());
    assertArrayEquals(new double[] {600, 0, 320, 0, 610, 240, 0, 0, 1}, c.intrinsicMatrix(), 0);
  }

  @Test
  void isInsideUsesPixelEdgesAtHalfPixel() {
    CameraModel c = CameraModel.pinhole(4, 3, 10, 1.5, 1);
    assertTrue(c.isInside(-0.5, -0.5));
    assertTrue(c.isInside(3.49, 2.49));
    assertFalse(c.isInside(3.5, 1));
    assertFalse(c.isInside(1, 2.5));
    assertFalse(c.isInside(-0.51, 1));
    assertFalse(c.isInside(Double.NaN, 1));
  }

  @Test
  void equalsAndHashCodeAgree() {
    CameraModel a = new CameraModel(640, 480, 600, 600, 0.0, 240, 0.1, 0, 0, 0);
    CameraModel b = new CameraModel(640, 480, 600, 600, -0.0, 240, 0.1, -0.0, 0, 0);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a, new CameraModel(640, 480, 600, 600, 0, 240, 0.1, 0, 0, 0, 0, 0, 0, 0));
    assertNotEquals(a, new CameraModel(640, 480, 600, 600, 0, 240, 0.1, 0, 0, 0, 1e-9));
    assertNotEquals(a, new CameraModel(641, 480, 600, 600, 0, 240, 0.1, 0, 0, 0));
  }
}
