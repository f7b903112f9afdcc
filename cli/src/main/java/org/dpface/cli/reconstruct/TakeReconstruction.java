package org.dpface.cli.reconstruct;

import java.util.ArrayList;
import java.util.List;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.core.geom.RigidAlignment;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.mesh.DistanceStats;
import org.dpface.core.mesh.MeshDistance;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.reconstruction.pipeline.ReconstructionConfig;
import org.dpface.reconstruction.pipeline.ReconstructionListener;
import org.dpface.reconstruction.pipeline.ReconstructionResult;
import org.dpface.reconstruction.pipeline.Reconstructor;
import org.dpface.reconstruction.pipeline.TakeInput;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.TakeTruth;

/**
 * Reconstructs a stored take ({@link LabTake}) and scores it against the virtual rig's truth.
 *
 * <p>Geometry: with a calibration, every camera's model and pose come from it ({@code rigToDevice}, the
 * calibration's rig frame) and projectors it does not hold stay uncalibrated, so cameras triangulate
 * pairwise through the projector codes; without one, the rig description's nominal (for the virtual
 * rig: true) cameras and projectors are used. Frames: the left + right sum of each SL step, read from
 * disk view by view.
 */
public final class TakeReconstruction {
  /** Mesh-to-truth distances beyond this (mm) count as missing. */
  public static final double SEARCH_MM = 5.0;
  /** A true vertex counts as reconstructed within this distance of the fused surface (mm). */
  public static final double COMPLETE_WITHIN_MM = 1.0;

  private TakeReconstruction() {}

  /**
   * The take input: cameras and projectors from {@code cal} when given, else from {@code rig}; frames
   * with each camera's full scale from its sensor bit depth ({@link LabTake#sensorBits(List, Integer)}).
   *
   * @param sensorBits overrides the depth the take recorded (null: use the recorded one)
   * @throws java.io.IOException when the take recorded no depth and none is given
   */
  public static TakeInput input(LabTake take, Integer sensorBits, RigDescription rig, CalibrationFile cal)
      throws java.io.IOException {
    if (take.projectorCount() != rig.projectors().size()) {
      throw new IllegalArgumentException("take " + take.takeId() + " has " + take.projectorCount()
          + " projector blocks but rig " + rig.id() + " has " + rig.projectors().size() + " projectors");
    }
    List<TakeInput.Camera> cams = new ArrayList<>();
    for (String id : take.cameraIds()) {
      if (cal != null) {
        DeviceCalibration d = cal.device(id);
        cams.add(new TakeInput.Camera(id, d.model(), d.rigToDevice()));
      } else {
        CameraSpec c = rig.camera(id).orElseThrow(
            () -> new IllegalArgumentException("rig " + rig.id() + " has no camera " + id));
        cams.add(new TakeInput.Camera(id, c.nominalModel(), c.worldToCamera()));
      }
    }
    List<TakeInput.Projector> projs = new ArrayList<>();
    for (ProjectorSpec p : rig.projectors()) {
      DeviceCalibration d = cal == null ? null : cal.devices().stream()
          .filter(x -> x.id().equals(p.id()) && x.kind() == DeviceCalibration.Kind.PROJECTOR).findFirst().orElse(null);
      if (cal == null) {
        projs.add(new TakeInput.Projector(p.id(), p.nominalModel(), p.worldToProjector(), take.sequence()));
      } else if (d != null) {
        projs.add(new TakeInput.Projector(p.id(), d.model(), d.rigToDevice(), take.sequence()));
      } else {
        projs.add(new TakeInput.Projector(p.id(), null, null, take.sequence()));
      }
    }
    return new TakeInput(cams, projs, take.frames(take.cameraIds(), take.sensorBits(take.cameraIds(), sensorBits)));
  }

  /**
   * Runs the reconstruction with each camera's full scale declared from its sensor bit depth (recorded
   * in the take, or {@code sensorBits}); the config's decoder thresholds are then fractions of that full
   * scale, so use {@code DecoderConfig.defaults()}-based settings, not {@code decoderForBits}.
   *
   * @throws java.io.IOException when the take recorded no depth and {@code sensorBits} is null
   */
  public static ReconstructionResult reconstruct(LabTake take, Integer sensorBits, RigDescription rig, CalibrationFile cal,
      ReconstructionConfig config, ReconstructionListener listener) throws java.io.IOException {
    TakeInput in = input(take, sensorBits, rig, cal);
    try (Reconstructor r = new Reconstructor(config)) {
      return r.reconstruct(in, listener);
    }
  }

