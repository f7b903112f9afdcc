package org.dpface.calibration.io;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * One device's entry in {@code calibration.json}.
 *
 * @param id device id from the rig description ({@code cam0}, {@code proj0})
 * @param kind camera or projector
 * @param model intrinsics and distortion (pixel-centre convention)
 * @param rigToDevice rig frame to device frame, mm (identity for the device that defines the rig frame)
 * @param rmsPx overall reprojection RMS, px
 * @param views per-view board poses ({@code boardToCamera} = board to this device) and residuals
 * @param dpCoefficients a DP camera's defocus coefficients (a, b), or null when not calibrated
 */
public record DeviceCalibration(
    String id, Kind kind, CameraModel model, RigidTransform rigToDevice, double rmsPx, List<ViewResult> views,
    DpCoefficients dpCoefficients) {
  /** What the device is; a projector is an inverse camera. */
  public enum Kind {
    CAMERA,
    PROJECTOR;

    /** The lowercase name used in files. */
    public String fileName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #fileName()}. */
    public static Kind fromFileName(String s) {
      for (Kind k : values()) {
        if (k.fileName().equals(s)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown device kind '" + s + "'; expected camera or projector");
    }
  }

  public DeviceCalibration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(rigToDevice, "rigToDevice");
    views = List.copyOf(views);
    if (dpCoefficients != null && kind != Kind.CAMERA) {
      throw new IllegalArgumentException(id + ": only a camera has DP coefficients");
    }
  }

  /** A device without DP coefficients. */
  public DeviceCalibration(
      String id, Kind kind, CameraModel model, RigidTransform rigToDevice, double rmsPx, List<ViewResult> views) {
    this(id, kind, model, rigToDevice, rmsPx, views, null);
  }

  /** The DP coefficients, when calibrated. */
  public Optional<DpCoefficients> dp() {
    return Optional.ofNullable(dpCoefficients);
  }

  /** A copy with {@code dp} as its DP coefficients (null removes them). */
  public DeviceCalibration withDpCoefficients(DpCoefficients dp) {
    return new DeviceCalibration(id, kind, model, rigToDevice, rmsPx, views, dp);
  }
}
