package org.dpface.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.InterleavedU8;
import org.dpface.core.io.Pictures;
import org.dpface.core.mesh.PlyReader;
import org.dpface.dataset.build.BuildPlan;
import org.dpface.dataset.build.CameraSources;
import org.dpface.dataset.register.RegisteredView;
import org.dpface.dataset.register.Registration;
import org.dpface.dataset.register.RegistrationConfig;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.TakeTruth;
import org.dpface.rigs.virtual.take.TruthReader;

/**
 * The register stage's picture of one view: registered depth | true depth (same colour range) | registered −
 * true depth (±{@value #DEPTH_ERROR_RANGE_MM} mm, black where either is invalid) | registered normals | true
 * normals. The view is registered once more for the picture (one camera, well under a second).
 */
final class RegistrationPicture {
  static final float DEPTH_ERROR_RANGE_MM = 1f;

  private RegistrationPicture() {}

  /**
   * Draws {@code sample}'s view into {@code png}; false (nothing written) when its mesh or truth is missing.
   *
   * @param calibration {@code calibration.json} or null (the rig's nominal cameras)
   */
  static boolean write(Path png, BuildPlan.PlannedSample sample, RigDescription rig, Path calibration, Path recon,
      Path truthRoot, RegistrationConfig cfg) throws IOException {
    Path mesh = recon.resolve(sample.sessionId()).resolve(sample.takeId()).resolve("mesh.ply");
    Path truthDir = truthRoot.resolve(sample.sessionId()).resolve(sample.takeId());
    if (!Files.isRegularFile(mesh) || !Files.isDirectory(truthDir)) {
      return false;
    }
    TakeTruth truth = TruthReader.read(truthDir);
    TakeTruth.CameraTruth t = truth.camera(sample.cameraId()).orElse(null);
    if (t == null) {
      return false;
    }
    CameraSources.Camera cam = new CameraSources(rig, calibration).camera(sample.cameraId());
    RegisteredView v;
    try (Registration reg = new Registration(cfg)) {
      v = reg.register(PlyReader.read(mesh), cam.model(), cam.worldToCamera(), cam.dpA(), cam.dpB());
    }
    GrayF32 reg = v.depth();
    GrayF32 tru = t.depth();
    float[] range = Pictures.validRange(tru, Pictures.LOW_PERCENTILE, Pictures.HIGH_PERCENTILE);
    if (Float.isNaN(range[0]) || !(range[1] > range[0])) {
      range = new float[] {0, 1};
    }
    GrayF32 err = new GrayF32(reg.width(), reg.height());
    for (int y = 0; y < reg.height(); y++) {
      for (int x = 0; x < reg.width(); x++) {
        float a = reg.get(x, y);
        float b = tru.get(x, y);
        boolean both = v.mask().get(x, y) != 0 && a > 0 && t.mask().get(x, y) != 0 && b > 0;
        err.data[err.indexOf(x, y)] = both ? a - b : Float.NaN;
      }
    }
    InterleavedU8 picture = Pictures.sideBySide(Pictures.depth(reg, range[0], range[1], null),
        Pictures.depth(tru, range[0], range[1], null), Pictures.signedError(err, null, DEPTH_ERROR_RANGE_MM, null),
        Pictures.normals(v.normal(), null), Pictures.normals(t.normal(), null));
    Pictures.writePng(png, picture);
    return true;
  }
}
