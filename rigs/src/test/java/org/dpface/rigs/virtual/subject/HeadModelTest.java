package org.dpface.rigs.virtual.subject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Geometry of the standard head model: proportions, topology, embedding, expressions. */
class HeadModelTest {
  /** Adult head height (vertex to menton), mm. */
  static final double HEIGHT_MIN = 220;
  static final double HEIGHT_MAX = 250;
  /** Cranial breadth, mm. */
  static final double WIDTH_MIN = 140;
  static final double WIDTH_MAX = 160;
  /** Nose tip over the cheek plane, mm. */
  static final double NOSE_MIN = 20;
  static final double NOSE_MAX = 30;
  /** Widening of the nose range for individual subjects, mm. */
  static final double NOSE_SPREAD_MM = 6;
  /** Yawn: chin lowered by, mm. */
  static final double YAWN_CHIN_MIN = 15;
  static final double YAWN_CHIN_MAX = 40;
  /** Frown: inner brows lowered by at least, mm. */
  static final double FROWN_BROW_MIN = 2;
  /** Displacement below which a vertex counts as unmoved, mm. */
  static final double STILL_MM = 1e-3;

  private final HeadModel model = HeadModel.standard();

  @Test
  void sizeAndNames() {
    assertEquals(81_920, model.faceCount());
    assertEquals(40_962, model.vertexCount());
    assertEquals(17, model.identityCount());
    assertEquals(List.of("frown", "yawn"), model.expressionNames());
  }

  @Test
  void meanHeadHasHumanProportions() {
    float[] v = model.mean();
    double height = HeadMeasures.chinY(v) - HeadMeasures.topY(v);
    assertTrue(height >= HEIGHT_MIN && height <= HEIGHT_MAX, "head height " + height);
    double width = HeadMeasures.cranialWidth(v);
    assertTrue(width >= WIDTH_MIN && width <= WIDTH_MAX, "cranial width " + width);
    double nose = HeadMeasures.noseProtrusion(v, SyntheticSubject.noseTipIndex(model));
    assertTrue(nose >= NOSE_MIN && nose <= NOSE_MAX, "nose protrusion " + nose);
  }

  @Test
  void subjectsStayWithinHumanProportions() {
    for (int s = 1; s <= 12; s++) {
      SyntheticSubject subject = SyntheticSubject.create(s, s * 7919L, model);
      float[] v = subject.headVertices(model, Expression.NEUTRAL);
      double height = HeadMeasures.chinY(v) - HeadMeasures.topY(v);
      double width = HeadMeasures.cranialWidth(v);
      double nose = HeadMeasures.noseProtrusion(v, SyntheticSubject.noseTipIndex(model));
      // Identity (clipped at 2.5 sd) spreads proportions: the named ranges widened by 8% (6 mm for the nose).
      assertTrue(height > HEIGHT_MIN * 0.92 && height < HEIGHT_MAX * 1.08, subject.id() + " height " + height);
      assertTrue(width > WIDTH_MIN * 0.92 && width < WIDTH_MAX * 1.08, subject.id() + " width " + width);
      assertTrue(nose > NOSE_MIN - NOSE_SPREAD_MM && nose < NOSE_MAX + NOSE_SPREAD_MM, subject.id() + " nose " + nose);
    }
  }

  @Test
  void everyExpressionIsClosedConsistentAndStarShaped() {
    int[] faces = model.faces();
    assertEquals("", MeshChecks.closedConsistentProblem(faces));
    assertEquals(2, MeshChecks.eulerCharacteristic(model.vertexCount(), faces));
    List<double[]> identities = new ArrayList<>();
    identities.add(new double[0]);
    for (int s = 1; s <= 4; s++) {
      identities.add(SyntheticSubject.create(s, 100 + s, model).identityCoefficients());
    }
    double[] extremePlus = new double[model.identityCount()];
    double[] extremeAlt = new double[model.identityCount()];
    for (int i = 0; i < extremePlus.length; i++) {
      extremePlus[i] = SyntheticSubject.MAX_ABS_COEFFICIENT;
      extremeAlt[i] = (i % 2 == 0 ? 1 : -1) * SyntheticSubject.MAX_ABS_COEFFICIENT;
    }
    identities.add(extremePlus);
    identities.add(extremeAlt);
    for (double[] alpha : identities) {
      for (Expression e : Expression.values()) {
        float[] v = model.vertices(alpha, e.coefficients(model), null);
        assertEquals(0, MeshChecks.facesNotFacingAwayFromOrigin(v, faces), e + " alpha " + java.util.Arrays.toString(alpha));
        assertTrue(MeshChecks.signedVolume(v, faces) > 2.0e6, "outward winding, plausible volume");
      }
    }
  }

