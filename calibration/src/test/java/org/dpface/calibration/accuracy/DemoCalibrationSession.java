package org.dpface.calibration.accuracy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.projector.ProjectorView;
import org.dpface.calibration.projector.ProjectorViews;
import org.dpface.calibration.rig.CornerOrder;
import org.dpface.calibration.rig.RigDetections;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.reconstruction.codec.PatternDecoder;
import org.dpface.reconstruction.codec.PatternGenerator;
import org.dpface.reconstruction.codec.SequenceConfig;
import org.dpface.reconstruction.codec.Sequences;
import org.dpface.reconstruction.pipeline.ReconstructionConfig;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.RigBinning;
import org.dpface.rigs.virtual.targets.BoardPoses;
import org.dpface.rigs.virtual.targets.BoardSpec;
import org.dpface.rigs.virtual.targets.TargetRenderConfig;
import org.dpface.rigs.virtual.targets.TargetRenderer;

/**
 * The demo's calibration take, rendered and detected the way the demo's calibrate stage does it (binned
 * virtual-8cam, seeded {@link BoardPoses}, {@link TargetRenderer} with its default sensor noise, classic
 * chessboard detection in canonical order; every {@code stride}-th pose also under each projector's dpface
 * sequence, seen and decoded by the {@code camerasPerPose} cameras with the largest board image), kept in
 * memory so several estimators can be compared on the same detections. The truth stays beside it.
 */
final class DemoCalibrationSession {
  /** Sensor ADC bits of the virtual rig's default sensor (decoder thresholds). */
  private static final int SENSOR_BITS = 14;

  final RigDescription rig;
  final ChessboardSpec spec;
  final List<RigidTransform> poses;
  final List<String> cameraIds;
  /** Per pose, per camera, the detection. */
  final List<List<CornerDetection>> detections = new ArrayList<>();
  /** Per projector, the decoded views. */
  final List<List<ProjectorView>> projectorViews = new ArrayList<>();
  /** Per pose, per camera, the flat-lit image. */
  final List<List<GrayU16>> images = new ArrayList<>();
  /** Per pose, per camera, the true corner pixels (null where not found). */
  final List<List<double[]>> trueCorners = new ArrayList<>();
  final double renderSeconds;

