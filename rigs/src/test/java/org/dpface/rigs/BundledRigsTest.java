package org.dpface.rigs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.junit.jupiter.api.Test;

class BundledRigsTest {
  /** Pixels a 250 mm sphere must stay inside every image edge. */
  static final double SPHERE_MARGIN_PX = 2.0;
  /** Fibonacci samples on the sphere; spacing ~0.06 rad misses the silhouette by < 0.1 px. */
  static final int SPHERE_SAMPLES = 4000;

  @Test
  void everyBundledRigLoadsAndItsIdMatches() throws IOException {
    assertEquals(List.of("virtual-8cam", "lab-template"), BundledRigs.ids());
    for (BundledRigs.Entry e : BundledRigs.list()) {
      RigDescription rig = RigFiles.readBundled(e.id());
      assertEquals(e.id(), rig.id());
      assertFalse(e.description().isBlank(), e.id());
      assertTrue(RigFiles.validate(rig).isEmpty(), e.id());
    }
    assertThrows(NoSuchElementException.class, () -> BundledRigs.load("no-such-rig"));
  }

  @Test
  void virtualRigEqualsItsLayout() throws IOException {
    RigDescription layout = VirtualRigLayout.build();
    String regenerate = System.getProperty("dpface.rigs.regenerate");
    if (regenerate != null) {
      Files.writeString(Path.of(regenerate, "virtual-8cam.json"), RigFiles.toJson(layout), StandardCharsets.UTF_8);
    }
    assertEquals(layout, RigFiles.readBundled("virtual-8cam"));
  }

  @Test
  void virtualRigHasTheDevicesAndWiringOfThePhysicalOne() throws IOException {
    RigDescription rig = RigFiles.readBundled("virtual-8cam");
    assertEquals(8, rig.cameras().size());
    assertEquals(2, rig.projectors().size());
    assertEquals(6, rig.lights().size());
    for (CameraSpec c : rig.cameras()) {
      assertEquals(SplitAxis.VERTICAL, c.dualPixel().splitAxis().orElseThrow());
      assertEquals(135.0, c.lens().focalLengthMm());
      assertEquals(5.6, c.lens().fNumber());
      assertEquals(970.0, c.lens().focusDistanceMm());
      assertEquals(18 * 5.36, c.pixelPitchUm(), 1e-9);
      assertEquals("virtual", c.driver().type());
    }
    // World frame = camera 0's frame.
    assertEquals(Pose.identity(), rig.cameras().get(0).cameraToWorld());
    TriggerBoardSpec t = rig.triggerBoard();
    assertEquals(TriggerDriver.VIRTUAL, t.driver());
    assertEquals(16, t.channelCount());
    assertEquals(8, count(t, TriggerAction.SHUTTER));
    assertEquals(2, count(t, TriggerAction.PROJECTOR_ADVANCE));
    assertEquals(6, count(t, TriggerAction.LIGHT));
    Set<String> targets = new HashSet<>();
    t.channels().forEach(m -> targets.add(m.target()));
    assertEquals(new HashSet<>(rig.deviceIds()), targets);
    for (LightSpec l : rig.lights()) {
      assertEquals(1.0, l.directionToLight().orElseThrow().norm(), 1e-9);
      assertTrue(l.directionToLight().orElseThrow().z() < 0, "lights are on the camera side");
    }
  }

  @Test
  void everyCameraSeesTheHeadCentreAndTheWholeSubjectSphere() throws IOException {
    RigDescription rig = RigFiles.readBundled("virtual-8cam");
    Vec3 c = rig.nominalGeometry().subjectCentreMm();
    double radius = rig.nominalGeometry().subjectDiameterMm() / 2;
    assertEquals(250.0, 2 * radius);
    for (CameraSpec cam : rig.cameras()) {
      CameraModel m = cam.nominalModel();
      RigidTransform worldToCamera = cam.worldToCamera();
      double[] pc = new double[3];
      worldToCamera.transformPoint(c.x(), c.y(), c.z(), pc, 0);
      assertEquals(970.0, pc[2], 1e-6, cam.id() + " distance to the head centre");
      double[] uv = new double[2];
      assertTrue(m.project(pc[0], pc[1], pc[2], uv, 0));
      assertTrue(m.isInside(uv[0], uv[1]), cam.id());
      // Every camera looks at the centre: it projects onto the principal point.
      assertEquals(m.cx(), uv[0], 1e-6, cam.id());
      assertEquals(m.cy(), uv[1], 1e-6, cam.id());
      assertSphereInside(cam.id(), m, worldToCamera, c, radius);
      // Analytic silhouette: a sphere of radius R at distance D on the axis images as a circle of
      // radius fx R / sqrt(D^2 - R^2); it must fit between the principal point and every edge.
      double silhouette = m.fx() * radius / Math.sqrt(pc[2] * pc[2] - radius * radius);
      double room = Math.min(Math.min(m.cx() + 0.5, m.width() - 0.5 - m.cx()),
          Math.min(m.cy() + 0.5, m.height() - 0.5 - m.cy()));
      assertTrue(silhouette + SPHERE_MARGIN_PX < room, cam.id() + ": " + silhouette + " vs " + room);
      // The field at the focus distance covers a 250 mm tall head.
      double fieldHeight = m.height() / m.fy() * cam.lens().focusDistanceMm();
      assertTrue(fieldHeight > 250, "field height " + fieldHeight);
    }
    for (ProjectorSpec p : rig.projectors()) {
      assertSphereInside(p.id(), p.nominalModel(), p.worldToProjector(), c, radius);
    }
  }

