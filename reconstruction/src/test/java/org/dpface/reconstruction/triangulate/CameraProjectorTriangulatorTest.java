package org.dpface.reconstruction.triangulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.dpface.reconstruction.struct.TriangulationRejection;
import org.junit.jupiter.api.Test;

class CameraProjectorTriangulatorTest {
  /**
   * Noise-free error bound (mm): the truth passes through float32 storage (projector coordinates ~6e-5 px,
   * depth and points ~6e-5 mm at 1 m), which maps to ~1e-4 mm; everything else is double.
   */
  static final double EXACT_TOL_MM = 1e-3;
  /** Noisy (0.05 px) median and p95 bounds (mm), about 1.5x the measured figures. */
  static final double NOISY_MEDIAN_MM = 0.1;
  static final double NOISY_P95_MM = 0.3;
  /** Fraction of lit, visible pixels that must survive the checks (grazing rim pixels go). */
  static final double MIN_COVERAGE = 0.93;

  static final CameraModel CAM = TriangulationScene.distorted(TriangulationScene.camera(0), -0.08, 0.02, 6e-4,
      -4e-4, 0);
  static final CameraModel PROJ = TriangulationScene.distorted(TriangulationScene.projector(), 0.05, -0.01,
      -5e-4, 3e-4, 0);
  static final RigidTransform W2C = TriangulationScene.worldToCamera(0);
  static final RigidTransform W2P = TriangulationScene.worldToProjector();
  static final TriangulationScene.Truth EXACT = TriangulationScene.decode(CAM, W2C, PROJ, W2P, 0, 1);

  static TriangulatedView run(TriangulationConfig cfg, int threads, DecodedMaps d) {
    TriangulatedView v = new TriangulatedView();
    try (CameraProjectorTriangulator t = new CameraProjectorTriangulator(cfg, threads)) {
      t.triangulate(d, CAM, W2C, PROJ, W2P, v);
    }
    return v;
  }

