package org.dpface.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.capture.storage.StoredTake;
import org.dpface.cli.capture.LabRigs;
import org.dpface.cli.reconstruct.LabTake;
import org.dpface.cli.reconstruct.ReconstructCommand;
import org.dpface.cli.reconstruct.TakeReconstruction;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.InterleavedU8;
import org.dpface.core.io.Pictures;
import org.dpface.reconstruction.pipeline.ReconstructionConfig;
import org.dpface.reconstruction.pipeline.ReconstructionListener;
import org.dpface.reconstruction.pipeline.ReconstructionOutputs;
import org.dpface.reconstruction.pipeline.ReconstructionResult;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.TakeTruth;
import org.dpface.rigs.virtual.take.TruthReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconstructs every COMPLETE take of {@code lab/} from its frames on disk (left + right sum per SL step)
 * into {@code recon/<session>/<take>/} and scores it against {@code truth/<session>/<take>/}. Cameras come
 * and projectors come from {@code calibration/calibration.json} when the calibrate stage wrote one (a
 * projector the file lacks stays uncalibrated and camera pairs triangulate through its codes), else from the
 * lab rig's true models; the result says which.
 */
final class ReconstructStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(ReconstructStage.class);
  static final String RECON = "recon";
  static final String CALIBRATION = "calibration/calibration.json";

  @Override
  public String id() {
    return "reconstruct";
  }

  @Override
  public String title() {
    return "Structured-light reconstruction of every take from its stored frames, scored against truth";
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    Path lab = ctx.lab().resolve(CaptureStage.LAB);
    Path calFile = ctx.lab().resolve(CALIBRATION);
    CalibrationFile cal = Files.isRegularFile(calFile) ? CalibrationJson.read(calFile) : null;
    List<Path> takes = completeTakes(lab);
    if (takes.isEmpty()) {
      throw new IllegalStateException("no COMPLETE take under " + lab + "; run the capture stage first");
    }
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    List<String> pictures = new ArrayList<>();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("camera models", cal == null ? "rig's true models (no calibration/calibration.json)"
        : "calibration/calibration.json (" + cal.devices().stream().filter(d -> d.kind() == DeviceCalibration.Kind.PROJECTOR).count()
            + " calibrated projector(s); any other projector: camera pairs through its codes)");
    double worstMedian = 0;
    double worstP95 = 0;
    double worstDecodeMedian = 0;
    double worstDecodeP95 = 0;
    double minCompleteness = 1;
    double seconds = 0;
    for (Path dir : takes) {
      LabTake take = LabTake.read(dir);
      Path sessionDir = dir.getParent().getParent();
      RigDescription rig = LabRigs.load(lab, LabTake.sessionRigId(sessionDir));
      double voxel = voxelMm(rig);
      // each camera's full scale from the sensor depth the take recorded, as reconstruct --take does
      ReconstructionConfig config = ReconstructCommand.config(voxel, threads);
      long t0 = System.nanoTime();
      ReconstructionResult r = TakeReconstruction.reconstruct(take, null, rig, cal, config, ReconstructionListener.NONE);
      double s = (System.nanoTime() - t0) / 1e9;
      seconds += s;
      String rel = RECON + "/" + take.sessionId() + "/" + take.takeId();
      Path out = ctx.lab().resolve(rel);
      ReconstructionOutputs.write(out, r, threads);
      Path truthDir = ctx.lab().resolve(CaptureStage.TRUTH).resolve(take.sessionId()).resolve(take.takeId());
      TakeTruth truth = TruthReader.read(truthDir);
      TakeReconstruction.Scores sc = TakeReconstruction.score(r, truth, cal != null);
      String cam0 = take.cameraIds().get(0);
      String err = rel + "/" + ReconstructionOutputs.PICTURES + "/depth-error-" + cam0 + ".png";
      Pictures.writePng(ctx.file(err), Pictures.signedError(sc.depthError().get(0), null,
          ReconstructCommand.DEPTH_ERROR_RANGE_MM, null));
      String key = take.sessionId() + "/" + take.takeId() + " " + take.spec();
      m.put(key + ": fused median / p95 (mm)", String.format(Locale.ROOT, "%.3f / %.3f", sc.fused().median(), sc.fused().p95()));
      m.put(key + ": decoded (u,v) median / p95 (px)", String.format(Locale.ROOT, "%.3f / %.3f", sc.decodeMedianPx(), sc.decodeP95Px()));
      m.put(key + ": completeness, seconds", String.format(Locale.ROOT, "%.2f, %.1f", sc.completeness(), s));
      LOG.info("reconstruct: {} {}: {} vertices, fused median {} mm, p95 {} mm ({} s)", take.takeId(), take.spec(),
          r.fused().mesh().vertexCount(), fmt(sc.fused().median()), fmt(sc.fused().p95()), fmt(s));
      worstMedian = Math.max(worstMedian, sc.fused().median());
      worstP95 = Math.max(worstP95, sc.fused().p95());
      worstDecodeMedian = Math.max(worstDecodeMedian, sc.decodeMedianPx());
      worstDecodeP95 = Math.max(worstDecodeP95, sc.decodeP95Px());
      minCompleteness = Math.min(minCompleteness, sc.completeness());
      if (pictures.isEmpty()) {
        String beside = rel + "/" + ReconstructionOutputs.PICTURES + "/depth-vs-truth-" + cam0 + ".png";
        Pictures.writePng(ctx.file(beside), besideTruth(r.merged().get(0).depth, truth.camera(cam0).orElseThrow().depth(),
            sc.depthError().get(0)));
        pictures.add(beside);
        pictures.add(rel + "/" + ReconstructionOutputs.PICTURES + "/render-" + cam0 + ".png");
        pictures.add(rel + "/" + ReconstructionOutputs.PICTURES + "/decoded-" + cam0 + "-" + rig.projectors().get(0).id() + ".png");
        m.put("voxel (mm)", voxel);
      }
    }
    m.put("takes", takes.size());
    m.put("fused median, worst take (mm)", worstMedian);
    m.put("fused p95, worst take (mm)", worstP95);
    m.put("decoded (u,v) median, worst take (px)", worstDecodeMedian);
    m.put("decoded (u,v) p95, worst take (px)", worstDecodeP95);
    m.put("completeness, worst take", minCompleteness);
    m.put("seconds per take", seconds / takes.size());
    m.put("pictures", "first take, first camera: reconstructed (merged) depth | true depth (same colours) | merged - true depth (±"
        + ReconstructCommand.DEPTH_ERROR_RANGE_MM + " mm); the fused mesh shaded; decoded projector coordinates (u, v)");
    String summary = String.format(Locale.ROOT, "%d takes (%s): fused vs truth median <= %.3f mm, p95 <= %.3f mm; "
        + "completeness >= %.2f", takes.size(), cal == null ? "true models" : "calibrated rig", worstMedian, worstP95,
        minCompleteness);
    return StageResult.done(this, summary, m, pictures);
  }

  /** Reconstructed depth | true depth, both over the truth's display range | their signed difference. */
  static InterleavedU8 besideTruth(GrayF32 reconstructed, GrayF32 truth, GrayF32 error) {
    float[] range = Pictures.validRange(truth, Pictures.LOW_PERCENTILE, Pictures.HIGH_PERCENTILE);
    if (Float.isNaN(range[0]) || !(range[1] > range[0])) {
      range = new float[] {0, 1};
    }
    return Pictures.sideBySide(Pictures.depth(reconstructed, range[0], range[1], null),
        Pictures.depth(truth, range[0], range[1], null),
        Pictures.signedError(error, null, ReconstructCommand.DEPTH_ERROR_RANGE_MM, null));
  }

  /** About 1.5 camera pixels on the subject, within [0.5, 3] mm. */
  static double voxelMm(RigDescription rig) {
    var c = rig.cameras().get(0).nominalModel();
    double footprint = rig.nominalGeometry().subjectCentreMm().norm() / c.fx();
    return Math.max(0.5, Math.min(3.0, Math.round(1.5 * footprint * 4) / 4.0));
  }

  /** COMPLETE take folders ({@code take-NNNN}, no suffix) of every session, in name order. */
  static List<Path> completeTakes(Path lab) throws java.io.IOException {
    return StoredTake.complete(lab).stream().map(StoredTake::dir).toList();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
