package org.dpface.calibration.accuracy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.calibration.rig.RigConsistency;
import org.dpface.calibration.rig.RigConsistency.Device;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;

/**
 * Which device or parameter of a stored calibration carries its inconsistency with the virtual rig's truth (not
 * a test): {@link RigConsistency} of the calibration as written, then with parts of it replaced by the truth
 * (carried into the calibration frame by the scorer's alignment).
 *
 * <p>Arguments: CALIBRATION_JSON RIG_JSON.
 */
public final class ConsistencyDiagnosticsMain {
  private ConsistencyDiagnosticsMain() {}

  public static void main(String[] a) throws Exception {
    CalibrationFile file = CalibrationJson.read(Path.of(a[0]));
    RigDescription rig = RigFiles.read(Path.of(a[1]));
    List<Device> cams = new ArrayList<>();
    List<Device> projs = new ArrayList<>();
    for (DeviceCalibration d : file.devices()) {
      Device v = new Device(d.id(), d.model(), d.rigToDevice());
      (d.kind() == DeviceCalibration.Kind.CAMERA ? cams : projs).add(v);
    }
    RigidTransform refToCal = RigConsistency.alignment(cams, rig).invert();
    List<Device> trueCams = new ArrayList<>();
    for (Device d : cams) {
      CameraSpec s = rig.cameras().stream().filter(c -> c.id().equals(d.id())).findFirst().orElseThrow();
      trueCams.add(new Device(d.id(), s.nominalModel(), refToCal.then(s.worldToCamera())));
    }
    List<Device> trueProjs = new ArrayList<>();
    for (Device d : projs) {
      ProjectorSpec s = rig.projectors().stream().filter(c -> c.id().equals(d.id())).findFirst().orElseThrow();
      trueProjs.add(new Device(d.id(), s.nominalModel(), refToCal.then(s.worldToProjector())));
    }
    show("calibrated", cams, projs, rig, true);
    show("camera pairs, calibrated", cams, cams, rig, false);
    distances(cams, trueCams, rig, refToCal);
    distances(projs, trueProjs, rig, refToCal);
    double scale = scale(cams, trueCams);
    System.out.printf(java.util.Locale.ROOT, "camera centres: calibrated / true spread %.6f (%+.0f ppm)%n", scale,
        1e6 * (scale - 1));
    show("calibrated, rescaled to the true camera spread", rescale(cams, 1 / scale), rescale(projs, 1 / scale), rig,
        false);
    show("true cameras + calibrated projectors", trueCams, projs, rig, false);
    show("calibrated cameras + true projectors", cams, trueProjs, rig, false);
    show("projectors: true intrinsics, calibrated pose", cams, mix(projs, trueProjs, true), rig, false);
    show("projectors: calibrated intrinsics, true pose", cams, mix(projs, trueProjs, false), rig, false);
    show("projectors: no distortion", cams, map(projs, ConsistencyDiagnosticsMain::undistorted), rig, false);
    show("projectors: true distortion only", cams, distortionFrom(projs, trueProjs), rig, false);
    show("cameras: true intrinsics, calibrated pose", mix(cams, trueCams, true), projs, rig, false);
    show("cameras: calibrated intrinsics, true pose", mix(cams, trueCams, false), projs, rig, false);
    show("cameras: no distortion", map(cams, ConsistencyDiagnosticsMain::undistorted), projs, rig, false);
  }

  static void show(String label, List<Device> cams, List<Device> projs, RigDescription rig, boolean pairs) {
    RigConsistency.Result r = RigConsistency.measure(cams, projs, rig);
    System.out.printf(java.util.Locale.ROOT, "%-48s fused %.3f / %.3f mm; worst camera px %.3f, projector px %.3f;"
        + " worst pair %s%n", label, r.fusedMm()[0], r.fusedMm()[1], r.worstPx(false, 0), r.worstPx(true, 0),
        r.worstPair());
    if (pairs) {
      r.pairs().forEach(p -> System.out.println("   " + p));
    }
  }