  @Test
  void noiseFreePointsMatchTruthWithDistortionForEveryMethod() {
    assertTrue(EXACT.countValid() > 50_000, "scene covers the head: " + EXACT.countValid());
    for (TriangulationMethod m : TriangulationMethod.values()) {
      TriangulatedView v = run(TriangulationConfig.defaults().withMethod(m), 1, EXACT.decoded);
      PointErrors e = PointErrors.of(v, EXACT);
      assertTrue(e.max() < EXACT_TOL_MM, m + ": max error " + e.max());
      assertTrue(e.depthMax() < EXACT_TOL_MM, m + ": max depth error " + e.depthMax());
      assertTrue(e.coverage() > MIN_COVERAGE, m + ": coverage " + e.coverage());
      assertEquals(v.camera(), CAM);
      assertEquals(v.worldToCamera(), W2C);
      // the depth map back-projects to the points (same pixel ray) for the camera-ray method
      if (m == TriangulationMethod.CAMERA_RAY) {
        double[] b = new double[6];
        RigidTransform c2w = W2C.invert();
        for (int y = 0; y < v.height(); y += 7) {
          for (int x = 0; x < v.width(); x += 7) {
            if (v.mask.get(x, y) == 1) {
              CAM.backProject(x, y, v.depth.get(x, y), b, 0);
              c2w.transformPoint(b[0], b[1], b[2], b, 3);
              for (int a = 0; a < 3; a++) {
                assertEquals(b[3 + a], v.points.get(x, y, a), EXACT_TOL_MM);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void noisyCodesGiveBoundedErrorAndConfidenceInRange() {
    TriangulationScene.Truth noisy = TriangulationScene.decode(CAM, W2C, PROJ, W2P, 0.05, 7);
    TriangulatedView v = run(TriangulationConfig.defaults(), 1, noisy.decoded);
    PointErrors e = PointErrors.of(v, noisy);
    assertTrue(e.median() < NOISY_MEDIAN_MM, "median " + e.median());
    assertTrue(e.p95() < NOISY_P95_MM, "p95 " + e.p95());
    assertTrue(e.coverage() > MIN_COVERAGE, "coverage " + e.coverage());
    for (int y = 0; y < v.height(); y++) {
      for (int x = 0; x < v.width(); x++) {
        float c = v.confidence.get(x, y);
        if (v.mask.get(x, y) == 1) {
          assertTrue(c > 0 && c <= TriangulationScene.DECODER_CONFIDENCE, "confidence " + c);
        } else {
          assertEquals(0f, c);
          assertEquals(0f, v.depth.get(x, y));
          assertTrue(Float.isNaN(v.points.get(x, y, 0)));
        }
      }
    }
  }

  @Test
  void singleAxisRayPlaneIsExactWithDistortion() {
    for (boolean keepColumns : new boolean[] {true, false}) {
      DecodedMaps d = copy(EXACT.decoded);
      (keepColumns ? d.projV : d.projU).fill(Float.NaN);
      TriangulatedView v = run(TriangulationConfig.defaults(), 1, d);
      PointErrors e = PointErrors.of(v, EXACT);
      // projector rows are nearly parallel to the baseline here: the row planes are poorly conditioned, so
      // fewer of them pass the triangulation-angle check, but those that do are exact
      assertTrue(e.max() < EXACT_TOL_MM, (keepColumns ? "columns" : "rows") + ": max error " + e.max());
      if (keepColumns) {
        assertTrue(e.coverage() > MIN_COVERAGE, "coverage " + e.coverage());
      }
    }
  }

  @Test
  void depthRangeRejectsExactlyTheFarPoints() {
    double far = 920;
    TriangulatedView v = run(TriangulationConfig.defaults().withDepthRange(500, far), 1, EXACT.decoded);
    int rejected = 0;
    for (int y = 0; y < v.height(); y++) {
      for (int x = 0; x < v.width(); x++) {
        double z = EXACT.depth[y * v.width() + x];
        if (z > far + EXACT_TOL_MM) {
          assertEquals(TriangulationRejection.DEPTH_RANGE.code(), v.reason.data[v.reason.indexOf(x, y)]);
          rejected++;
        } else if (z > 0 && z < far - EXACT_TOL_MM && v.mask.get(x, y) == 0) {
          byte r = v.reason.data[v.reason.indexOf(x, y)];
          assertTrue(r == TriangulationRejection.INCIDENCE.code() || r == TriangulationRejection.ISOLATED.code(),
              "near pixel rejected for " + TriangulationRejection.fromCode(r));
        }
      }
    }
    assertTrue(rejected > 5_000, "far pixels: " + rejected);
  }

  @Test
  void wrongCodesAreRejectedForTheRightReason() {
    DecodedMaps d = copy(EXACT.decoded);
    Random rnd = new Random(11);
    int w = d.width();
    boolean[] offLine = new boolean[w * d.height()];
    boolean[] spike = new boolean[w * d.height()];
    double[] b = new double[6];
    RigidTransform c2p = W2C.invert().then(W2P);
    // outliers on a 6-pixel lattice with random jitter so no two are 4-neighbours
    for (int y = 3; y < d.height() - 3; y += 6) {
      for (int x = 3; x < w - 3; x += 6) {
        int xx = x + rnd.nextInt(3) - 1;
        int yy = y + rnd.nextInt(3) - 1;
        int k = yy * w + xx;
        if (!EXACT.valid(xx, yy) || !interior(xx, yy)) {
          continue;
        }
        if (rnd.nextBoolean()) {
          // off the epipolar line: 25 projector rows
          d.projV.set(xx, yy, d.projV.get(xx, yy) + 25);
          offLine[k] = true;
        } else {
          // along the epipolar line: a 10 mm depth spike with intersecting rays
          double z = EXACT.depth[k] + 10;
          CAM.backProject(xx, yy, z, b, 0);
          c2p.transformPoint(b[0], b[1], b[2], b, 3);
          PROJ.project(b[3], b[4], b[5], b, 0);
          d.projU.set(xx, yy, (float) b[0]);
          d.projV.set(xx, yy, (float) b[1]);
          spike[k] = true;
        }
      }
    }
    TriangulatedView v = run(TriangulationConfig.defaults(), 1, d);
    int nOff = 0;
    int nSpike = 0;
    for (int y = 0; y < d.height(); y++) {
      for (int x = 0; x < w; x++) {
        byte r = v.reason.data[v.reason.indexOf(x, y)];
        if (offLine[y * w + x]) {
          assertEquals(TriangulationRejection.RAY_DISTANCE, TriangulationRejection.fromCode(r));
          nOff++;
        } else if (spike[y * w + x]) {
          assertEquals(TriangulationRejection.INCIDENCE, TriangulationRejection.fromCode(r));
          nSpike++;
        }
      }
    }
    assertTrue(nOff > 200 && nSpike > 200, nOff + " off-line, " + nSpike + " spikes");
    // neighbours of outliers survive: coverage of the clean pixels barely drops, and they stay exact
    PointErrors e = PointErrors.of(v, EXACT);
    assertTrue(e.max() < EXACT_TOL_MM, "max error " + e.max());
    assertTrue(e.count() > MIN_COVERAGE * (EXACT.countValid() - nOff - nSpike), "coverage " + e.coverage());
  }

  private static boolean interior(int x, int y) {
    for (int dy = -2; dy <= 2; dy++) {
      for (int dx = -2; dx <= 2; dx++) {
        if (!EXACT.valid(x + dx, y + dy)) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void isolatedPointsAreRejected() {
    DecodedMaps d = copy(EXACT.decoded);
    for (int y = 0; y < d.height(); y++) {
      for (int x = 0; x < d.width(); x++) {
        if (x % 2 == 1 || y % 2 == 1) {
          d.mask.set(x, y, 0);
        }
      }
    }
    TriangulatedView v = run(TriangulationConfig.defaults(), 1, d);
    assertEquals(0, v.countValid());
    assertTrue(v.count(TriangulationRejection.ISOLATED) > 10_000);
  }

  @Test
  void multiThreadedOutputIsIdenticalToSingleThreaded() {
    TriangulationScene.Truth noisy = TriangulationScene.decode(CAM, W2C, PROJ, W2P, 0.05, 3);
    for (TriangulationMethod m : TriangulationMethod.values()) {
      TriangulationConfig cfg = TriangulationConfig.defaults().withMethod(m);
      TriangulatedView st = run(cfg, 1, noisy.decoded);
      TriangulatedView mt = run(cfg, 3, noisy.decoded);
      assertViewsIdentical(st, mt);
    }
  }

  static void assertViewsIdentical(TriangulatedView a, TriangulatedView b) {
    assertArrayEquals(a.points.data, b.points.data);
    assertArrayEquals(a.depth.data, b.depth.data);
    assertArrayEquals(a.confidence.data, b.confidence.data);
    assertArrayEquals(a.rayDistance.data, b.rayDistance.data);
    assertArrayEquals(a.mask.data, b.mask.data);
    assertArrayEquals(a.reason.data, b.reason.data);
  }

  static DecodedMaps copy(DecodedMaps s) {
    DecodedMaps d = new DecodedMaps();
    d.reshape(s.width(), s.height());
    d.projU.setTo(s.projU);
    d.projV.setTo(s.projV);
    d.mask.setTo(s.mask);
    d.confidence.setTo(s.confidence);
    d.reason.setTo(s.reason);
    return d;
  }
}
