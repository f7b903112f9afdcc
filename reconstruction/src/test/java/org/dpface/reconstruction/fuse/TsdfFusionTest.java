package org.dpface.reconstruction.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dpface.core.mesh.DistanceStats;
import org.dpface.core.mesh.MeshDistance;
import org.dpface.core.mesh.Meshes;
import org.dpface.core.mesh.TriangleMesh;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuses exact and noisy depth renders of a head-sized ellipsoid seen by the 8 virtual-8cam cameras at
 * half resolution (240 x 320, ~1.2 mm per pixel at the subject) into 1 mm voxels, and scores the result
 * against the true mesh.
 */
class TsdfFusionTest {
  /** Fused vertices to the true surface, exact depth (measured 0.009 / 0.038 mm). */
  private static final double EXACT_MEDIAN_MM = 0.05;
  private static final double EXACT_P95_MM = 0.15;
  /** Search radius for distances (mm); farther counts as missing. */
  private static final double SEARCH_MM = 20;
  private static final double NOISE_SIGMA_MM = 0.5;

  private static FusionScene exact;
  private static FusedMesh exactFused;

  private static TsdfConfig config() {
    return TsdfConfig.defaults().withVoxelMm(1.0).withThreads(1);
  }

  @BeforeAll
  static void fuseExact() {
    exact = new FusionScene(FusionScene.head(5), 0.5, 0, 1);
    exactFused = TsdfFusion.fuse(config(), exact.views);
  }

  @Test
  void exactDepthFusesOntoTheTrueSurface() {
    DistanceStats acc = MeshDistance.summary(exactFused.mesh(), exact.truth, null, SEARCH_MM);
    assertEquals(0, acc.missing());
    assertTrue(acc.median() < EXACT_MEDIAN_MM, "median " + acc);
    assertTrue(acc.p95() < EXACT_P95_MM, "p95 " + acc);
    // Completeness: most visible true vertices are covered (silhouettes seen only at grazing angles are
    // dropped by the minimum cosine, so not all of them).
    float[] d = MeshDistance.vertexToSurface(exact.truth, exactFused.mesh(), SEARCH_MM);
    int visible = 0;
    int covered = 0;
    for (int i = 0; i < d.length; i++) {
      if (exact.visible[i]) {
        visible++;
        covered += d[i] < 0.5 ? 1 : 0;
      }
    }
    assertTrue(covered > 0.85 * visible, covered + " of " + visible + " visible vertices covered");
    for (float w : exactFused.vertexWeight()) {
      assertTrue(w >= config().minWeight());
    }
  }

  @Test
  void unseenBackStaysOpen() {
    double backZ = FusionScene.CZ + 0.9 * FusionScene.RZ;
    float[] t = exact.truth.positions;
    int backVertices = 0;
    for (int i = 0; i < exact.truth.vertexCount(); i++) {
      if (t[3 * i + 2] > backZ) {
        backVertices++;
        assertFalse(exact.visible[i], "premise: the back cap is seen by no camera");
      }
    }
    assertTrue(backVertices > 10);
    float[] p = exactFused.mesh().positions;
    double maxZ = Double.NEGATIVE_INFINITY;
    for (int i = 2; i < p.length; i += 3) {
      maxZ = Math.max(maxZ, p[i]);
    }
    assertTrue(maxZ < backZ, "fused surface reaches z = " + maxZ + " on the unseen back");
    assertTrue(FusionQc.boundaryEdges(exactFused.mesh()) > 100, "the fused surface is open");
  }

  @Test
  void noiseIsAveragedDown() {
    FusionScene noisy = new FusionScene(FusionScene.head(5), 0.5, NOISE_SIGMA_MM, 42);
    FusedMesh fused = TsdfFusion.fuse(config(), noisy.views);
    DistanceStats acc = MeshDistance.summary(fused.mesh(), noisy.truth, null, SEARCH_MM);
    // A single depth sample is off by |N(0, sigma)|: median 0.674 sigma along the ray.
    double singleMedian = 0.674 * NOISE_SIGMA_MM;
    assertTrue(acc.median() < 0.5 * singleMedian, "fused " + acc + " vs single-sample median " + singleMedian);
  }

  @Test
  void smallIslandsAreRemoved() {
    // A 4 mm ball floating beside the head is observed, fused, then removed as an island.
    TriangleMesh head = FusionScene.head(5);
    TriangleMesh ball = Meshes.ellipsoid(3, 4, 4, 4, 110, 0, 930);
    FusionScene scene = new FusionScene(concat(head, ball), 0.5, 0, 1);
    FusedMesh kept = TsdfFusion.fuse(config().withMinIslandFaces(0), scene.views);
    FusedMesh cleaned = TsdfFusion.fuse(config().withMinIslandFaces(2000), scene.views);
    assertTrue(nearBall(kept) > 0, "the ball is fused when islands are kept");
    assertEquals(0, nearBall(cleaned), "the ball is removed as an island");
    assertTrue(cleaned.mesh().faceCount() > 0.99 * (kept.mesh().faceCount() - facesNearBall(kept)));
  }

  @Test
  void sameResultForOneAndTwoThreadsAndAnyViewOrder() {
    FusedMesh two = TsdfFusion.fuse(config().withThreads(2), exact.views);
    assertArrayEquals(exactFused.mesh().positions, two.mesh().positions);
    assertArrayEquals(exactFused.mesh().faces, two.mesh().faces);
    assertArrayEquals(exactFused.vertexWeight(), two.vertexWeight());
    List<DepthView> reversed = new ArrayList<>(exact.views);
    java.util.Collections.reverse(reversed);
    FusedMesh rev = TsdfFusion.fuse(config(), reversed);
    DistanceStats d = MeshDistance.summary(rev.mesh(), exactFused.mesh(), null, 1);
    assertEquals(0, d.missing());
    assertTrue(d.max() < 1e-3, "view order changed the surface by " + d.max() + " mm");
  }

  private static int nearBall(FusedMesh m) {
    int n = 0;
    float[] p = m.mesh().positions;
    for (int i = 0; i < p.length; i += 3) {
      double dx = p[i] - 110;
      double dy = p[i + 1];
      double dz = p[i + 2] - 930;
      n += dx * dx + dy * dy + dz * dz < 8 * 8 ? 1 : 0;
    }
    return n;
  }

  private static int facesNearBall(FusedMesh m) {
    int n = 0;
    float[] p = m.mesh().positions;
    int[] f = m.mesh().faces;
    for (int i = 0; i < f.length; i += 3) {
      int a = 3 * f[i];
      double dx = p[a] - 110;
      double dy = p[a + 1];
      double dz = p[a + 2] - 930;
      n += dx * dx + dy * dy + dz * dz < 8 * 8 ? 1 : 0;
    }
    return n;
  }

  static TriangleMesh concat(TriangleMesh a, TriangleMesh b) {
    float[] p = new float[a.positions.length + b.positions.length];
    System.arraycopy(a.positions, 0, p, 0, a.positions.length);
    System.arraycopy(b.positions, 0, p, a.positions.length, b.positions.length);
    int[] f = new int[a.faces.length + b.faces.length];
    System.arraycopy(a.faces, 0, f, 0, a.faces.length);
    for (int i = 0; i < b.faces.length; i++) {
      f[a.faces.length + i] = b.faces[i] + a.vertexCount();
    }
    return new TriangleMesh(p, f);
  }
}
