package org.dpface.reconstruction.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.mesh.Meshes;
import org.dpface.core.mesh.TriangleMesh;
import org.junit.jupiter.api.Test;

class FusionQcTest {
  /** Area of a subdivided icosphere vs the analytic sphere (relative). */
  private static final double AREA_REL = 0.01;

  @Test
  void areaAndBoundaryOfAnalyticMeshes() {
    TriangleMesh sphere = Meshes.ellipsoid(5, 50, 50, 50, 0, 0, 0);
    assertEquals(4 * Math.PI * 2500, FusionQc.area(sphere), AREA_REL * 4 * Math.PI * 2500);
    assertEquals(0, FusionQc.boundaryEdges(sphere), "closed sphere");
    // One right triangle with legs 3 and 4: area 6, boundary 3 + 4 + 5.
    TriangleMesh tri = new TriangleMesh(new float[] {0, 0, 0, 3, 0, 0, 0, 4, 0}, new int[] {0, 1, 2});
    assertEquals(6, FusionQc.area(tri), 1e-9);
    assertEquals(3, FusionQc.boundaryEdges(tri));
    assertEquals(12, FusionQc.boundaryLength(tri), 1e-6);
  }

  @Test
  void viewDisagreementMeasuresAnOffsetView() {
    FusionScene scene = new FusionScene(FusionScene.head(5), 0.5, 0, 1);
    FusedMesh fused = TsdfFusion.fuse(TsdfConfig.defaults().withVoxelMm(1.0).withThreads(1), scene.views);
    // The front view's depth pushed back by 1 mm: its points sit ~1 mm behind the surface where the
    // surface faces the camera (a little less where it is oblique).
    DepthView front = scene.views.get(0);
    GrayF32 shifted = front.depth().copy();
    for (int i = 0; i < shifted.data.length; i++) {
      shifted.data[i] = shifted.data[i] > 0 ? shifted.data[i] + 1 : 0;
    }
    DepthView moved = new DepthView("moved", front.camera(), front.worldToCamera(), shifted, null);
    FusionQc.Report r = FusionQc.evaluate(fused, java.util.List.of(front, moved), 2, 10);
    FusionQc.ViewConsistency ok = r.views().get(0);
    FusionQc.ViewConsistency off = r.views().get(1);
    assertTrue(ok.validFraction() > 0.2 && ok.validFraction() < 1, "valid fraction " + ok.validFraction());
    assertTrue(ok.distance().median() < 0.05, "consistent view " + ok.distance());
    assertTrue(off.distance().median() > 0.6 && off.distance().median() <= 1.0, "offset view " + off.distance());
    assertTrue(r.boundaryEdges() > 0 && r.areaMm2() > 0);
    // The same view placed 50 mm away is not explained by the fused surface within the 10 mm search.
    DepthView far = new DepthView("far", front.camera(),
        front.worldToCamera().then(RigidTransform.translation(0, 0, 50)), front.depth(), null);
    FusionQc.Report farReport = FusionQc.evaluate(fused, java.util.List.of(far), 4, 10);
    assertEquals(farReport.views().get(0).sampled(), farReport.views().get(0).distance().missing());
  }
}
