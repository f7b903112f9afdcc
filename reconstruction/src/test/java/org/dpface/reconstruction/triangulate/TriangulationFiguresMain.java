package org.dpface.reconstruction.triangulate;

import org.dpface.reconstruction.struct.TriangulatedView;

/**
 * Prints triangulation figures (not a test, not a benchmark): point error against the rasterized truth of
 * {@link TriangulationScene} for virtual-8cam cam0 + proj0 and cam0 + cam1 (480x640 cameras, the distorted
 * models of the tests), at 0 and 0.05 px code noise, per method and match radius; and the wall time of one
 * camera-projector triangulation with 1 and 2 threads (best of 10 after warm-up). Run:
 * {@code java -cp <test classpath> org.dpface.reconstruction.triangulate.TriangulationFiguresMain}.
 */
public final class TriangulationFiguresMain {
  private TriangulationFiguresMain() {}

  public static void main(String[] args) {
    var cp = CameraProjectorTriangulatorTest.class;
    for (double noise : new double[] {0, 0.05}) {
      TriangulationScene.Truth t = TriangulationScene.decode(CameraProjectorTriangulatorTest.CAM,
          CameraProjectorTriangulatorTest.W2C, CameraProjectorTriangulatorTest.PROJ,
          CameraProjectorTriangulatorTest.W2P, noise, 7);
      for (TriangulationMethod m : TriangulationMethod.values()) {
        TriangulatedView v = CameraProjectorTriangulatorTest.run(TriangulationConfig.defaults().withMethod(m), 2,
            t.decoded);
        print("cam0-proj0", m + "", noise, PointErrors.of(v, t));
      }
    }
    for (double noise : new double[] {0, 0.05}) {
      TriangulationScene.Truth a = TriangulationScene.decode(CameraCameraTriangulatorTest.CAM_A,
          CameraCameraTriangulatorTest.W2A, CameraCameraTriangulatorTest.PROJ, CameraCameraTriangulatorTest.W2P,
          noise, 5);
      TriangulationScene.Truth b = TriangulationScene.decode(CameraCameraTriangulatorTest.CAM_B,
          CameraCameraTriangulatorTest.W2B, CameraCameraTriangulatorTest.PROJ, CameraCameraTriangulatorTest.W2P,
          noise, 6);
      for (int r = 1; r <= 3; r++) {
        for (TriangulationMethod m : TriangulationMethod.values()) {
          TriangulatedView v = CameraCameraTriangulatorTest.run(
              TriangulationConfig.defaults().withMethod(m).withMatchRadius(r), 2, a.decoded, b.decoded);
          print("cam0-cam1", m + " r=" + r, noise, PointErrors.of(v, a));
        }
      }
    }
    TriangulationScene.Truth t = TriangulationScene.decode(CameraProjectorTriangulatorTest.CAM,
        CameraProjectorTriangulatorTest.W2C, CameraProjectorTriangulatorTest.PROJ,
        CameraProjectorTriangulatorTest.W2P, 0.05, 7);
    for (int threads : new int[] {1, 2}) {
      TriangulatedView v = new TriangulatedView();
      try (CameraProjectorTriangulator tr = new CameraProjectorTriangulator(TriangulationConfig.defaults(), threads)) {
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 15; rep++) {
          long t0 = System.nanoTime();
          tr.triangulate(t.decoded, CameraProjectorTriangulatorTest.CAM, CameraProjectorTriangulatorTest.W2C,
              CameraProjectorTriangulatorTest.PROJ, CameraProjectorTriangulatorTest.W2P, v);
          if (rep >= 5) {
            best = Math.min(best, System.nanoTime() - t0);
          }
        }
        System.out.printf("%s: cam-proj 480x640, %d thread(s): best %.1f ms%n", cp.getSimpleName(), threads,
            best / 1e6);
      }
    }
  }

  private static void print(String pair, String method, double noise, PointErrors e) {
    System.out.printf("%s %-22s noise %.2f px: median %.4f mm, p95 %.4f mm, max %.4f mm, coverage %.3f (%d pts)%n",
        pair, method, noise, e.median(), e.p95(), e.max(), e.coverage(), e.count());
  }
}