  /**
   * @param binning rig binning (2 = the demo's 240x320)
   * @param spec board (the quick demo: 5x8 × 30 mm)
   * @param poseCount board poses (demo: 20)
   * @param stride every stride-th pose under the projectors (demo: 2)
   * @param camerasPerPose cameras decoding each projector pose (demo: 1)
   * @param poseSeed seed of the board poses (demo: seed + 0x7ca1)
   * @param noiseSeed seed of the sensor noise (demo: seed + 0x7ca2)
   */
  DemoCalibrationSession(int binning, ChessboardSpec spec, int poseCount, int stride, int camerasPerPose,
      long poseSeed, long noiseSeed, int threads) throws IOException {
    this.rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), binning);
    this.spec = spec;
    BoardSpec board = BoardSpec.chessboard(spec.columns(), spec.rows(), spec.squareMm());
    BoardPoses.Config pd = BoardPoses.Config.defaults(poseCount);
    // -Dtilt=DEG, -DminCameras=N: pose-design experiments (defaults: the demo's)
    BoardPoses.Config cfg = new BoardPoses.Config(pd.count(), Double.parseDouble(System.getProperty("tilt",
        String.valueOf(pd.maxTiltDeg()))), pd.maxRollDeg(), pd.maxOffsetMm(), Double.parseDouble(System.getProperty("depthOffset", String.valueOf(pd.maxDepthOffsetMm()))),
        Integer.getInteger("minCameras", pd.minCameras()), pd.borderPx(), pd.maxObliquityDeg(), pd.maxAttempts());
    this.poses = BoardPoses.generate(rig, board, cfg, poseSeed);
    this.cameraIds = rig.cameras().stream().map(CameraSpec::id).toList();
    ChessboardDetector detector = new ChessboardDetector(spec);
    List<List<GrayU8>> patterns = new ArrayList<>();
    List<PatternDecoder> decoders = new ArrayList<>();
    for (ProjectorSpec p : rig.projectors()) {
      SequenceDescription s = Sequences.dpface(p.resolution().width(), p.resolution().height(),
          SequenceConfig.defaults());
      patterns.add(new PatternGenerator(s).renderAllU8());
      decoders.add(new PatternDecoder(s, ReconstructionConfig.decoderForBits(SENSOR_BITS), threads));
      projectorViews.add(new ArrayList<>());
    }
    long t0 = System.nanoTime();
    try (TargetRenderer r = new TargetRenderer(rig, board,
        TargetRenderConfig.defaults().withSeed(noiseSeed).withThreads(threads))) {
      for (int p = 0; p < poses.size(); p++) {
        List<CornerDetection> row = new ArrayList<>();
        List<double[]> truthRow = new ArrayList<>();
        List<GrayU16> imageRow = new ArrayList<>();
        for (int c = 0; c < cameraIds.size(); c++) {
          GrayU16 img = new GrayU16(1, 1);
          r.renderFlat(p, poses.get(p), c, img);
          CornerDetection d = CornerOrder.canonical(spec, img,
              detector.detect(RigDetections.viewName(p, cameraIds.get(c)), img));
          row.add(d);
          imageRow.add(img);
          truthRow.add(d.isFound() ? r.truth(poses.get(p), c).cornersUv() : null);
        }
        detections.add(row);
        trueCorners.add(truthRow);
        images.add(imageRow);
        if (p % stride != 0) {
          continue;
        }
        List<Integer> aimed = ProjectorViews.largestBoards(row, spec.columns(), camerasPerPose);
        for (int c : aimed) {
          for (int j = 0; j < rig.projectors().size(); j++) {
            List<GrayU16> frames = r.renderPatterns(p, poses.get(p), c, j, patterns.get(j));
            DecodedMaps d = new DecodedMaps();
            decoders.get(j).decode(frames, d);
            projectorViews.get(j).add(new ProjectorView(p, cameraIds.get(c), row.get(c), d));
          }
        }
        if (Boolean.getBoolean("aimedOnly")) { // the demo's SL takes expose only the aimed cameras
          for (int c = 0; c < cameraIds.size(); c++) {
            if (!aimed.contains(c)) {
              row.set(c, CornerDetection.failed(row.get(c).source(), img0(imageRow).width(), img0(imageRow).height(),
                  "not exposed"));
              truthRow.set(c, null);
            }
          }
        }
      }
    } finally {
      decoders.forEach(PatternDecoder::close);
    }
    renderSeconds = (System.nanoTime() - t0) / 1e9;
  }

  private static GrayU16 img0(List<GrayU16> row) {
    return row.get(0);
  }

  /** RMS and largest distance (px) of the found corners from the truth, over every view. */
  double[] cornerErrors() {
    return cornerErrors(detections);
  }

  /** RMS, largest distance (px) and mean offset (u, v) of {@code dets}' corners from the truth. */
  double[] cornerErrors(List<List<CornerDetection>> dets) {
    double mu = 0;
    double mv = 0;
    double sum = 0;
    double worst = 0;
    long n = 0;
    for (int p = 0; p < detections.size(); p++) {
      for (int c = 0; c < cameraIds.size(); c++) {
        CornerDetection d = dets.get(p).get(c);
        double[] t = trueCorners.get(p).get(c);
        if (t == null) {
          continue;
        }
        double[] g = d.corners();
        for (int i = 0; i < g.length; i += 2) {
          mu += g[i] - t[i];
          mv += g[i + 1] - t[i + 1];
          double e = Math.hypot(g[i] - t[i], g[i + 1] - t[i + 1]);
          sum += e * e;
          worst = Math.max(worst, e);
          n++;
        }
      }
    }
    return new double[] {Math.sqrt(sum / Math.max(1, n)), worst, mu / Math.max(1, n), mv / Math.max(1, n)};
  }

  /** The true corners plus white Gaussian noise of {@code sigmaPx} per axis (what white noise alone costs). */
  List<List<CornerDetection>> noisyTrueDetections(double sigmaPx, long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    List<List<CornerDetection>> out = new ArrayList<>();
    for (List<CornerDetection> row : trueDetections()) {
      List<CornerDetection> r = new ArrayList<>();
      for (CornerDetection d : row) {
        if (!d.isFound()) {
          r.add(d);
          continue;
        }
        double[] c = d.corners();
        for (int i = 0; i < c.length; i++) {
          c[i] += sigmaPx * rnd.nextGaussian();
        }
        r.add(CornerDetection.found(d.source(), d.width(), d.height(), c));
      }
      out.add(r);
    }
    return out;
  }

  /** The detections with every found view's corners replaced by the true corners (an upper bound). */
  List<List<CornerDetection>> trueDetections() {
    List<List<CornerDetection>> out = new ArrayList<>();
    for (int p = 0; p < detections.size(); p++) {
      List<CornerDetection> row = new ArrayList<>();
      for (int c = 0; c < cameraIds.size(); c++) {
        CornerDetection d = detections.get(p).get(c);
        double[] t = trueCorners.get(p).get(c);
        row.add(t == null ? d : CornerDetection.found(d.source(), d.width(), d.height(), t));
      }
      out.add(row);
    }
    return out;
  }
}
