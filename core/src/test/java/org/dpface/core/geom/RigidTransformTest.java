package org.dpface.core.geom;

import static org.dpface.core.geom.RotationsTest.axis;
import static org.dpface.core.geom.RotationsTest.rotationDistance;
import static org.dpface.core.geom.RotationsTest.scale;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Tests of {@link RigidTransform}: composition and inversion identities, factories, accessors. */
class RigidTransformTest {
  /** Rotation agreement, radians. */
  static final double ROT_TOL = 1e-14;
  /** Point agreement for coordinates and translations up to a few metres, mm. */
  static final double POINT_TOL_MM = 1e-10;

  private static final long QT_SEED = 31_337L;
  private static final int EXAMPLES = 2000;

  private static final double[] IDENTITY_R = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  private static Gen<double[]> vectors(double range) {
    Gen<Double> c = doubles().between(-range, range);
    return c.zip(c, c, (x, y, z) -> new double[] {x, y, z});
  }

  /** Uniform axis, angle 0..pi, translation within +-1000 mm per axis. */
  static Gen<RigidTransform> transforms() {
    return doubles().between(-1, 1).zip(doubles().between(0, 2 * Math.PI), doubles().between(0, Math.PI),
        vectors(1000), (z, phi, theta, t) -> RigidTransform.fromRodrigues(scale(axis(z, phi), theta), t));
  }

  private static void assertSameTransform(RigidTransform expected, RigidTransform actual) {
    assertTrue(rotationDistance(expected.rotation(), actual.rotation()) <= ROT_TOL,
        () -> expected + " vs " + actual);
    assertArrayEquals(expected.rotation(), actual.rotation(), ROT_TOL);
    assertArrayEquals(expected.translation(), actual.translation(), POINT_TOL_MM);
  }

  @Test
  void composingWithTheInverseGivesTheIdentity() {
    qt().withFixedSeed(QT_SEED).withExamples(EXAMPLES).forAll(transforms()).checkAssert(aToB -> {
      RigidTransform bToA = aToB.invert();
      assertSameTransform(RigidTransform.identity(), aToB.then(bToA));
      assertSameTransform(RigidTransform.identity(), bToA.then(aToB));
      assertSameTransform(aToB, bToA.invert());
    });
  }

  @Test
  void thenAppliesThisFirstThenNext() {
    qt().withFixedSeed(QT_SEED).withExamples(EXAMPLES)
        .forAll(transforms(), transforms(), vectors(2000))
        .checkAssert((aToB, bToC, p) -> {
          assertArrayEquals(bToC.apply(aToB.apply(p)), aToB.then(bToC).apply(p), POINT_TOL_MM);
          assertArrayEquals(p, aToB.invert().apply(aToB.apply(p)), POINT_TOL_MM);
        });
  }

  @Test
  void compositionIsAssociative() {
    qt().withFixedSeed(QT_SEED).withExamples(EXAMPLES)
        .forAll(transforms(), transforms(), transforms())
        .checkAssert((a, b, c) -> assertSameTransform(a.then(b).then(c), a.then(b.then(c))));
  }

  @Test
  void identityIsNeutral() {
    qt().withFixedSeed(QT_SEED).withExamples(200).forAll(transforms()).checkAssert(t -> {
      assertArrayEquals(t.rotation(), RigidTransform.identity().then(t).rotation(), 0);
      assertArrayEquals(t.translation(), RigidTransform.identity().then(t).translation(), 0);
      assertArrayEquals(t.rotation(), t.then(RigidTransform.identity()).rotation(), 0);
      assertArrayEquals(t.translation(), t.then(RigidTransform.identity()).translation(), 0);
    });
    assertArrayEquals(IDENTITY_R, RigidTransform.identity().rotation(), 0);
    assertArrayEquals(new double[3], RigidTransform.identity().translation(), 0);
  }

  @Test
  void rodriguesAccessorRoundTrips() {
    double[] rv = {0.3, -1.2, 0.4};
    RigidTransform t = RigidTransform.fromRodrigues(rv, new double[] {1, 2, 3});
    assertArrayEquals(rv, t.rodrigues(), 1e-14);
    assertArrayEquals(Rotations.rodriguesToMatrix(rv), t.rotation(), 0);
  }