  @Test
  void yawnLowersTheChinAndLeavesTheUpperHeadAlone() {
    float[] neutral = model.mean();
    float[] yawn = model.vertices(new double[0], Expression.YAWN.coefficients(model), null);
    int menton = HeadMeasures.menton(neutral);
    double drop = yawn[menton * 3 + 1] - neutral[menton * 3 + 1];
    assertTrue(drop >= YAWN_CHIN_MIN && drop <= YAWN_CHIN_MAX, "chin drop " + drop);
    float[] d = model.expressionBasis(model.expressionIndex("yawn"));
    for (int i = 0; i < neutral.length; i += 3) {
      if (neutral[i + 1] < 0) { // above the ear canals: forehead, eyes, scalp
        assertTrue(Math.abs(d[i]) + Math.abs(d[i + 1]) + Math.abs(d[i + 2]) < STILL_MM, "vertex " + i / 3 + " moved");
      }
    }
  }

  @Test
  void frownLowersInnerBrowsAndLeavesTheBackAlone() {
    float[] neutral = model.mean();
    float[] d = model.expressionBasis(model.expressionIndex("frown"));
    for (double side : new double[] {-1, 1}) {
      int brow = HeadMeasures.nearestFront(neutral, side * 17, MeanHeadShape.BROW_Y - 1);
      assertTrue(d[brow * 3 + 1] > FROWN_BROW_MIN, "inner brow moves down: " + d[brow * 3 + 1]);
      assertTrue(d[brow * 3] * side < 0, "inner brow moves toward the midline: " + d[brow * 3]);
      int lateral = HeadMeasures.nearestFront(neutral, side * 60, MeanHeadShape.BROW_Y - 30);
      assertTrue(Math.abs(d[lateral * 3 + 1]) < 0.5, "temple nearly still");
    }
    for (int i = 0; i < neutral.length; i += 3) {
      if (neutral[i + 2] > 0) {
        assertTrue(Math.abs(d[i]) + Math.abs(d[i + 1]) + Math.abs(d[i + 2]) < STILL_MM, "back of head moved");
      }
    }
  }

  @Test
  void linearCombinationMatchesDefinition() {
    double[] alpha = SyntheticSubject.create(3, 3, model).identityCoefficients();
    double[] beta = {0.3, 0.6};
    float[] v = model.vertices(alpha, beta, null);
    float[] mean = model.mean();
    int i = 12345 * 3 + 1;
    double expected = mean[i];
    for (int k = 0; k < alpha.length; k++) {
      expected += alpha[k] * model.identityBasis(k)[i];
    }
    expected += 0.3 * model.expressionBasis(0)[i] + 0.6 * model.expressionBasis(1)[i];
    assertEquals(expected, v[i], 1e-3);
  }

  @Test
  void buildIsDeterministic() {
    HeadModel again = HeadModel.buildStandard();
    assertArrayEquals(model.mean(), again.mean());
    assertArrayEquals(model.faces(), again.faces());
    for (int i = 0; i < model.identityCount(); i++) {
      assertArrayEquals(model.identityBasis(i), again.identityBasis(i));
    }
    for (int j = 0; j < model.expressionCount(); j++) {
      assertArrayEquals(model.expressionBasis(j), again.expressionBasis(j));
    }
  }
}
