package org.dpface.core.geom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Tests of {@link Rotations} against the defining properties of rotations and Rodrigues' formula. */
class RotationsTest {
  /** Orthonormality and determinant of computed rotation matrices. */
  static final double ORTHO_TOL = 1e-14;
  /** Element-wise agreement of rotation matrices and rotation vectors (radians). */
  static final double ROT_TOL = 1e-13;

  private static final long QT_SEED = 7_2024L;
  private static final int EXAMPLES = 3000;

  /** Unit axis from (z, phi) uniform on the sphere. */
  static double[] axis(double z, double phi) {
    double s = Math.sqrt(1 - z * z);
    return new double[] {s * Math.cos(phi), s * Math.sin(phi), z};
  }

  static double[] scale(double[] v, double k) {
    return new double[] {v[0] * k, v[1] * k, v[2] * k};
  }

  static double[] mul(double[] r, double[] v) {
    return new double[] {
      r[0] * v[0] + r[1] * v[1] + r[2] * v[2],
      r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
      r[6] * v[0] + r[7] * v[1] + r[8] * v[2]
    };
  }

  /** Angle (rad) of R1^T R2: how far apart two rotations are. */
  static double rotationDistance(double[] r1, double[] r2) {
    double[] m = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m[i * 3 + j] = r1[i] * r2[j] + r1[3 + i] * r2[3 + j] + r1[6 + i] * r2[6 + j];
      }
    }
    return Rotations.angle(m);
  }

  private static Gen<Double> zs() {
    return doubles().between(-1, 1);
  }

  private static Gen<Double> phis() {
    return doubles().between(0, 2 * Math.PI);
  }

  @Test
  void rodriguesGivesAProperRotationAboutTheAxis() {
    qt().withFixedSeed(QT_SEED).withExamples(EXAMPLES)
        .forAll(zs(), phis(), doubles().between(0, 2 * Math.PI))
        .checkAssert((z, phi, theta) -> {
          double[] n = axis(z, phi);
          double[] r = Rotations.rodriguesToMatrix(scale(n, theta));
          assertDoesNotThrow(() -> Rotations.checkRotation(r, ORTHO_TOL));
          assertArrayEquals(n, mul(r, n), ROT_TOL, "the axis is fixed");
          // a unit vector perpendicular to n turns by theta, right-handed about n
          double[] p = Rotations.normalize(Rotations.cross(n, Math.abs(n[0]) < 0.9 ? new double[] {1, 0, 0}
              : new double[] {0, 1, 0}));
          double[] q = mul(r, p);
          double[] c = Rotations.cross(p, q);
          double sin = c[0] * n[0] + c[1] * n[1] + c[2] * n[2];
          double cos = p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
          assertEquals(Math.cos(theta), cos, ROT_TOL);
          assertEquals(Math.sin(theta), sin, ROT_TOL);
          assertEquals(theta <= Math.PI ? theta : 2 * Math.PI - theta, Rotations.angle(r), ROT_TOL);
        });
  }

  @Test
  void rodriguesRoundTripsOverTheWholeRange() {
    qt().withFixedSeed(QT_SEED).withExamples(EXAMPLES)
        .forAll(zs(), phis(), doubles().between(0, Math.PI))
        .checkAssert((z, phi, theta) -> {
          double[] rv = scale(axis(z, phi), theta);
          assertArrayEquals(rv, Rotations.matrixToRodrigues(Rotations.rodriguesToMatrix(rv)), ROT_TOL);
        });
  }

  @Test
  void rodriguesRoundTripsNearZero() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (double theta : new double[] {0, 1e-300, 1e-20, 1e-12, 1e-9, 1e-8, 1.0000001e-8, 1e-7, 1e-6,
        1.000001e-6, 1e-5, 1e-3}) {
      for (int k = 0; k < 20; k++) {
        double[] rv = scale(axis(rnd.nextDouble(-1, 1), rnd.nextDouble(0, 2 * Math.PI)), theta);
        double[] r = Rotations.rodriguesToMatrix(rv);
        assertDoesNotThrow(() -> Rotations.checkRotation(r, ORTHO_TOL));
        double[] back = Rotations.matrixToRodrigues(r);
        for (int i = 0; i < 3; i++) {
          // relative accuracy even for tiny angles
          assertEquals(rv[i], back[i], 1e-12 * theta + 1e-300, "theta " + theta);
        }
        assertEquals(theta, Rotations.angle(r), 1e-12 * theta + 1e-300);
      }
    }
  }

  @Test
  void rodriguesRoundTripsNearPi() {
    SplittableRandom rnd = new SplittableRandom(12);
    for (double eps : new double[] {1e-1, 1e-3, 1e-5, 2e-6, 1e-6, 5e-7, 1e-7, 1e-9, 1e-12, 1e-15}) {
      double theta = Math.PI - eps;
      for (int k = 0; k < 50; k++) {
        double[] rv = scale(axis(rnd.nextDouble(-1, 1), rnd.nextDouble(0, 2 * Math.PI)), theta);
        double[] r = Rotations.rodriguesToMatrix(rv);
        double[] back = Rotations.matrixToRodrigues(r);
        if (eps >= 1e-12) { // closer to pi the sign of the axis is lost in rounding; both are valid
          assertArrayEquals(rv, back, ROT_TOL, "pi - " + eps);
        }
        assertTrue(rotationDistance(r, Rotations.rodriguesToMatrix(back)) <= ROT_TOL);
      }
    }
    for (int k = 0; k < 50; k++) {
      // exactly pi: n and -n are the same rotation, the angle must be pi
      double[] n = axis(rnd.nextDouble(-1, 1), rnd.nextDouble(0, 2 * Math.PI));
      double[] r = Rotations.rodriguesToMatrix(scale(n, Math.PI));
      double[] back = Rotations.matrixToRodrigues(r);
      assertEquals(Math.PI, Math.sqrt(back[0] * back[0] + back[1] * back[1] + back[2] * back[2]), ROT_TOL);
      double dot = (back[0] * n[0] + back[1] * n[1] + back[2] * n[2]) / Math.PI;
      assertEquals(1, Math.abs(dot), ROT_TOL);
      assertTrue(rotationDistance(r, Rotations.rodriguesToMatrix(back)) <= ROT_TOL);
    }
  }

  @Test
  void anglesAboveTwoPiWrap() {
    double[] n = axis(0.3, 1.1);
    double[] a = Rotations.rodriguesToMatrix(scale(n, 0.7));
    double[] b = Rotations.rodriguesToMatrix(scale(n, 0.7 + 2 * Math.PI));
    assertTrue(rotationDistance(a, b) <= ROT_TOL);
    double[] back = Rotations.matrixToRodrigues(Rotations.rodriguesToMatrix(scale(n, 1.5 * Math.PI)));
    assertArrayEquals(scale(n, -0.5 * Math.PI), back, ROT_TOL, "3/2 pi about n is pi/2 about -n");
  }

  @Test
  void lookAtIsAProperRotationFacingTheTargetWithYDown() {
    qt().withFixedSeed(QT_SEED).withExamples(EXAMPLES)
        .forAll(doubles().between(-2000, 2000), doubles().between(-2000, 2000), doubles().between(-2000, 2000),
            zs().zip(phis(), RotationsTest::axis))
        .checkAssert((ex, ey, ez, up) -> {
          double[] eye = {ex, ey, ez};
          double[] target = {10, -20, 970};
          double[] f = Rotations.sub(target, eye);
          double dist = Math.sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]);
          double[] fwd = scale(f, 1 / dist);
          double upDotFwd = up[0] * fwd[0] + up[1] * fwd[1] + up[2] * fwd[2];
          if (dist < 1 || Math.abs(upDotFwd) > 0.999) {
            return; // degenerate: no unique camera roll
          }
          double[] r = Rotations.lookAt(eye, target, up);
          Rotations.checkRotation(r, ORTHO_TOL);
          assertArrayEquals(fwd, new double[] {r[6], r[7], r[8]}, ROT_TOL, "z axis points at the target");
          double yUp = r[3] * up[0] + r[4] * up[1] + r[5] * up[2];
          assertTrue(yUp < 0, "y axis points down (against up)");
          assertEquals(Math.sqrt(1 - upDotFwd * upDotFwd), -yUp, ROT_TOL, "y is up's negated in-image part");
          assertEquals(0, r[0] * up[0] + r[1] * up[1] + r[2] * up[2], ROT_TOL, "x axis is horizontal");
          // worldToCamera = (R, -R eye) sees the target straight ahead at its distance
          double[] t = scale(mul(r, eye), -1);
          double[] tc = mul(r, target);
          assertArrayEquals(new double[] {0, 0, dist}, new double[] {tc[0] + t[0], tc[1] + t[1], tc[2] + t[2]},
              1e-12 * dist);
        });
  }

  @Test
  void lookAtAlongZWithUpMinusYIsTheIdentity() {
    double[] r = Rotations.lookAt(new double[] {0, 0, 0}, new double[] {0, 0, 500}, new double[] {0, -1, 0});
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, r, 0);
  }

  @Test
  void lookAtRejectsDegenerateInput() {
    double[] eye = {1, 2, 3};
    assertThrows(IllegalArgumentException.class, () -> Rotations.lookAt(eye, eye.clone(), new double[] {0, -1, 0}));
    assertThrows(IllegalArgumentException.class,
        () -> Rotations.lookAt(eye, new double[] {1, 2, 10}, new double[] {0, 0, 1}), "up parallel to view");
  }

  @Test
  void checkRotationRejectsNonRotations() {
    double[] id = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    assertDoesNotThrow(() -> Rotations.checkRotation(id, 1e-12));
    assertThrows(IllegalArgumentException.class,
        () -> Rotations.checkRotation(new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1}, 1e-6), "reflection");
    assertThrows(IllegalArgumentException.class,
        () -> Rotations.checkRotation(new double[] {2, 0, 0, 0, 1, 0, 0, 0, 1}, 1e-6), "scaled");
    assertThrows(IllegalArgumentException.class,
        () -> Rotations.checkRotation(new double[] {1, 1e-3, 0, 0, 1, 0, 0, 0, 1}, 1e-6), "sheared");
    double[] nearly = Rotations.rodriguesToMatrix(new double[] {0.1, 0.2, 0.3});
    nearly[0] += 1e-9;
    assertDoesNotThrow(() -> Rotations.checkRotation(nearly, 1e-6));
    assertThrows(IllegalArgumentException.class, () -> Rotations.checkRotation(nearly, 1e-12));
  }
}
