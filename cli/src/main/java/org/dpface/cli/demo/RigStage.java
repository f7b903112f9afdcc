package org.dpface.cli.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;

/** Loads and validates the bundled rig, copies it into the lab and draws its layout. */
final class RigStage implements Stage {
  static final String RIG_FILE = "rig.json";
  static final String LAYOUT_PICTURE = "rig/layout.png";

  @Override
  public String id() {
    return "rig";
  }

  @Override
  public String title() {
    return "Load and validate the rig description, draw its layout";
  }

  /** Not the number of subjects: a demo rerun with other --subjects reuses this stage. */
  @Override
  public String inputs(DemoConfig config) {
    return config.rigFingerprint();
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    RigDescription rig = BundledRigs.load(ctx.config().rigId());
    RigFiles.write(rig, ctx.file(RIG_FILE));
    RigLayoutPicture.write(rig, ctx.file(LAYOUT_PICTURE));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cameras", rig.cameras().size());
    m.put("projectors", rig.projectors().size());
    m.put("lights", rig.lights().size());
    m.put("trigger channels mapped", rig.triggerBoard().channels().size());
    CameraSpec c0 = rig.cameras().get(0);
    double[] fov = c0.fieldOfViewRad();
    m.put("camera resolution", c0.resolution().width() + "x" + c0.resolution().height());
    m.put("camera field of view (deg)", String.format(java.util.Locale.ROOT, "%.2f x %.2f", Math.toDegrees(fov[0]), Math.toDegrees(fov[1])));
    m.put("subject distance from camera 0 (mm)", rig.nominalGeometry().subjectCentreMm().norm());
    String summary = rig.cameras().size() + " DP cameras, " + rig.projectors().size() + " projectors, "
        + rig.lights().size() + " lights";
    return StageResult.done(this, summary, m, List.of(LAYOUT_PICTURE));
  }
}
