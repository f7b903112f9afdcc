package org.dpface.calibration.io;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.FileStorage;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExternalCalibration} on files written by OpenCV's own FileStorage. */
class ExternalCalibrationTest {
  static final double[] K = {800, 0, 319.5, 0, 810, 239.5, 0, 0, 1};
  static final double[] D = {-0.2, 0.05, 0.001, -0.002, 0.01};
  static final RigidTransform POSE = RigidTransform.fromRodrigues(new double[] {0.01, -0.3, 0.02},
      new double[] {150, -5, 20});

  @TempDir Path dir;

  @Test
  void stereoFileIsCameraAndProjectorOrTwoCameras() throws IOException {
    Path f = write("stereo.yml", fs -> {
      put(fs, "M1", 3, 3, K);
      put(fs, "D1", 1, 5, D);
      put(fs, "M2", 3, 3, K);
      put(fs, "D2", 1, 5, D);
      put(fs, "R", 3, 3, POSE.rotation());
      put(fs, "T", 3, 1, POSE.translation());
    });
    ExternalCalibration one = ExternalCalibration.read(f, 1);
    assertEquals(ExternalCalibration.Convention.OPENCV_STEREO, one.convention());
    assertEquals(1, one.cameras().size());
    assertTrue(one.projector().worldToDevice().rotationAngleTo(POSE) < 1e-12);
    assertEquals(new CameraModel(640, 480, 800, 810, 319.5, 239.5, D), one.cameras().get(0).model(640, 480));
    ExternalCalibration two = ExternalCalibration.read(f, 2);
    assertEquals(2, two.cameras().size());
    assertNull(two.projector());
    assertTrue(two.cameras().get(1).worldToDevice().translationDistanceTo(POSE) < 1e-9);
    IOException three = assertThrows(IOException.class, () -> ExternalCalibration.read(f, 3));
    assertTrue(three.getMessage().contains("camera_matrix_i"), three.getMessage());
  }

  @Test
  void nCamerasWithRodriguesRotationInXml() throws IOException {
    Path f = write("cams.xml", fs -> {
      put(fs, "camera_matrix_0", 3, 3, K);
      put(fs, "distortion_coefficients_0", 5, 1, D);
      put(fs, "camera_matrix_1", 3, 3, K);
      put(fs, "distortion_coefficients_1", 1, 4, new double[4]);
      put(fs, "R_1", 3, 1, POSE.rodrigues());
      put(fs, "T_1", 1, 3, POSE.translation());
    });
    ExternalCalibration c = ExternalCalibration.read(f, 2);
    assertEquals(ExternalCalibration.Convention.N_CAMERAS, c.convention());
    assertTrue(c.cameras().get(1).worldToDevice().rotationAngleTo(POSE) < 1e-12);
    assertEquals(RigidTransform.identity(), c.cameras().get(0).worldToDevice());
    IOException missing = assertThrows(IOException.class, () -> ExternalCalibration.read(f, 3));
    assertTrue(missing.getMessage().contains(f.toString()) && missing.getMessage().contains("'camera_matrix_2'"),
        missing.getMessage());
    IOException alone = assertThrows(IOException.class, () -> ExternalCalibration.read(f, 1));
    assertTrue(alone.getMessage().contains("projector_matrix"), alone.getMessage());
  }

  @Test
  void malformedValuesAreNamed() throws IOException {
    double[] skew = K.clone();
    skew[1] = 3;
    Path f = write("bad.yml", fs -> {
      put(fs, "cam_K", 3, 3, skew);
      put(fs, "cam_kc", 1, 5, D);
    });
    IOException e = assertThrows(IOException.class, () -> ExternalCalibration.read(f, 1));
    assertTrue(e.getMessage().contains("'cam_K'") && e.getMessage().contains("skew"), e.getMessage());
    Path g = write("notrot.yml", fs -> {
      put(fs, "cam_K", 3, 3, K);
      put(fs, "cam_kc", 1, 5, D);
      put(fs, "proj_K", 3, 3, K);
      put(fs, "proj_kc", 1, 5, D);
      put(fs, "R", 3, 3, new double[] {2, 0, 0, 0, 1, 0, 0, 0, 1});
      put(fs, "T", 3, 1, POSE.translation());
    });
    IOException r = assertThrows(IOException.class, () -> ExternalCalibration.read(g, 1));
    assertTrue(r.getMessage().contains("'R' is not a rotation"), r.getMessage());
    Path h = write("other.yml", fs -> put(fs, "camera_matrix", 3, 3, K));
    IOException u = assertThrows(IOException.class, () -> ExternalCalibration.read(h, 1));
    assertTrue(u.getMessage().contains("no known calibration keys"), u.getMessage());
  }

  private Path write(String name, Consumer<FileStorage> body) {
    Path f = dir.resolve(name);
    try (FileStorage fs = new FileStorage(f.toString(), FileStorage.WRITE)) {
      body.accept(fs);
      fs.release();
    }
    return f;
  }

  private static void put(FileStorage fs, String key, int rows, int cols, double[] v) {
    try (Mat m = new Mat(rows, cols, CV_64F)) {
      ((DoubleBuffer) m.createBuffer()).put(v);
      opencv_core.write(fs, key, m);
    }
  }
}
