package org.dpface.calibration.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.junit.jupiter.api.Test;

/** {@link RigConsistency} on the bundled virtual rig: the truth in another gauge, and known perturbations. */
class RigConsistencyTest {
  private static final RigidTransform GAUGE = RigidTransform.fromRodrigues(new double[] {0.1, -0.2, 0.05},
      new double[] {30, -12, 400});

  @Test
  void theTruthInAnotherFrameIsConsistent() throws Exception {
    RigDescription rig = RigFiles.readBundled("virtual-8cam");
    RigConsistency.Result r = RigConsistency.measure(cameras(rig, null), projectors(rig, 0, 0), rig);
    assertEquals(rig.cameras().size() * rig.projectors().size(), r.pairs().size());
    assertTrue(r.points() > 1000, "points " + r.points());
    assertEquals(0, r.fusedMm()[1], 1e-6);
    for (RigConsistency.Pair p : r.pairs()) {
      assertTrue(p.points() > 100, p.toString());
      assertEquals(0, p.cameraPx()[1], 1e-6, p.toString());
      assertEquals(0, p.otherPx()[1], 1e-6, p.toString());
      assertEquals(0, p.normalMm()[1], 1e-6, p.toString());
      assertEquals(0, p.depthMm()[1], 1e-6, p.toString());
    }
    RigConsistency.Result cams = RigConsistency.measure(cameras(rig, null), cameras(rig, null), rig);
    int n = rig.cameras().size();
    assertTrue(cams.pairs().size() >= n && cams.pairs().size() <= n * (n - 1), cams.pairs().size() + " camera pairs");
    cams.pairs().forEach(p -> assertTrue(!p.camera().equals(p.other()), p.toString()));
    assertEquals(0, cams.fusedMm()[1], 1e-6);
  }

  @Test
  void aShiftedProjectorShowsInItsPixelsAndDepths() throws Exception {
    RigDescription rig = RigFiles.readBundled("virtual-8cam");
    // proj0 moved 1 mm sideways (its x axis): ~f/970 px ≈ 0.8 px at 800 px focal, depth error ~ 1 mm × Z/baseline
    RigConsistency.Result r = RigConsistency.measure(cameras(rig, null), projectors(rig, 0, 1.0), rig);
    for (RigConsistency.Pair p : r.pairs()) {
      assertEquals(0, p.cameraPx()[1], 1e-6, p.toString());
      if (p.other().equals("proj0")) {
        double f = rig.projectors().get(0).nominalModel().fx();
        assertEquals(f / 970, p.otherPx()[0], 0.15 * f / 970, p.toString());
        assertTrue(p.normalMm()[0] > 0.3, p.toString());
        assertTrue(p.depthMm()[0] > 0.3, p.toString());
      } else {
        assertEquals(0, p.otherPx()[1], 1e-6, p.toString());
        assertEquals(0, p.normalMm()[1], 1e-6, p.toString());
      }
    }
    assertEquals("proj0", r.worstPair().other());
    assertTrue(r.fusedMm()[0] > 0.05, r.toString());
  }

  @Test
  void aCameraMovedAlongItsAxisWithItsFocalScaledKeepsTheWorldButNotItsDepths() throws Exception {
    RigDescription rig = RigFiles.readBundled("virtual-8cam");
    // the focal–distance trade a narrow-field board calibration leaves: cam2 0.5 mm closer to the subject
    // (970 mm away), focal 0.5/970 lower; the subject projects as before, so the triangulated points barely
    // move, but depths in cam2's frame are 0.5 mm short
    RigConsistency.Result r = RigConsistency.measure(cameras(rig, "cam2"), projectors(rig, 0, 0), rig);
    for (RigConsistency.Pair p : r.pairs()) {
      if (p.camera().equals("cam2")) {
        assertEquals(-0.5, p.depthBiasMm(), 0.05, p.toString());
        assertTrue(p.cameraPx()[0] < 0.1, p.toString());
      }
    }
  }

  @Test
  void anUnknownDeviceIsNamed() throws Exception {
    RigDescription rig = RigFiles.readBundled("virtual-8cam");
    List<RigConsistency.Device> cams = new ArrayList<>(cameras(rig, null));
    CameraModel m = cams.get(0).model();
    cams.add(new RigConsistency.Device("cam9", m, cams.get(0).worldToDevice()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RigConsistency.measure(cams, projectors(rig, 0, 0), rig));
    assertTrue(e.getMessage().contains("cam9"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RigConsistency.measure(List.of(), List.of(), rig));
    assertNull(new RigConsistency.Result(List.of(), new double[] {0, 0}, 0).worstPair());
  }

  /** The rig's cameras in the GAUGE frame; {@code closer}: that camera 0.5 mm along its axis, focal scaled. */
  private static List<RigConsistency.Device> cameras(RigDescription rig, String closer) {
    List<RigConsistency.Device> out = new ArrayList<>();
    RigidTransform gaugeToWorld = GAUGE.invert();
    for (CameraSpec c : rig.cameras()) {
      CameraModel m = c.nominalModel();
      RigidTransform w2c = c.worldToCamera();
      if (c.id().equals(closer)) {
        double d = 0.5;
        double s = 1 - d / 970;
        m = new CameraModel(m.width(), m.height(), m.fx() * s, m.fy() * s, m.cx(), m.cy());
        w2c = w2c.then(RigidTransform.translation(0, 0, -d)); // camera frame: the subject is d nearer
      }
      out.add(new RigConsistency.Device(c.id(), m, gaugeToWorld.then(w2c)));
    }
    return out;
  }

  /** The rig's projectors in the GAUGE frame, projector {@code moved} shifted {@code mm} along its x axis. */
  private static List<RigConsistency.Device> projectors(RigDescription rig, int moved, double mm) {
    List<RigConsistency.Device> out = new ArrayList<>();
    for (int j = 0; j < rig.projectors().size(); j++) {
      ProjectorSpec p = rig.projectors().get(j);
      RigidTransform w2p = p.worldToProjector();
      if (j == moved && mm != 0) {
        w2p = w2p.then(RigidTransform.translation(-mm, 0, 0));
      }
      out.add(new RigConsistency.Device(p.id(), p.nominalModel(), GAUGE.invert().then(w2p)));
    }
    return out;
  }
}