  /** Per device: focal error and the error of its distance to the subject centre (aligned frames). */
  static void distances(List<Device> cal, List<Device> truth, RigDescription rig, RigidTransform refToCal) {
    double[] s = refToCal.apply(rig.nominalGeometry().subjectCentreMm().toArray());
    for (int i = 0; i < cal.size(); i++) {
      double[] a = cal.get(i).worldToDevice().apply(s);
      double[] b = truth.get(i).worldToDevice().apply(s);
      double fa = Math.sqrt(cal.get(i).model().fx() * cal.get(i).model().fy());
      double fb = Math.sqrt(truth.get(i).model().fx() * truth.get(i).model().fy());
      System.out.printf(java.util.Locale.ROOT, "  %s: focal %+.0f ppm, subject distance %.1f mm %+.3f mm (%+.0f ppm),"
          + " subject at (%+.3f, %+.3f) px vs truth%n", cal.get(i).id(), 1e6 * (fa / fb - 1),
          Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]), Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2])
              - Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]),
          1e6 * (Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]) / Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2])
              - 1), fa * a[0] / a[2] - fb * b[0] / b[2], fa * a[1] / a[2] - fb * b[1] / b[2]);
    }
  }

  /** Ratio of the RMS distance of the camera centres from their centroid, a over b. */
  static double scale(List<Device> a, List<Device> b) {
    return spread(a) / spread(b);
  }

  static double spread(List<Device> d) {
    double[][] c = new double[d.size()][];
    double[] m = new double[3];
    for (int i = 0; i < c.length; i++) {
      c[i] = d.get(i).worldToDevice().invert().originInTarget();
      for (int k = 0; k < 3; k++) {
        m[k] += c[i][k] / c.length;
      }
    }
    double s = 0;
    for (double[] v : c) {
      s += Math.pow(v[0] - m[0], 2) + Math.pow(v[1] - m[1], 2) + Math.pow(v[2] - m[2], 2);
    }
    return Math.sqrt(s / c.length);
  }

  /** Every device's position scaled by {@code s} about the calibration origin. */
  static List<Device> rescale(List<Device> in, double s) {
    return in.stream().map(d -> {
      double[] t = d.worldToDevice().translation();
      return new Device(d.id(), d.model(), RigidTransform.of(d.worldToDevice().rotation(),
          new double[] {s * t[0], s * t[1], s * t[2]}));
    }).toList();
  }

  /** Intrinsics from one list and poses from the other. */
  static List<Device> mix(List<Device> cal, List<Device> truth, boolean trueIntrinsics) {
    List<Device> out = new ArrayList<>();
    for (int i = 0; i < cal.size(); i++) {
      Device c = cal.get(i);
      Device t = truth.get(i);
      out.add(trueIntrinsics ? new Device(c.id(), t.model(), c.worldToDevice())
          : new Device(c.id(), c.model(), t.worldToDevice()));
    }
    return out;
  }

  static List<Device> distortionFrom(List<Device> cal, List<Device> truth) {
    List<Device> out = new ArrayList<>();
    for (int i = 0; i < cal.size(); i++) {
      CameraModel m = cal.get(i).model();
      out.add(new Device(cal.get(i).id(), new CameraModel(m.width(), m.height(), m.fx(), m.fy(), m.cx(), m.cy(),
          truth.get(i).model().distortion()), cal.get(i).worldToDevice()));
    }
    return out;
  }

  static List<Device> map(List<Device> in, UnaryOperator<CameraModel> f) {
    return in.stream().map(d -> new Device(d.id(), f.apply(d.model()), d.worldToDevice())).toList();
  }

  static CameraModel undistorted(CameraModel m) {
    return new CameraModel(m.width(), m.height(), m.fx(), m.fy(), m.cx(), m.cy());
  }
}
