package org.dpface.calibration.projector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.calibration.rig.CalibrationErrors;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.rigs.ProjectorSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end projector calibration on the virtual 8-camera rig binned 2 (cameras 240x320 px, projectors
 * 400x300 px, f = 800 px): 12 board poses (6x9 × 25 mm) under flat light calibrate the cameras; every
 * second pose is also rendered under each projector's dpface sequence (Gray + 4-step phase, 38 frames)
 * and seen by the camera with the largest board image. The calibrator sees only images and decoded codes;
 * the rig description is the truth.
 *
 * <p>Measured ({@code ProjectorCalibrationFiguresMain 2 12 2 1}): mapped corners vs the true projector
 * corners ≤ 0.11 px (RMS 0.04 px); focal −0.06 % / −0.03 %, principal point 2.3 / 1.8 px, rotation
 * 0.13° / 0.09°, centre 0.2 / 0.5 mm, projector RMS 0.039 / 0.038 px (proj0 / proj1).
 */
class ProjectorCalibratorVirtualTest {
  private static final double MAX_CORNER_ERROR_PX = 0.3;
  private static final double MAX_CORNER_RMS_PX = 0.1;
  private static final double MAX_FOCAL_ERROR = 0.003;
  private static final double MAX_PRINCIPAL_POINT_PX = 5;
  private static final double MAX_ROTATION_DEG = 0.3;
  private static final double MAX_CENTRE_MM = 2;
  private static final double MAX_RMS_PX = 0.1;

  private static VirtualProjectorSession session;

  @BeforeAll
  static void calibrate() throws Exception {
    session = new VirtualProjectorSession(2, new ChessboardSpec(6, 9, 25), 12, 2, 1, 7, 11, 2,
        ProjectorCalibrationConfig.defaults());
  }

  @Test
  void mapsBoardCornersIntoTheProjectorWithinATenthOfAPixel() {
    for (int j = 0; j < session.projectors.size(); j++) {
      ProjectorCalibration p = session.projectors.get(j);
      assertEquals(6, p.corners().size(), p.id() + " poses with every corner mapped");
      double[] e = session.cornerErrors(j);
      assertTrue(e[0] < MAX_CORNER_ERROR_PX, p.id() + " worst corner " + e[0]);
      assertTrue(e[1] < MAX_CORNER_RMS_PX, p.id() + " corner rms " + e[1]);
    }
  }

  @Test
  void recoversEveryProjectorsIntrinsicsAndPoseInTheRigFrame() {
    for (int j = 0; j < session.projectors.size(); j++) {
      ProjectorCalibration p = session.projectors.get(j);
      ProjectorSpec truth = session.rig.projectors().get(j);
      assertEquals(truth.resolution().width(), p.model().width());
      assertEquals(truth.resolution().height(), p.model().height());
      CalibrationErrors e = CalibrationErrors.of(p.model(), p.worldToProjector(), truth.nominalModel(),
          truth.worldToProjector());
      String id = p.id();
      assertTrue(Math.abs(e.focalError()) < MAX_FOCAL_ERROR, id + " focal " + e.focalError());
      assertTrue(e.principalPointPx() < MAX_PRINCIPAL_POINT_PX, id + " pp " + e.principalPointPx());
      assertTrue(e.rotationDeg() < MAX_ROTATION_DEG, id + " rotation " + e.rotationDeg());
      assertTrue(e.centreMm() < MAX_CENTRE_MM, id + " centre " + e.centreMm());
      assertTrue(p.rmsPx() < MAX_RMS_PX, id + " rms " + p.rmsPx());
      assertTrue(p.rmsPx() <= p.initialRmsPx() + 1e-12, id + " refinement must not raise the RMS");
      assertTrue(p.outliers().isEmpty(), id + " outliers " + p.outliers());
    }
  }

  @Test
  void projectorsGoIntoCalibrationJsonBesideTheCameras(@TempDir Path dir) throws Exception {
    CalibrationFile cams = session.cameras.toCalibrationFile(session.rig.id(), Instant.parse("2025-01-01T00:00:00Z"));
    CalibrationFile all = ProjectorCalibration.withProjectors(cams, session.projectors);
    Path json = dir.resolve("calibration.json");
    CalibrationJson.write(json, all);
    CalibrationFile back = CalibrationJson.read(json);
    assertEquals(session.rig.cameras().size() + session.projectors.size(), back.devices().size());
    for (ProjectorCalibration p : session.projectors) {
      DeviceCalibration d = back.device(p.id());
      assertEquals(DeviceCalibration.Kind.PROJECTOR, d.kind());
      assertEquals(p.model(), d.model());
      assertEquals(0, d.rigToDevice().rotationAngleTo(p.worldToProjector()), 1e-9);
      assertEquals(0, d.rigToDevice().translationDistanceTo(p.worldToProjector()), 1e-6);
      List<String> used = back.inputs().stream().filter(i -> i.device().equals(p.id()) && i.used())
          .map(i -> i.source()).toList();
      assertEquals(p.views().size(), used.size());
    }
  }
}