  @Test
  void labTemplateIsCommentedSerialAndHotFolder() throws IOException {
    String text = BundledRigs.text("lab-template");
    assertTrue(text.lines().filter(l -> l.strip().startsWith("//")).count() > 30, "explains its fields");
    RigDescription rig = RigFiles.readBundled("lab-template");
    TriggerBoardSpec t = rig.triggerBoard();
    assertEquals(TriggerDriver.SERIAL, t.driver());
    assertEquals("/dev/ttyACM0", t.port().orElseThrow());
    assertTrue(t.baud().orElseThrow() > 0);
    for (CameraSpec c : rig.cameras()) {
      assertEquals("hot-folder", c.driver().type());
      assertTrue(c.driver().settings().path("directory").asText().startsWith("/"));
      assertEquals(1, count(t, c.id(), TriggerAction.SHUTTER));
      assertEquals(1, count(t, c.id(), TriggerAction.FOCUS));
    }
    // cam1's pose is given as a matrix: it must agree with 30 degrees of yaw on the 970 mm circle.
    RigidTransform cam1ToWorld = rig.camera("cam1").orElseThrow().cameraToWorld().toTransform();
    double[] axis = new double[3];
    cam1ToWorld.transformDirection(0, 0, 1, axis, 0);
    assertEquals(-0.5, axis[0], 1e-12);
    assertEquals(Math.sqrt(0.75), axis[2], 1e-12);
    double[] hit = cam1ToWorld.apply(new double[] {0, 0, 970});
    assertEquals(0.0, hit[0], 1e-9);
    assertEquals(970.0, hit[2], 1e-9);
  }

  @Test
  void summaryListsCamerasProjectorsLightsAndChannels() throws IOException {
    String s = RigSummary.format(RigFiles.readBundled("virtual-8cam"));
    assertTrue(s.startsWith("Rig virtual-8cam (dpface-rig v1)\n"), s);
    assertTrue(s.contains("Cameras (8):"), s);
    assertTrue(s.contains("Projectors (2):"), s);
    assertTrue(s.contains("Lights (6):"), s);
    assertTrue(s.contains("Trigger board: virtual, 16 of 16 channels mapped"), s);
    // cam0 line: 480x640, f 135, N 5.6, focus 970, field 286 x 382 mm at 970 mm, blur -6.0/+4.6 px.
    String cam0 = s.lines().filter(l -> l.strip().startsWith("cam0 ")).findFirst().orElseThrow();
    for (String part : List.of("480x640", "96.48", "135.0", "5.60", "970", "286 x 382", "-6.0 / +4.6", "vertical")) {
      assertTrue(cam0.contains(part), part + " in " + cam0);
    }
    assertTrue(s.contains("throw ratio 2.00"), s);
    assertTrue(s.lines().anyMatch(l -> l.matches("\\s+15\\s+light5\\s+light")), s);
  }

  private static void assertSphereInside(String id, CameraModel m, RigidTransform worldToDevice, Vec3 c, double r) {
    double golden = Math.PI * (3 - Math.sqrt(5));
    double[] p = new double[3];
    double[] uv = new double[2];
    for (int i = 0; i < SPHERE_SAMPLES; i++) {
      double y = 1 - 2 * (i + 0.5) / SPHERE_SAMPLES;
      double rho = Math.sqrt(1 - y * y);
      double x = Math.cos(golden * i) * rho;
      double z = Math.sin(golden * i) * rho;
      worldToDevice.transformPoint(c.x() + r * x, c.y() + r * y, c.z() + r * z, p, 0);
      assertTrue(m.project(p[0], p[1], p[2], uv, 0), id);
      boolean inside = uv[0] >= -0.5 + SPHERE_MARGIN_PX && uv[0] <= m.width() - 0.5 - SPHERE_MARGIN_PX
          && uv[1] >= -0.5 + SPHERE_MARGIN_PX && uv[1] <= m.height() - 0.5 - SPHERE_MARGIN_PX;
      assertTrue(inside, id + ": sphere point projects to (" + uv[0] + ", " + uv[1] + ")");
    }
  }

  private static long count(TriggerBoardSpec t, TriggerAction a) {
    return t.channels().stream().filter(m -> m.action() == a).count();
  }

  private static long count(TriggerBoardSpec t, String target, TriggerAction a) {
    return t.channelsFor(target).stream().filter(m -> m.action() == a).count();
  }
}
