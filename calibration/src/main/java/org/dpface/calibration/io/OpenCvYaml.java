package org.dpface.calibration.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.bytedeco.opencv.opencv_core.FileNode;
import org.bytedeco.opencv.opencv_core.FileStorage;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.io.AtomicFiles;

/**
 * One camera's intrinsics as an OpenCV FileStorage YAML file, the layout of OpenCV's calibration sample
 * ({@code camera_matrix}, {@code distortion_coefficients}, {@code image_width}, {@code image_height}),
 * so {@code cv::FileStorage} users load it directly. dpface adds {@code format: dpface-opencv-camera} and
 * {@code version: 1}, which OpenCV ignores.
 *
 * <p>Pixel convention: OpenCV's and dpface's agree (integer coordinates at pixel centres), so K is
 * written unchanged. Distortion is written as a 1×5 row (k1 k2 p1 p2 k3), or 1×8 when any of k4..k6 is
 * non-zero. Numbers carry 17 significant digits, so values round-trip exactly.
 *
 * <p>A DP camera's defocus coefficients (d = a / Z + b, px and mm; see {@link DpCoefficients}) are
 * written, when given, as the scalars {@code dp_a}, {@code dp_b}, {@code dp_residual_px} and
 * {@code dp_samples}; {@link #readDpCoefficients} reads them back.
 *
 * <p>Export writes the text itself, atomically ({@link AtomicFiles}); import parses with OpenCV's own
 * {@code cv::FileStorage} (from memory), so it also reads files OpenCV wrote (YAML, XML or JSON).
 */
public final class OpenCvYaml {
  /** Value of the {@code format} key this writer emits. */
  public static final String FORMAT = "dpface-opencv-camera";
  /** Version this writer emits. */
  public static final int VERSION = 1;

  private OpenCvYaml() {}

  /** The YAML text for {@code camera}; {@code rmsPx} is written as avg_reprojection_error when finite. */
  public static String toYaml(CameraModel camera, double rmsPx) {
    return toYaml(camera, rmsPx, null);
  }

  /** The YAML text for {@code camera}, plus its DP coefficients when {@code dp} is not null. */
  public static String toYaml(CameraModel camera, double rmsPx, DpCoefficients dp) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append("%YAML:1.0\n---\n");
    sb.append("format: \"").append(FORMAT).append("\"\n");
    sb.append("version: ").append(VERSION).append('\n');
    sb.append("image_width: ").append(camera.width()).append('\n');
    sb.append("image_height: ").append(camera.height()).append('\n');
    appendMatrix(sb, "camera_matrix", 3, 3, camera.intrinsicMatrix());
    double[] d = camera.distortion();
    boolean rational = d[5] != 0 || d[6] != 0 || d[7] != 0;
    double[] out = rational ? d : java.util.Arrays.copyOf(d, 5);
    appendMatrix(sb, "distortion_coefficients", 1, out.length, out);
    if (Double.isFinite(rmsPx)) {
      sb.append("avg_reprojection_error: ").append(number(rmsPx)).append('\n');
    }
    if (dp != null) {
      sb.append("dp_a: ").append(number(dp.a())).append('\n');
      sb.append("dp_b: ").append(number(dp.b())).append('\n');
      sb.append("dp_residual_px: ").append(number(dp.residualPx())).append('\n');
      sb.append("dp_samples: ").append(dp.samples()).append('\n');
    }
    return sb.toString();
  }

  /** Atomically writes {@link #toYaml} to {@code file}. */
  public static void write(Path file, CameraModel camera, double rmsPx) throws IOException {
    AtomicFiles.writeString(file, toYaml(camera, rmsPx));
  }

  /** Atomically writes {@link #toYaml(CameraModel, double, DpCoefficients)} to {@code file}. */
  public static void write(Path file, CameraModel camera, double rmsPx, DpCoefficients dp) throws IOException {
    AtomicFiles.writeString(file, toYaml(camera, rmsPx, dp));
  }

  /**
   * The DP coefficients of FileStorage text ({@code dp_a}, {@code dp_b}; {@code dp_residual_px} and
   * {@code dp_samples} default to 0), or empty when it has no {@code dp_a}.
   *
   * @param name used in error messages
   * @throws IOException if OpenCV cannot parse the text or {@code dp_b} is missing
   */
  public static Optional<DpCoefficients> readDpCoefficients(String text, String name) throws IOException {
    try (FileStorage fs = new FileStorage()) {
      FileStorageReads.open(fs, text, FileStorage.READ | FileStorage.MEMORY, name);
      OptionalDouble a = realNode(fs, "dp_a", name);
      if (a.isEmpty()) {
        return Optional.empty();
      }
      OptionalDouble b = realNode(fs, "dp_b", name);
      if (b.isEmpty()) {
        throw new IOException(name + ": dp_a without dp_b");
      }
      double residual = realNode(fs, "dp_residual_px", name).orElse(0);
      int samples = (int) realNode(fs, "dp_samples", name).orElse(0);
      try {
        return Optional.of(new DpCoefficients(a.getAsDouble(), b.getAsDouble(), residual, samples));
      } catch (IllegalArgumentException e) {
        throw new IOException(name + ": " + e.getMessage(), e);
      }
    }
  }

  private static OptionalDouble realNode(FileStorage fs, String key, String name) throws IOException {
    try (FileNode n = fs.get(key)) {
      if (n.empty() || n.isNone()) {
        return OptionalDouble.empty();
      }
      if (!(n.isInt() || n.isReal())) {
        throw new IOException(name + ": '" + key + "' is not a number");
      }
      return OptionalDouble.of(n.asDouble());
    }
  }

  /** Reads a camera from an OpenCV FileStorage file (any format OpenCV reads). */
  public static CameraModel read(Path file) throws IOException {
    return fromString(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses FileStorage text (YAML, XML or JSON).
   *
   * @param name used in error messages
   * @throws IOException if OpenCV cannot parse it or a required key is missing or malformed
   */
  public static CameraModel fromString(String text, String name) throws IOException {
    try (FileStorage fs = new FileStorage()) {
      FileStorageReads.open(fs, text, FileStorage.READ | FileStorage.MEMORY, name);
      int width = intNode(fs, "image_width", name);
      int height = intNode(fs, "image_height", name);
      double[] k = FileStorageReads.matrix(fs, "camera_matrix", name, true);
      if (k.length != 9) {
        throw new IOException(name + ": camera_matrix must be 3x3, has " + k.length + " values");
      }
      double[] d = FileStorageReads.distortion(
          FileStorageReads.matrix(fs, "distortion_coefficients", name, false), "distortion_coefficients", name);
      try {
        return new CameraModel(width, height, k[0], k[4], k[2], k[5], d);
      } catch (IllegalArgumentException e) {
        throw new IOException(name + ": " + e.getMessage(), e);
      }
    }
  }

  private static int intNode(FileStorage fs, String key, String name) throws IOException {
    try (FileNode n = fs.get(key)) {
      if (n.empty() || n.isNone() || !(n.isInt() || n.isReal())) {
        throw new IOException(name + ": missing or non-numeric '" + key + "'");
      }
      return n.asInt();
    }
  }

  private static void appendMatrix(StringBuilder sb, String key, int rows, int cols, double[] v) {
    sb.append(key).append(": !!opencv-matrix\n");
    sb.append("   rows: ").append(rows).append('\n');
    sb.append("   cols: ").append(cols).append('\n');
    sb.append("   dt: d\n");
    sb.append("   data: [ ");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(number(v[i]));
    }
    sb.append(" ]\n");
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.16e", v + 0.0);
  }
}