  /**
   * Figures against the truth.
   *
   * @param calibrated whether the reconstruction used a calibration
   * @param fused fused-mesh vertices to the true surface (mm), in the truth's world frame
   * @param completeness true vertices within {@link #COMPLETE_WITHIN_MM} of the fused surface, among the
   *     true vertices some take camera sees (by the truth depth maps)
   * @param decodeMedianPx median decoded projector (u, v) error over every camera-projector view (px)
   * @param decodeP95Px 95th percentile of it (px)
   * @param decodedOfLit decoded pixels as a fraction of the pixels a projector truly lights
   * @param depthError per take camera: merged depth minus true depth (mm), NaN where either is missing
   */
  public record Scores(boolean calibrated, DistanceStats fused, double completeness, double decodeMedianPx,
      double decodeP95Px, double decodedOfLit, List<GrayF32> depthError) {}

  /**
   * Scores {@code r} against {@code truth}. With a calibration the reconstruction lives in the
   * calibration's rig frame, which is a gauge choice (camera 0's calibrated frame): a 0.1° error in camera 0's
   * own orientation would tilt the whole face by ~1.5 mm at 1 m without any error in the shape. The rig frame
   * is therefore carried into the truth's frame by the rigid transform that best aligns the calibrated devices
   * with the true ones (Horn's fit over each camera's centre and a point 1 m along its optical axis) — computed
   * from the calibration alone, never from the mesh — so errors in the relative poses and intrinsics stay in
   * the figures. With fewer than two cameras it goes through the first take camera.
   */
  public static Scores score(ReconstructionResult r, TakeTruth truth, boolean calibrated) {
    TakeInput in = r.take();
    TakeInput.Camera c0 = in.cameras().get(0);
    TakeTruth.CameraTruth t0 = truth.camera(c0.id()).orElseThrow(
        () -> new IllegalArgumentException("truth has no camera " + c0.id()));
    RigidTransform recToWorld = in.cameras().size() >= 2
        ? alignRigFrames(in, truth)
        : c0.worldToCamera().then(t0.worldToCamera().invert());
    TriangleMesh fused = transformed(r.fused().mesh(), recToWorld);
    DistanceStats acc = MeshDistance.summary(fused, truth.mesh(), null, SEARCH_MM);
    boolean[] seen = seenVertices(truth, in);
    DistanceStats comp = fused.faceCount() == 0 ? null
        : MeshDistance.summary(truth.mesh(), fused, seen, COMPLETE_WITHIN_MM);
    double completeness = comp == null || comp.count() + comp.missing() == 0 ? 0
        : (double) comp.count() / (comp.count() + comp.missing());
    FloatSamples uvErr = new FloatSamples();
    long lit = 0;
    long decoded = 0;
    List<GrayF32> depthErr = new ArrayList<>();
    for (int c = 0; c < in.cameras().size(); c++) {
      TakeTruth.CameraTruth t = truth.camera(in.cameras().get(c).id()).orElseThrow();
      for (int p = 0; p < in.projectors().size(); p++) {
        InterleavedF32 uv = t.projectorUv().get(in.projectors().get(p).id());
        DecodedMaps d = r.decoded(c, p);
        for (int y = 0; y < d.height(); y++) {
          for (int x = 0; x < d.width(); x++) {
            float tu = uv.get(x, y, 0);
            float tv = uv.get(x, y, 1);
            boolean isLit = !Float.isNaN(tu);
            lit += isLit ? 1 : 0;
            float du = d.projU.get(x, y);
            float dv = d.projV.get(x, y);
            if (d.mask.get(x, y) != 0 && !Float.isNaN(du) && !Float.isNaN(dv)) {
              decoded++;
              if (isLit) {
                uvErr.add((float) Math.hypot(du - tu, dv - tv));
              }
            }
          }
        }
      }
      TriangulatedView m = r.merged().get(c);
      GrayF32 e = new GrayF32(m.width(), m.height());
      for (int y = 0; y < m.height(); y++) {
        for (int x = 0; x < m.width(); x++) {
          float z = m.mask.get(x, y) != 0 ? m.depth.get(x, y) : 0;
          float tz = t.depth().get(x, y);
          e.set(x, y, z > 0 && tz > 0 ? z - tz : Float.NaN);
        }
      }
      depthErr.add(e);
    }
    double[] q = uvErr.percentiles(0.5, 0.95);
    return new Scores(calibrated, acc, completeness, q[0], q[1], lit == 0 ? 0 : (double) decoded / lit, depthErr);
  }

