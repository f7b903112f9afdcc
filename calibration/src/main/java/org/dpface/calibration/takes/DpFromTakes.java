package org.dpface.calibration.takes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpface.calibration.dp.DpCalibration;
import org.dpface.calibration.dp.DpCalibrationConfig;
import org.dpface.calibration.dp.DpCoefficientCalibrator;
import org.dpface.calibration.dp.DpView;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.capture.storage.StoredCalibrationTake;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.io.PngImages;
import org.dpface.reconstruction.codec.PatternDecoder;
import org.dpface.reconstruction.pipeline.ReconstructionConfig;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.dpface.reconstruction.triangulate.CameraProjectorTriangulator;
import org.dpface.reconstruction.triangulate.TriangulationConfig;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;

/**
 * DP defocus coefficients (a, b) of d = a/Z + b from the DP plane takes, with each plane's depth measured by
 * structured light through the calibration itself (never the rig's truth):
 *
 * <ol>
 *   <li>per DP camera and plane take: the SL block of every calibrated projector decoded in the camera's
 *       full-aperture frames and triangulated with the calibrated camera and projector
 *       ({@link CameraProjectorTriangulator}); the projector with the most valid points is kept;
 *   <li>a plane fitted to those points in the camera frame ({@link PlaneFit}: least squares, then twice again
 *       without points beyond 3 σ); the take is skipped when too few points decode (the plane is not in
 *       front of this camera);
 *   <li>depth per pixel: the calibrated camera's ray through the pixel meets the plane; mask: where it meets it
 *       inside the decoded points' extent ({@link PlaneFit#box()}; a checker print leaves its dark squares
 *       undecoded);
 *   <li>the flat-lit step's left and right halves with that depth and mask go to {@link
 *       DpCoefficientCalibrator}.
 * </ol>
 */
public final class DpFromTakes {
  /** Share of a camera's pixels that must decode for a plane take to count for that camera. */
  static final double MIN_PLANE_SHARE = 0.2;

  /**
   * @param calibrations per DP camera calibrated
   * @param failures camera id → why not
   * @param planes every plane measured (take, camera, fit)
   */
  public record Result(Map<String, DpCalibration> calibrations, Map<String, String> failures, List<Plane> planes) {}

  /** One plane measured in one camera. */
  public record Plane(String takeId, String label, String cameraId, String projectorId, PlaneFit fit) {}

  private final TakeInputs in;
  private final TakeCalibration.Options options;

  DpFromTakes(TakeInputs in, TakeCalibration.Options options) {
    this.in = in;
    this.options = options;
  }

  Result calibrate(CalibrationFile cal) throws IOException {
    Map<String, DpCalibration> out = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    List<Plane> planes = new ArrayList<>();
    if (in.planes().isEmpty()) {
      throw new IOException("no DP plane take (purpose dp-plane): DP coefficients cannot be calibrated");
    }
    if (in.sequence() == null) {
      throw new IOException("the DP plane takes have no structured-light steps: their depth cannot be measured");
    }
    List<ProjectorSpec> projectors = in.rig().projectors();
    DpCoefficientCalibrator calibrator = new DpCoefficientCalibrator(
        DpCalibrationConfig.defaults().withThreads(options.threads()));
    int n = in.sequence().size();
    List<GrayU16> frames = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      frames.add(new GrayU16(1, 1));
    }
    GrayU16 work = new GrayU16(1, 1);
    try (PatternDecoder decoder = new PatternDecoder(in.sequence(),
        ReconstructionConfig.defaults().decoder(), options.threads());
        CameraProjectorTriangulator tri = new CameraProjectorTriangulator(TriangulationConfig.defaults(),
            options.threads())) {
      for (CameraSpec spec : in.rig().cameras()) {
        if (spec.dualPixel().splitAxis().isEmpty()) {
          continue;
        }
        DeviceCalibration cam = find(cal, spec.id(), DeviceCalibration.Kind.CAMERA);
        if (cam == null) {
          failures.put(spec.id(), "not in the calibration");
          continue;
        }
        List<DpView> views = new ArrayList<>();
        for (StoredCalibrationTake t : in.planes()) {
          if (!t.cameraIds().contains(spec.id())) {
            continue;
          }
          TriangulatedView best = null;
          String bestProjector = null;
          for (int j = 0; j < projectors.size(); j++) {
            DeviceCalibration p = find(cal, projectors.get(j).id(), DeviceCalibration.Kind.PROJECTOR);
            if (p == null) {
              continue;
            }
            for (int k = 0; k < n; k++) {
              TakeImages.readSum(t, spec.id(), in.slStep(t, j, k), frames.get(k), work);
            }
            DecodedMaps d = new DecodedMaps();
            decoder.decode(frames, TakeImages.summedFullScale(t, spec.id(), options.sensorBits()), d);
            TriangulatedView v = new TriangulatedView();
            tri.triangulate(d, cam.model(), cam.rigToDevice(), p.model(), p.rigToDevice(), v);
            if (best == null || v.countValid() > best.countValid()) {
              best = v;
              bestProjector = p.id();
            }
          }
          if (best == null) {
            throw new IOException("no projector in the calibration: calibrate the projectors first");
          }
          int pixels = t.width() * t.height();
          if (best.countValid() < MIN_PLANE_SHARE * pixels) {
            continue;
          }
          PlaneFit fit = PlaneFit.fit(best, cam.rigToDevice());
          planes.add(new Plane(t.takeId(), t.target().label(), spec.id(), bestProjector, fit));
          GrayF32 depth = new GrayF32(1, 1);
          GrayU8 mask = new GrayU8(1, 1);
          fit.depthMap(cam.model(), depth, mask);
          int flat = t.step("flat");
          GrayU16 l = PngImages.readGrayU16(t.leftPng(spec.id(), flat));
          GrayU16 r = PngImages.readGrayU16(t.rightPng(spec.id(), flat));
          views.add(DpView.ofU16(t.takeId() + "/" + spec.id(), l, r, depth, mask));
          options.progress().line(String.format(java.util.Locale.ROOT,
              "dp: %s (%s) in %s: plane at %.1f mm from %d SL points (%s), RMS %.2f mm", t.takeId(),
              t.target().label(), spec.id(), fit.centreDepthMm(), fit.inliers(), bestProjector, fit.rmsMm()));
        }
        if (views.isEmpty()) {
          failures.put(spec.id(), "no plane take shows a measurable plane in front of it");
          continue;
        }
        try {
          out.put(spec.id(), calibrator.calibrate(spec.id(), spec.dualPixel().splitAxis().get(), views));
        } catch (IllegalArgumentException e) {
          failures.put(spec.id(), e.getMessage());
        }
      }
    }
    failures.forEach((k, v) -> options.progress().line("dp: " + k + " not calibrated: " + v));
    return new Result(out, failures, planes);
  }

  private static DeviceCalibration find(CalibrationFile cal, String id, DeviceCalibration.Kind kind) {
    for (DeviceCalibration d : cal.devices()) {
      if (d.id().equals(id) && d.kind() == kind) {
        return d;
      }
    }
    return null;
  }
}
