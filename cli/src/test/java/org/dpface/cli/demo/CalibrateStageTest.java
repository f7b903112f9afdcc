package org.dpface.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.RigDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's calibrate stage at quick size: calibration takes captured through the capture controller into
 * the lab, calibration.json (cameras, projectors, DP) written for the binned rig {@link DemoRig#forConfig}
 * gives, and the accuracy against the rig's truth stays in bounds. Heavy (the stage captures 56 takes, ~2100 DP
 * frames: minutes on 2 cores), so it runs only with {@code -Ddpface.heavy=true}; the default suite covers the
 * same path at 120x160 px in {@code TakesCalibrationCommandTest} and through {@code DemoPipelineTest}.
 */
@EnabledIfSystemProperty(named = "dpface.heavy", matches = "true")
class CalibrateStageTest {
  /** Quick-size camera bounds; measured (seed 7, 240x320 px, 5x8 × 30 mm): focal 0.05 %, rotation 0.15°, centre 0.93 mm, RMS 0.044 px. */
  static final double MAX_FOCAL_ERROR_PERCENT = 1.0;
  static final double MAX_ROTATION_DEG = 1.5;
  static final double MAX_CENTRE_MM = 10;
  static final double MAX_RMS_PX = 0.15;
  /**
   * Projector bounds; measured with rendered in-memory views (seed 7, projectors 400x300 px, 10 poses, all 8
   * cameras per pose): corners vs truth ≤ 0.30 px, focal 0.06 %, pp 0.8 px, rotation 0.09°, centre 1.3 mm, RMS
   * 0.039 px. From stored takes (each SL pose seen by one camera) the demo (seed 1) measured focal 0.24 %, pp
   * 5.3 px, rotation 0.46°, centre 2.6 mm, RMS 0.059 px.
   */
  static final double MAX_PROJECTOR_CORNER_PX = 0.6;
  static final double MAX_PROJECTOR_FOCAL_ERROR_PERCENT = 0.5;
  static final double MAX_PROJECTOR_PP_PX = 6;
  static final double MAX_PROJECTOR_ROTATION_DEG = 0.8;
  static final double MAX_PROJECTOR_CENTRE_MM = 3;
  static final double MAX_PROJECTOR_RMS_PX = 0.1;

  /** DP (a, b) bounds vs the thin-lens truth per camera; measured (seed 7): worst a −0.90 %, disparity 0.021 px, RMS 0.017 px. */
  static final double MAX_DP_A_ERROR_PERCENT = 2;
  static final double MAX_DP_DISPARITY_PX = 0.05;
  static final double MAX_DP_RMS_PX = 0.06;

  /**
   * Sphere points triangulated through the calibrated camera–projector pairs vs truth, fused median (mm); the
   * default size (seed 1, 240x320 px, 32 poses) measured 0.094 mm, quick size not measured this round.
   */
  static final double MAX_CONSISTENCY_MM = 0.5;

  @TempDir Path lab;

  @Test
  void calibratesTheQuickRigFromItsRenderedTake() throws Exception {
    DemoConfig config = new DemoConfig(lab, "virtual-8cam", 1, true, 7);
    StageResult r = new CalibrateStage().run(new DemoContext(config));
    assertEquals(StageResult.DONE, r.status());
    Map<String, Object> m = r.metrics();
    assertBelow(m, "worst focal error (%)", MAX_FOCAL_ERROR_PERCENT);
    assertBelow(m, "worst rotation error (deg)", MAX_ROTATION_DEG);
    assertBelow(m, "worst camera centre error (mm)", MAX_CENTRE_MM);
    assertBelow(m, "rig RMS (px)", MAX_RMS_PX);
    assertEquals("2 of 2", m.get("projectors calibrated"), m.toString());
    assertBelow(m, "projector corners vs truth, worst (px)", MAX_PROJECTOR_CORNER_PX);
    assertBelow(m, "worst projector focal error (%)", MAX_PROJECTOR_FOCAL_ERROR_PERCENT);
    assertBelow(m, "worst projector principal point error (px)", MAX_PROJECTOR_PP_PX);
    assertBelow(m, "worst projector rotation error (deg)", MAX_PROJECTOR_ROTATION_DEG);
    assertBelow(m, "worst projector centre error (mm)", MAX_PROJECTOR_CENTRE_MM);
    assertBelow(m, "worst projector RMS (px)", MAX_PROJECTOR_RMS_PX);
    assertEquals("8 of 8", m.get("DP cameras calibrated"), m.toString());
    assertBelow(m, "worst DP a error (%)", MAX_DP_A_ERROR_PERCENT);
    assertBelow(m, "worst DP disparity error over the plane depths (px)", MAX_DP_DISPARITY_PX);
    assertBelow(m, "worst DP residual RMS (px)", MAX_DP_RMS_PX);
    assertBelow(m, "consistency vs truth, fused median (mm)", MAX_CONSISTENCY_MM);
    assertTrue(Files.readString(lab.resolve(CalibrateStage.CALIBRATION_DIR).resolve("report.json"))
        .contains("\"consistency\""), "report.json has the consistency section");
    for (String pic : r.pictures()) {
      assertTrue(Files.size(lab.resolve(pic)) > 1000, pic);
    }

    RigDescription rig = DemoRig.forConfig(config);
    CalibrationFile cal = CalibrationJson.read(lab.resolve(CalibrateStage.CALIBRATION_FILE));
    assertEquals(rig.id(), cal.rigId());
    assertEquals(rig.cameras().size() + rig.projectors().size(), cal.devices().size());
    DeviceCalibration cam0 = cal.device("cam0");
    assertEquals(rig.cameras().get(0).resolution().width(), cam0.model().width());
    assertEquals(0, cam0.rigToDevice().rotationAngleTo(RigidTransform.identity()), 1e-12);
    assertTrue(Files.exists(lab.resolve("calibration/cam7.yml")));
    assertTrue(cam0.dp().isPresent(), "cam0 DP coefficients in calibration.json");
    assertEquals(cam0.dp(), org.dpface.calibration.io.OpenCvYaml.readDpCoefficients(
        Files.readString(lab.resolve("calibration/cam0.yml")), "cam0.yml"));
    DeviceCalibration proj0 = cal.device("proj0");
    assertEquals(DeviceCalibration.Kind.PROJECTOR, proj0.kind());
    assertEquals(rig.projectors().get(0).resolution().width(), proj0.model().width());
    assertTrue(Files.exists(lab.resolve("calibration/proj1.yml")));
  }

  private static void assertBelow(Map<String, Object> m, String key, double bound) {
    double v = ((Number) m.get(key)).doubleValue();
    assertTrue(v < bound, key + " = " + v + " not below " + bound + "; " + m);
  }
}