  /** The rigid transform from the reconstruction's rig frame to the truth's, over the take cameras' poses. */
  static RigidTransform alignRigFrames(TakeInput in, TakeTruth truth) {
    int n = in.cameras().size();
    double[] rec = new double[6 * n];
    double[] tru = new double[6 * n];
    for (int c = 0; c < n; c++) {
      TakeInput.Camera cam = in.cameras().get(c);
      TakeTruth.CameraTruth t = truth.camera(cam.id()).orElseThrow();
      RigidTransform recCamToWorld = cam.worldToCamera().invert();
      RigidTransform trueCamToWorld = t.worldToCamera().invert();
      recCamToWorld.transformPoint(0, 0, 0, rec, 6 * c);
      recCamToWorld.transformPoint(0, 0, 1000, rec, 6 * c + 3);
      trueCamToWorld.transformPoint(0, 0, 0, tru, 6 * c);
      trueCamToWorld.transformPoint(0, 0, 1000, tru, 6 * c + 3);
    }
    return RigidAlignment.fit(rec, tru);
  }

  /** True-mesh vertices whose planar depth matches some take camera's true depth map (seen, not hidden). */
  static boolean[] seenVertices(TakeTruth truth, TakeInput in) {
    TriangleMesh mesh = truth.mesh();
    boolean[] seen = new boolean[mesh.vertexCount()];
    double[] pc = new double[3];
    for (TakeInput.Camera cam : in.cameras()) {
      TakeTruth.CameraTruth t = truth.camera(cam.id()).orElseThrow();
      double[] px = new double[2];
      for (int i = 0; i < seen.length; i++) {
        if (seen[i]) {
          continue;
        }
        t.worldToCamera().transformPoint(mesh.positions[3 * i], mesh.positions[3 * i + 1], mesh.positions[3 * i + 2], pc, 0);
        if (pc[2] <= 0 || !t.model().project(pc[0], pc[1], pc[2], px, 0)) {
          continue;
        }
        int u = (int) Math.round(px[0]);
        int v = (int) Math.round(px[1]);
        if (u < 0 || v < 0 || u >= t.depth().width() || v >= t.depth().height()) {
          continue;
        }
        float z = t.depth().get(u, v);
        seen[i] = z > 0 && Math.abs(z - pc[2]) < 2.0;
      }
    }
    return seen;
  }

  private static TriangleMesh transformed(TriangleMesh m, RigidTransform t) {
    float[] p = new float[m.positions.length];
    double[] out = new double[3];
    for (int i = 0; i < p.length; i += 3) {
      t.transformPoint(m.positions[i], m.positions[i + 1], m.positions[i + 2], out, 0);
      p[i] = (float) out[0];
      p[i + 1] = (float) out[1];
      p[i + 2] = (float) out[2];
    }
    return new TriangleMesh(p, m.faces);
  }

  /** Growable float samples with percentiles (sorts a copy); NaN percentiles when empty. */
  static final class FloatSamples {
    private float[] a = new float[1024];
    private int n;

    void add(float v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    double[] percentiles(double... q) {
      float[] s = java.util.Arrays.copyOf(a, n);
      java.util.Arrays.sort(s);
      double[] out = new double[q.length];
      for (int i = 0; i < q.length; i++) {
        out[i] = n == 0 ? Double.NaN : s[Math.min(n - 1, (int) Math.floor(q[i] * (n - 1) + 0.5))];
      }
      return out;
    }
  }
}
