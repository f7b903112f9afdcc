package org.dpface.cli.calibrate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.io.AtomicFiles;

/**
 * Writes a camera–projector calibration as OpenCV FileStorage YAML with Moreno and Taubin's key set (their
 * scan tool's {@code calibration.yml}): {@code cam_K}, {@code cam_kc}, {@code proj_K}, {@code proj_kc},
 * {@code R}, {@code T} with X_proj = R X_cam + T in mm, as
 * {@link org.dpface.calibration.io.ExternalCalibration} reads it (so {@code dpface reconstruct --images
 * --calibration} accepts it), plus the image sizes and RMS for people reading the file.
 */
final class ProjectorCameraYaml {
  private ProjectorCameraYaml() {}

  /** The YAML text. */
  static String toYaml(CameraModel camera, double cameraRmsPx, CameraModel projector, RigidTransform cameraToProjector,
      double projectorRmsPx) {
    StringBuilder sb = new StringBuilder(2048);
    sb.append("%YAML:1.0\n---\n");
    sb.append("cam_width: ").append(camera.width()).append('\n');
    sb.append("cam_height: ").append(camera.height()).append('\n');
    matrix(sb, "cam_K", 3, 3, camera.intrinsicMatrix());
    distortion(sb, "cam_kc", camera);
    sb.append("proj_width: ").append(projector.width()).append('\n');
    sb.append("proj_height: ").append(projector.height()).append('\n');
    matrix(sb, "proj_K", 3, 3, projector.intrinsicMatrix());
    distortion(sb, "proj_kc", projector);
    matrix(sb, "R", 3, 3, cameraToProjector.rotation());
    matrix(sb, "T", 3, 1, cameraToProjector.translation());
    if (Double.isFinite(cameraRmsPx)) {
      sb.append("cam_error: ").append(number(cameraRmsPx)).append('\n');
    }
    sb.append("proj_error: ").append(number(projectorRmsPx)).append('\n');
    return sb.toString();
  }

  /** Atomically writes {@link #toYaml}. */
  static void write(Path file, CameraModel camera, double cameraRmsPx, CameraModel projector,
      RigidTransform cameraToProjector, double projectorRmsPx) throws IOException {
    AtomicFiles.writeString(file, toYaml(camera, cameraRmsPx, projector, cameraToProjector, projectorRmsPx));
  }

  /** k1 k2 p1 p2 k3, or all 8 terms when the rational ones are set. */
  private static void distortion(StringBuilder sb, String key, CameraModel m) {
    double[] d = m.distortion();
    int n = d[5] != 0 || d[6] != 0 || d[7] != 0 ? 8 : 5;
    matrix(sb, key, 1, n, Arrays.copyOf(d, n));
  }

  private static void matrix(StringBuilder sb, String key, int rows, int cols, double[] v) {
    sb.append(key).append(": !!opencv-matrix\n");
    sb.append("   rows: ").append(rows).append('\n');
    sb.append("   cols: ").append(cols).append('\n');
    sb.append("   dt: d\n");
    sb.append("   data: [ ");
    for (int i = 0; i < rows * cols; i++) {
      sb.append(i == 0 ? "" : ", ").append(number(v[i]));
    }
    sb.append(" ]\n");
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.17g", v);
  }
}