  @Test
  void pointsAndDirectionsTransformAsDocumented() {
    RigidTransform t = RigidTransform.fromRodrigues(new double[] {0, 0, Math.PI / 2}, new double[] {10, 20, 30});
    // 90 degrees about z: x -> y, y -> -x
    double[] out = {Double.NaN, 0, 0, 0};
    t.transformPoint(1, 2, 3, out, 1);
    assertTrue(Double.isNaN(out[0]), "writes at the offset only");
    assertArrayEquals(new double[] {10 - 2, 20 + 1, 30 + 3}, new double[] {out[1], out[2], out[3]}, 1e-14);
    t.transformDirection(1, 2, 3, out, 0);
    assertArrayEquals(new double[] {-2, 1, 3}, new double[] {out[0], out[1], out[2]}, 1e-15);
    assertArrayEquals(new double[] {8, 21, 33}, t.apply(new double[] {1, 2, 3}), 1e-14);
    double[] m = t.toMatrix4();
    assertEquals(16, m.length);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(t.r(i, j), m[i * 4 + j], 0);
      }
      assertEquals(t.t(i), m[i * 4 + 3], 0);
    }
    assertArrayEquals(new double[] {0, 0, 0, 1}, new double[] {m[12], m[13], m[14], m[15]}, 0);
  }

  @Test
  void originInTargetLocatesTheSourceOrigin() {
    RigidTransform worldToCamera =
        RigidTransform.fromRodrigues(new double[] {0.2, -0.5, 0.1}, new double[] {-40, 15, 900});
    assertArrayEquals(worldToCamera.apply(new double[3]), worldToCamera.originInTarget(), 0);
    double[] cameraCentreInWorld = worldToCamera.invert().originInTarget();
    assertArrayEquals(new double[3], worldToCamera.apply(cameraCentreInWorld), POINT_TOL_MM);
  }

  @Test
  void translationFactoryOnlyShifts() {
    RigidTransform t = RigidTransform.translation(1.5, -2, 3);
    assertArrayEquals(IDENTITY_R, t.rotation(), 0);
    assertArrayEquals(new double[] {2.5, -1, 6}, t.apply(new double[] {1, 1, 3}), 0);
    assertEquals(Math.sqrt(1.5 * 1.5 + 4 + 9), t.translationDistanceTo(RigidTransform.identity()), 1e-15);
  }

  @Test
  void ofValidatesAndCopies() {
    double[] r = Rotations.rodriguesToMatrix(new double[] {0.1, 0.2, -0.3});
    double[] tr = {1, 2, 3};
    RigidTransform t = RigidTransform.of(r, tr);
    r[0] = 5;
    tr[0] = 5;
    assertEquals(1, t.t(0), 0, "keeps its own translation");
    assertTrue(Math.abs(t.r(0, 0)) <= 1, "keeps its own rotation");
    t.rotation()[1] = 9;
    t.translation()[1] = 9;
    assertEquals(2, t.t(1), 0, "accessors return copies");
    assertTrue(Math.abs(t.r(0, 1)) <= 1);

    assertThrows(IllegalArgumentException.class, () -> RigidTransform.of(new double[8], new double[3]));
    assertThrows(IllegalArgumentException.class, () -> RigidTransform.of(IDENTITY_R, new double[2]));
    assertThrows(IllegalArgumentException.class,
        () -> RigidTransform.of(new double[] {1, 0, 0, 0, -1, 0, 0, 0, 1}, new double[3]), "reflection");
    assertThrows(IllegalArgumentException.class,
        () -> RigidTransform.of(new double[] {1.01, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]), "scale");
    double[] nearly = IDENTITY_R.clone();
    nearly[1] = 1e-8;
    RigidTransform.of(nearly, new double[3]); // within the documented 1e-6
  }

  @Test
  void rotationAngleToMeasuresTheRelativeRotation() {
    qt().withFixedSeed(QT_SEED).withExamples(EXAMPLES)
        .forAll(transforms(), doubles().between(-1, 1), doubles().between(0, 2 * Math.PI),
            doubles().between(0, Math.PI))
        .checkAssert((aToB, z, phi, alpha) -> {
          RigidTransform delta = RigidTransform.fromRodrigues(scale(axis(z, phi), alpha), new double[] {7, 8, 9});
          RigidTransform other = aToB.then(delta);
          assertEquals(alpha, aToB.rotationAngleTo(other), 1e-12);
          assertEquals(alpha, other.rotationAngleTo(aToB), 1e-12);
          assertEquals(0, aToB.rotationAngleTo(aToB), 1e-15);
        });
  }

  @Test
  void equalsAndHashCode() {
    RigidTransform a = RigidTransform.fromRodrigues(new double[] {0.1, 0.2, 0.3}, new double[] {1, 2, 3});
    RigidTransform b = RigidTransform.fromRodrigues(new double[] {0.1, 0.2, 0.3}, new double[] {1, 2, 3});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, RigidTransform.fromRodrigues(new double[] {0.1, 0.2, 0.3}, new double[] {1, 2, 3.001}));
    assertNotEquals(a, RigidTransform.identity());
  }
}
