package org.dpface.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.dpface.calibration.rig.CalibrationErrors;
import org.dpface.calibration.rig.RigCalibration;
import org.dpface.calibration.takes.TakeCalibration;
import org.dpface.calibration.takes.TakeInputs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;

/**
 * Recalibrates cameras and projectors from a demo lab's stored calibration takes and prints the consistency
 * with the rig's truth (not a test): how a change to the calibration moves the figures without capturing
 * again. Args: the demo's {@code --out} folder, an output folder. Run: {@code java -cp <test classpath>
 * org.dpface.cli.demo.RecalibrateFiguresMain /tmp/dd7 /tmp/recal}.
 */
public final class RecalibrateFiguresMain {
  private RecalibrateFiguresMain() {}

  public static void main(String[] args) throws Exception {
    Path lab = Path.of(args[0]).resolve(CaptureStage.LAB);
    RigDescription rig = RigFiles.read(lab.resolve("rig.json"));
    Path session;
    try (Stream<Path> s = Files.list(lab.resolve("calibration"))) {
      session = s.filter(Files::isDirectory).sorted().reduce((a, b) -> b).orElseThrow();
    }
    long t0 = System.nanoTime();
    TakeCalibration cal = new TakeCalibration(TakeInputs.load(session, rig), Path.of(args[1]),
        new TakeCalibration.Options(2, null, line -> { }));
    RigCalibration r = cal.cameras().rig();
    cal.projectors();
    for (int i = 0; i < r.cameras().size(); i++) {
      RigCalibration.Camera cam = r.cameras().get(i);
      CameraSpec truth = rig.cameras().get(i);
      CalibrationErrors e = CalibrationErrors.of(cam.model(), cam.worldToCamera(), truth.nominalModel(),
          truth.worldToCamera());
      System.out.printf(Locale.ROOT, "%s: %d views, %d corners dropped, focal %+.4f %%, pp %.2f px, centre %.2f mm,"
          + " RMS %.3f px%n", cam.id(), cam.views().size(), cam.droppedCorners(), 100 * e.focalError(),
          e.principalPointPx(), e.centreMm(), cam.rmsPx());
    }
    TakeCalibration.Consistency c = cal.consistency(rig, "figures");
    System.out.printf("%s: cameras RMS %.3f px, %.1f s%n", session, r.rmsPx(), (System.nanoTime() - t0) * 1e-9);
    System.out.println("camera-projector: " + c.projectorPairs());
    System.out.printf("worst camera-frame depth bias %.3f mm%n", c.projectorPairs().worstDepthBiasMm());
    System.out.println("camera pairs: " + c.cameraPairs());
  }
}
