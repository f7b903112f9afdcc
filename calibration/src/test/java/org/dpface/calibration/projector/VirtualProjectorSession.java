package org.dpface.calibration.projector;

import java.util.ArrayList;
import java.util.List;
import org.dpface.calibration.camera.CalibrationConfig;
import org.dpface.calibration.camera.DistortionModel;
import org.dpface.calibration.detect.ChessboardDetector;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.rig.CornerOrder;
import org.dpface.calibration.rig.RigCalibration;
import org.dpface.calibration.rig.RigCalibrationConfig;
import org.dpface.calibration.rig.RigCalibrator;
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
 * A whole virtual calibration session for the projector tests and figures: the binned virtual-8cam rig,
 * board poses, flat frames → camera rig calibration, then for every {@code stride}-th pose the board under
 * each projector's dpface sequence (default config) seen by the {@code camerasPerPose} cameras with the
 * largest board image, decoded and handed to {@link ProjectorCalibrator}. The truth stays beside it.
 */
final class VirtualProjectorSession {
  /** Sensor ADC bits of the virtual rig's default sensor (decoder thresholds). */
  static final int SENSOR_BITS = 14;

  final RigDescription rig;
  final ChessboardSpec spec;
  final List<RigidTransform> poses;
  final RigCalibration cameras;
  final List<List<ProjectorView>> views = new ArrayList<>();
  final List<ProjectorCalibration> projectors = new ArrayList<>();
  /** Per projector, per calibration corner pose (as in {@code projectors.get(j).corners()}), true corners. */
  final List<List<double[]>> trueCorners = new ArrayList<>();
  final double renderSeconds;
  final double calibrateSeconds;

  VirtualProjectorSession(int binning, ChessboardSpec spec, int poseCount, int stride, int camerasPerPose,
      long poseSeed, long noiseSeed, int threads, ProjectorCalibrationConfig config) throws java.io.IOException {
    this.rig = RigBinning.binned(BundledRigs.load("virtual-8cam"), binning);
    this.spec = spec;
    BoardSpec board = BoardSpec.chessboard(spec.columns(), spec.rows(), spec.squareMm());
    this.poses = BoardPoses.generate(rig, board, BoardPoses.Config.defaults(poseCount), poseSeed);
    List<String> ids = rig.cameras().stream().map(CameraSpec::id).toList();
    ChessboardDetector detector = new ChessboardDetector(spec);
    List<List<CornerDetection>> detections = new ArrayList<>();
    int np = rig.projectors().size();
    List<SequenceDescription> seqs = new ArrayList<>();
    List<List<GrayU8>> patterns = new ArrayList<>();
    List<PatternDecoder> decoders = new ArrayList<>();
    for (ProjectorSpec p : rig.projectors()) {
      SequenceDescription s = Sequences.dpface(p.resolution().width(), p.resolution().height(), SequenceConfig.defaults());
      seqs.add(s);
      patterns.add(new PatternGenerator(s).renderAllU8());
      decoders.add(new PatternDecoder(s, ReconstructionConfig.decoderForBits(SENSOR_BITS), threads));
      views.add(new ArrayList<>());
    }
    long t0 = System.nanoTime();
    try (TargetRenderer r = new TargetRenderer(rig, board,
        TargetRenderConfig.defaults().withSeed(noiseSeed).withThreads(threads))) {
      for (int p = 0; p < poses.size(); p++) {
        List<CornerDetection> row = new ArrayList<>();
        for (int c = 0; c < ids.size(); c++) {
          GrayU16 img = new GrayU16(1, 1);
          r.renderFlat(p, poses.get(p), c, img);
          row.add(CornerOrder.canonical(spec, img, detector.detect(RigDetections.viewName(p, ids.get(c)), img)));
        }
        detections.add(row);
        if (p % stride != 0) {
          continue;
        }
        for (int c : ProjectorViews.largestBoards(row, spec.columns(), camerasPerPose)) {
          for (int j = 0; j < np; j++) {
            List<GrayU16> frames = r.renderPatterns(p, poses.get(p), c, j, patterns.get(j));
            DecodedMaps d = new DecodedMaps();
            decoders.get(j).decode(frames, d);
            views.get(j).add(new ProjectorView(p, ids.get(c), row.get(c), d));
          }
        }
      }
    } finally {
      decoders.forEach(PatternDecoder::close);
    }
    long t1 = System.nanoTime();
    RigCalibrationConfig cfg = RigCalibrationConfig.defaults()
        .withCamera(CalibrationConfig.defaults().withDistortion(DistortionModel.RADIAL2_TANGENTIAL));
    this.cameras = new RigCalibrator(cfg).calibrate(spec, ids, detections);
    ProjectorCalibrator pc = new ProjectorCalibrator(config);
    try (TargetRenderer r = new TargetRenderer(rig, board, TargetRenderConfig.defaults())) {
      for (int j = 0; j < np; j++) {
        ProjectorSpec p = rig.projectors().get(j);
        ProjectorCalibration cal = pc.calibrate(p.id(), p.resolution().width(), p.resolution().height(),
            views.get(j), cameras);
        projectors.add(cal);
        List<double[]> t = new ArrayList<>();
        for (ProjectorCalibration.PoseCorners k : cal.corners()) {
          t.add(r.projectorTruth(poses.get(k.pose()), j).cornersUv());
        }
        trueCorners.add(t);
      }
    }
    this.renderSeconds = (t1 - t0) / 1e9;
    this.calibrateSeconds = (System.nanoTime() - t1) / 1e9;
  }

  /** Largest and RMS distance (px) of the mapped projector corners of projector {@code j} from the truth. */
  double[] cornerErrors(int j) {
    double worst = 0;
    double sum = 0;
    int n = 0;
    List<ProjectorCalibration.PoseCorners> got = projectors.get(j).corners();
    for (int k = 0; k < got.size(); k++) {
      double[] a = got.get(k).pixels();
      double[] t = trueCorners.get(j).get(k);
      for (int i = 0; i < a.length; i += 2) {
        double e = Math.hypot(a[i] - t[i], a[i + 1] - t[i + 1]);
        worst = Math.max(worst, e);
        sum += e * e;
        n++;
      }
    }
    return new double[] {worst, Math.sqrt(sum / Math.max(1, n))};
  }
}
