package org.dpface.reconstruction.triangulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.dpface.reconstruction.struct.TriangulationRejection;
import org.junit.jupiter.api.Test;

class CameraCameraTriangulatorTest {
  /**
   * Noise-free bounds (mm). Unlike the projector path, the match in B interpolates B's code map, which on a
   * faceted mesh is piecewise smooth with kinks at triangle edges, so the affine fit adds a small bias.
   */
  static final double EXACT_MEDIAN_MM = 0.005;
  static final double EXACT_P95_MM = 0.05;
  /** Noisy (0.05 px on both cameras' codes) bounds (mm). */
  static final double NOISY_MEDIAN_MM = 0.06;
  static final double NOISY_P95_MM = 0.2;
  /** Fraction of A's lit pixels that must be triangulated (some are not seen by B). */
  static final double MIN_COVERAGE = 0.7;

  static final CameraModel CAM_A = TriangulationScene.distorted(TriangulationScene.camera(0), -0.08, 0.02, 6e-4,
      -4e-4, 0);
  static final CameraModel CAM_B = TriangulationScene.distorted(TriangulationScene.camera(1), 0.04, -0.01, -3e-4,
      2e-4, 0);
  static final RigidTransform W2A = TriangulationScene.worldToCamera(0);
  static final RigidTransform W2B = TriangulationScene.worldToCamera(1);
  /** The projector is unknown to the triangulator; here it is only the source of the codes. */
  static final CameraModel PROJ = TriangulationScene.projector();
  static final RigidTransform W2P = TriangulationScene.worldToProjector();

  static TriangulatedView run(TriangulationConfig cfg, int threads, DecodedMaps a, DecodedMaps b) {
    TriangulatedView v = new TriangulatedView();
    try (CameraCameraTriangulator t = new CameraCameraTriangulator(cfg, threads)) {
      t.triangulate(a, CAM_A, W2A, b, CAM_B, W2B, v);
    }
    return v;
  }

  @Test
  void noiseFreeMatchesTruth() {
    TriangulationScene.Truth a = TriangulationScene.decode(CAM_A, W2A, PROJ, W2P, 0, 1);
    TriangulationScene.Truth b = TriangulationScene.decode(CAM_B, W2B, PROJ, W2P, 0, 2);
    TriangulatedView v = run(TriangulationConfig.defaults(), 1, a.decoded, b.decoded);
    PointErrors e = PointErrors.of(v, a);
    assertTrue(e.median() < EXACT_MEDIAN_MM, "median " + e.median());
    assertTrue(e.p95() < EXACT_P95_MM, "p95 " + e.p95());
    assertTrue(e.coverage() > MIN_COVERAGE, "coverage " + e.coverage());
    assertTrue(v.count(TriangulationRejection.NO_MATCH) > 0, "part of A's surface is hidden from B");
  }

  @Test
  void noisyCodesGiveComparableAccuracy() {
    TriangulationScene.Truth a = TriangulationScene.decode(CAM_A, W2A, PROJ, W2P, 0.05, 5);
    TriangulationScene.Truth b = TriangulationScene.decode(CAM_B, W2B, PROJ, W2P, 0.05, 6);
    TriangulatedView v = run(TriangulationConfig.defaults(), 1, a.decoded, b.decoded);
    PointErrors e = PointErrors.of(v, a);
    assertTrue(e.median() < NOISY_MEDIAN_MM, "median " + e.median());
    assertTrue(e.p95() < NOISY_P95_MM, "p95 " + e.p95());
    assertTrue(e.coverage() > MIN_COVERAGE, "coverage " + e.coverage());
    TriangulatedView mt = run(TriangulationConfig.defaults(), 3, a.decoded, b.decoded);
    CameraProjectorTriangulatorTest.assertViewsIdentical(v, mt);
  }

  @Test
  void codesAbsentFromBAreNotMatched() {
    TriangulationScene.Truth a = TriangulationScene.decode(CAM_A, W2A, PROJ, W2P, 0, 1);
    TriangulationScene.Truth b = TriangulationScene.decode(CAM_B, W2B, PROJ, W2P, 0, 2);
    DecodedMaps shifted = CameraProjectorTriangulatorTest.copy(a.decoded);
    // codes far outside anything B decoded
    for (int y = 0; y < shifted.height(); y++) {
      for (int x = 0; x < shifted.width(); x++) {
        shifted.projU.set(x, y, shifted.projU.get(x, y) + 5000);
      }
    }
    TriangulatedView v = run(TriangulationConfig.defaults(), 1, shifted, b.decoded);
    assertEquals(0, v.countValid());
    assertEquals(a.decoded.countValid(), v.count(TriangulationRejection.NO_MATCH));
  }
}
