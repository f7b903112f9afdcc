package org.dpface.calibration.io;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.FileNode;
import org.bytedeco.opencv.opencv_core.FileStorage;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Reading OpenCV FileStorage files (YAML, XML or JSON), shared by {@link OpenCvYaml} and
 * {@link ExternalCalibration}.
 */
final class FileStorageReads {
  private FileStorageReads() {}

  /**
   * Opens {@code source} (a file name, or the text itself with {@link FileStorage#MEMORY} in {@code flags}).
   *
   * @param name used in error messages
   * @throws IOException if OpenCV cannot parse or open it
   */
  static void open(FileStorage fs, String source, int flags, String name) throws IOException {
    boolean open;
    try {
      open = fs.open(source, flags);
    } catch (RuntimeException e) {
      throw new IOException(name + ": OpenCV FileStorage cannot parse it: " + e.getMessage(), e);
    }
    if (!open) {
      throw new IOException(name + ": OpenCV FileStorage cannot open it");
    }
  }

  /**
   * The values of an {@code !!opencv-matrix} node as doubles, row-major; empty when the key is absent and
   * not {@code required}.
   *
   * @throws IOException if a required key is missing or the node is not a matrix
   */
  static double[] matrix(FileStorage fs, String key, String name, boolean required) throws IOException {
    try (FileNode n = fs.get(key)) {
      if (n.empty() || n.isNone()) {
        if (required) {
          throw new IOException(name + ": missing '" + key + "'");
        }
        return new double[0];
      }
      try (Mat m = n.mat(); Mat d = new Mat()) {
        if (m.empty()) {
          throw new IOException(name + ": '" + key + "' is not an opencv-matrix");
        }
        m.convertTo(d, CV_64F);
        int count = (int) (d.total() * d.channels());
        double[] out = new double[count];
        DoubleBuffer b = d.createBuffer();
        b.get(out, 0, count);
        return out;
      }
    }
  }

  /**
   * OpenCV distortion coefficients as {@link org.dpface.core.camera.CameraModel} takes them: 6 or 7
   * padded to 8, more than 8 cut to 8 when the rest are zero; other lengths unchanged.
   *
   * @throws IOException if a coefficient beyond the 8th is not zero (thin-prism and tilt terms)
   */
  static double[] distortion(double[] d, String key, String name) throws IOException {
    for (int i = 8; i < d.length; i++) {
      if (d[i] != 0) {
        throw new IOException(name + ": '" + key + "' has non-zero coefficient " + (i + 1)
            + " (thin-prism and tilt terms are not supported)");
      }
    }
    return d.length > 8 || d.length == 6 || d.length == 7 ? Arrays.copyOf(d, 8) : d;
  }
}
