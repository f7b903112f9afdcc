package org.dpface.calibration.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.FileNode;
import org.bytedeco.opencv.opencv_core.FileStorage;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * A calibration made by another system, read from an OpenCV FileStorage file (YAML, XML or JSON, parsed
 * by OpenCV itself): the cameras' intrinsics and poses and, when present, a projector's. The world frame
 * is camera 0's (OpenCV frame: x right, y down, z forward), translations in mm.
 *
 * <p>Key sets, recognised in this order (the first key decides):
 *
 * <ol>
 *   <li><b>Moreno–Taubin</b> (their scan tool's {@code calibration.yml}): {@code cam_K}, {@code cam_kc}
 *       (camera), {@code proj_K}, {@code proj_kc} (projector), {@code R}, {@code T} (camera to projector:
 *       X_proj = R X_cam + T). One camera and a calibrated projector.
 *   <li><b>OpenCV stereo</b> ({@code stereoCalibrate}, the {@code stereo_calib} sample's intrinsics and
 *       extrinsics in one file): {@code M1}, {@code D1}, {@code M2}, {@code D2}, {@code R}, {@code T}
 *       (device 1 to device 2). Device 1 is camera 0; device 2 is the projector when the capture has one
 *       camera, camera 1 when it has two (the projector is then uncalibrated).
 *   <li><b>N cameras</b>: per camera i = 0..N-1 {@code camera_matrix_i} and {@code
 *       distortion_coefficients_i}, and for i ≥ 1 {@code R_i}, {@code T_i} (camera 0 to camera i: X_i = R_i
 *       X_0 + T_i, as {@code stereoCalibrate(camera 0, camera i)} returns them). Optionally a projector:
 *       {@code projector_matrix}, {@code projector_distortion}, {@code R_projector}, {@code T_projector}
 *       (camera 0 to projector).
 * </ol>
 *
 * <p>Matrices are {@code !!opencv-matrix} nodes: K 3x3 without skew; distortion 0, 4, 5, 8 (or 6, 7,
 * padded) OpenCV coefficients, terms beyond the 8th must be zero; R a 3x3 rotation or a 3-element
 * Rodrigues vector; T 3 values in mm (the board's units: calibrate with the square size in mm). The files
 * do not say the image sizes; the caller gives them ({@link Device#model}).
 *
 * @param file the file read (for messages)
 * @param convention which key set it holds
 * @param cameras the cameras, camera 0 first (its pose is the identity)
 * @param projector the projector, or null when the file does not calibrate it
 */
public record ExternalCalibration(Path file, Convention convention, List<Device> cameras, Device projector) {
  /** The key sets (see the class comment). */
  public enum Convention {
    MORENO_TAUBIN,
    OPENCV_STEREO,
    N_CAMERAS
  }

  /**
   * One device's intrinsics and pose.
   *
   * @param key the key its intrinsics came from (for messages)
   * @param fx focal length along u (px)
   * @param fy focal length along v (px)
   * @param cx principal point u (px, pixel-centre convention as OpenCV's)
   * @param cy principal point v (px)
   * @param distortion OpenCV coefficients k1 k2 p1 p2 [k3 [k4 k5 k6]] (0, 4, 5 or 8)
   * @param worldToDevice camera 0's frame to the device's (mm)
   */
  public record Device(String key, double fx, double fy, double cx, double cy, double[] distortion,
      RigidTransform worldToDevice) {
    public Device {
      Objects.requireNonNull(key, "key");
      distortion = distortion.clone();
      Objects.requireNonNull(worldToDevice, "worldToDevice");
    }

    @Override
    public double[] distortion() {
      return distortion.clone();
    }

    /** The model for images of {@code width} x {@code height} px (the size it was calibrated at). */
    public CameraModel model(int width, int height) {
      return new CameraModel(width, height, fx, fy, cx, cy, distortion);
    }
  }

  public ExternalCalibration {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(convention, "convention");
    cameras = List.copyOf(cameras);
    if (cameras.isEmpty()) {
      throw new IllegalArgumentException(file + ": no camera");
    }
  }

  /** Whether the file calibrates a projector. */
  public boolean hasProjector() {
    return projector != null;
  }

  /**
   * Reads {@code file} for a capture of {@code cameraCount} cameras.
   *
   * @throws IOException naming the file and the key when OpenCV cannot read it, no known key set is
   *     there, a key is missing or malformed, or the file's devices do not fit {@code cameraCount}
   */
  public static ExternalCalibration read(Path file, int cameraCount) throws IOException {
    if (cameraCount < 1) {
      throw new IllegalArgumentException("cameraCount must be >= 1, got " + cameraCount);
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such calibration file");
    }
    try (FileStorage fs = new FileStorage()) {
      FileStorageReads.open(fs, file.toString(), FileStorage.READ, file.toString());
      Reader r = new Reader(fs, file);
      if (r.has("cam_K")) {
        if (cameraCount != 1) {
          throw new IOException(file + ": a Moreno-Taubin file (cam_K, proj_K, R, T) calibrates one camera and a"
              + " projector, the capture has " + cameraCount + " cameras");
        }
        Device cam = r.device("cam_K", "cam_kc", null, null);
        Device proj = r.device("proj_K", "proj_kc", "R", "T");
        return new ExternalCalibration(file, Convention.MORENO_TAUBIN, List.of(cam), proj);
      }
      if (r.has("M1")) {
        if (cameraCount > 2) {
          throw new IOException(file + ": an OpenCV stereo file (M1, D1, M2, D2, R, T) holds two devices, the capture"
              + " has " + cameraCount + " cameras (use camera_matrix_i, distortion_coefficients_i, R_i, T_i)");
        }
        Device first = r.device("M1", "D1", null, null);
        Device second = r.device("M2", "D2", "R", "T");
        return cameraCount == 1
            ? new ExternalCalibration(file, Convention.OPENCV_STEREO, List.of(first), second)
            : new ExternalCalibration(file, Convention.OPENCV_STEREO, List.of(first, second), null);
      }
      if (r.has("camera_matrix_0")) {
        List<Device> cams = new ArrayList<>();
        for (int i = 0; i < cameraCount; i++) {
          cams.add(r.device("camera_matrix_" + i, "distortion_coefficients_" + i, i == 0 ? null : "R_" + i,
              i == 0 ? null : "T_" + i));
        }
        Device proj = r.has("projector_matrix")
            ? r.device("projector_matrix", "projector_distortion", "R_projector", "T_projector")
            : null;
        if (cameraCount == 1 && proj == null) {
          throw new IOException(file + ": one camera needs a calibrated projector: missing 'projector_matrix'"
              + " (with projector_distortion, R_projector, T_projector)");
        }
        return new ExternalCalibration(file, Convention.N_CAMERAS, cams, proj);
      }
      throw new IOException(file + ": no known calibration keys: expected 'cam_K' (Moreno-Taubin), 'M1' (OpenCV"
          + " stereoCalibrate) or 'camera_matrix_0' (N cameras)");
    }
  }

  /** Reads keys of one open FileStorage, naming the file and key in every error. */
  private record Reader(FileStorage fs, Path file) {
    boolean has(String key) {
      try (FileNode n = fs.get(key)) {
        return !n.empty() && !n.isNone();
      }
    }

    /** Intrinsics, then the pose from camera 0 ({@code rKey} null: camera 0 itself, identity). */
    Device device(String kKey, String distKey, String rKey, String tKey) throws IOException {
      double[] k = values(kKey);
      if (k.length != 9) {
        throw new IOException(file + ": '" + kKey + "' must be a 3x3 camera matrix, has " + k.length + " values");
      }
      if (Math.abs(k[1]) > 1e-9 * Math.abs(k[0]) || k[3] != 0 || k[6] != 0 || k[7] != 0 || k[8] != 1) {
        throw new IOException(file + ": '" + kKey + "' is not [fx 0 cx; 0 fy cy; 0 0 1] (skew is not supported): "
            + Arrays.toString(k));
      }
      double[] d = FileStorageReads.distortion(values(distKey), distKey, file.toString());
      if (d.length != 0 && d.length != 4 && d.length != 5 && d.length != 8) {
        throw new IOException(file + ": '" + distKey + "' has " + d.length + " coefficients, expected 0, 4, 5 or 8");
      }
      try {
        new CameraModel(1, 1, k[0], k[4], k[2], k[5], d);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": '" + kKey + "'/'" + distKey + "': " + e.getMessage(), e);
      }
      RigidTransform pose = rKey == null ? RigidTransform.identity() : pose(rKey, tKey);
      return new Device(kKey, k[0], k[4], k[2], k[5], d, pose);
    }

    RigidTransform pose(String rKey, String tKey) throws IOException {
      double[] r = values(rKey);
      double[] t = values(tKey);
      if (t.length != 3) {
        throw new IOException(file + ": '" + tKey + "' must hold 3 values (mm), has " + t.length);
      }
      try {
        if (r.length == 3) {
          return RigidTransform.fromRodrigues(r, t);
        }
        if (r.length == 9) {
          return RigidTransform.of(r, t);
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": '" + rKey + "' is not a rotation: " + e.getMessage(), e);
      }
      throw new IOException(file + ": '" + rKey + "' must be a 3x3 rotation or a 3-element Rodrigues vector, has "
          + r.length + " values");
    }

    /** A required matrix's values, all finite. */
    double[] values(String key) throws IOException {
      double[] out = FileStorageReads.matrix(fs, key, file.toString(), true);
      for (double v : out) {
        if (!Double.isFinite(v)) {
          throw new IOException(file + ": '" + key + "' holds a non-finite value");
        }
      }
      return out;
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (%s: %d camera(s)%s)", file, convention, cameras.size(),
        projector == null ? ", projector uncalibrated" : ", projector " + projector.key());
  }
}
