package org.dpface.calibration.io;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.FileNode;
import org.bytedeco.opencv.opencv_core.FileStorage;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dpface.core.camera.CameraModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export checked with OpenCV's own FileStorage reader; import checked on files OpenCV wrote. */
class OpenCvYamlTest {
  static final CameraModel FIVE =
      new CameraModel(640, 480, 535.915733961632, 536.02, 342.28315473308373, 235.57082909788173,
          -0.26637260909660682, -0.038588898922304653, 1.7831947042852964e-03, -2.8122100441115472e-04,
          0.23839153080878486);
  static final CameraModel RATIONAL = new CameraModel(
      1280, 1024, 25187.3, 25190.1, 641.7, 509.2, 0.1, -0.2, 1e-4, -2e-4, 0.03, 0.01, -0.02, 0.005);

  @TempDir Path dir;

  @Test
  void exportIsReadByOpenCvFileStorageWithExactValues() throws IOException {
    Path f = dir.resolve("cam0.yml");
    OpenCvYaml.write(f, FIVE, 0.2449);
    try (FileStorage fs = new FileStorage(f.toString(), FileStorage.READ)) {
      assertTrue(fs.isOpened(), "OpenCV opens " + f);
      assertEquals(640, node(fs, "image_width").asInt());
      assertEquals(480, node(fs, "image_height").asInt());
      assertEquals(OpenCvYaml.FORMAT, node(fs, "format").asBytePointer().getString());
      assertEquals(OpenCvYaml.VERSION, node(fs, "version").asInt());
      assertEquals(0.2449, node(fs, "avg_reprojection_error").asDouble());
      double[] k = values(node(fs, "camera_matrix"), 3, 3);
      assertArrayEquals(FIVE.intrinsicMatrix(), k, 0.0, "camera_matrix bit-exact");
      double[] d = values(node(fs, "distortion_coefficients"), 1, 5);
      assertArrayEquals(Arrays.copyOf(FIVE.distortion(), 5), d, 0.0, "distortion bit-exact");
    }
    assertEquals(FIVE, OpenCvYaml.read(f));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "atomic write leaves no temp file");
    }
  }

  @Test
  void rationalModelWritesEightCoefficientsAndRoundTrips() throws IOException {
    Path f = dir.resolve("rational.yml");
    OpenCvYaml.write(f, RATIONAL, Double.NaN);
    try (FileStorage fs = new FileStorage(f.toString(), FileStorage.READ)) {
      assertArrayEquals(RATIONAL.distortion(), values(node(fs, "distortion_coefficients"), 1, 8), 0.0);
      assertTrue(node(fs, "avg_reprojection_error").empty(), "no RMS written when unknown");
    }
    assertEquals(RATIONAL, OpenCvYaml.read(f));
  }

  @Test
  void importsFilesWrittenByOpenCv() throws IOException {
    for (String ext : new String[] {"yml", "xml", "json"}) {
      Path f = dir.resolve("opencv." + ext);
      try (FileStorage fs = new FileStorage(f.toString(), FileStorage.WRITE);
          Mat k = new Mat(3, 3, CV_64F);
          Mat d = new Mat(5, 1, CV_64F)) {
        ((DoubleBuffer) k.createBuffer()).put(FIVE.intrinsicMatrix());
        ((DoubleBuffer) d.createBuffer()).put(Arrays.copyOf(FIVE.distortion(), 5));
        opencv_core.write(fs, "image_width", 640);
        opencv_core.write(fs, "image_height", 480);
        opencv_core.write(fs, "camera_matrix", k);
        opencv_core.write(fs, "distortion_coefficients", d);
        fs.release();
      }
      assertEquals(FIVE, OpenCvYaml.read(f), ext);
    }
  }

  @Test
  void missingKeysAndGarbageAreReportedByName() {
    IOException missing = assertThrows(IOException.class, () -> OpenCvYaml.fromString(
        "%YAML:1.0\n---\nimage_width: 640\nimage_height: 480\n", "k.yml"));
    assertTrue(missing.getMessage().contains("camera_matrix"), missing.getMessage());
    IOException width = assertThrows(IOException.class, () -> OpenCvYaml.fromString(
        OpenCvYaml.toYaml(FIVE, 0.1).replace("image_width: 640\n", ""), "w.yml"));
    assertTrue(width.getMessage().contains("image_width"), width.getMessage());
    assertThrows(IOException.class, () -> OpenCvYaml.fromString("%YAML:1.0\n---\n[ : :", "bad.yml"));
  }

  private static FileNode node(FileStorage fs, String key) {
    return fs.get(key);
  }

  private static double[] values(FileNode n, int rows, int cols) {
    try (Mat m = n.mat()) {
      assertEquals(rows, m.rows(), "rows");
      assertEquals(cols, m.cols(), "cols");
      assertEquals(CV_64F, m.type(), "dt: d");
      double[] out = new double[rows * cols];
      ((DoubleBuffer) m.createBuffer()).get(out);
      return out;
    }
  }
}
