package org.dpface.cli.reconstruct;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.cli.Dpface;
import org.dpface.cli.capture.LabRigs;
import org.dpface.cli.rig.RigCommand;
import org.dpface.core.io.Pictures;
import org.dpface.reconstruction.fuse.TsdfConfig;
import org.dpface.reconstruction.pipeline.ReconstructionConfig;
import org.dpface.reconstruction.pipeline.ReconstructionListener;
import org.dpface.reconstruction.pipeline.ReconstructionOutputs;
import org.dpface.reconstruction.pipeline.ReconstructionResult;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.TruthReader;
import org.dpface.rigs.virtual.take.TruthWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dpface reconstruct}: one stored take (a COMPLETE take folder of a lab) into a face mesh, a point
 * cloud, a QC report and pictures; scored against the virtual rig's truth when the take has one.
 */
@Command(
    name = "reconstruct",
    mixinStandardHelpOptions = true,
    description = {"Reconstructs one stored take: decode -> triangulate -> fuse -> QC.",
        "Writes mesh.ply, points.ply, qc.json and pictures/ into --out; with a calibration the cameras use it and",
        "uncalibrated projectors are triangulated through camera pairs, else the rig's nominal models are used.",
        "A virtual take with ground truth (<lab>/../truth/<session>/<take>/ or --truth) is scored against it."})
public final class ReconstructCommand implements Callable<Integer> {
  @Option(names = "--take", required = true, paramLabel = "DIR", description = "The take folder (<lab>/sessions/<session>/takes/<take>).")
  Path take;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--calibration", paramLabel = "FILE", description = "calibration.json (dpface-calibration v1).")
  Path calibration;

  @Option(names = "--rig", paramLabel = "ID|FILE", description = "The rig (default: the session's rig, <lab>/rig.json if it is that rig).")
  String rig;

  @Option(names = "--sequence", paramLabel = "FILE", description = "The SL sequence (default: <session>/sl-sequence.json).")
  Path sequence;

  @Option(names = "--truth", paramLabel = "DIR", description = "Truth folder of this take (default: <lab>/../truth/<session>/<take>, if present).")
  Path truth;

  @Option(names = "--voxel", defaultValue = "1.0", paramLabel = "MM", description = "Fusion voxel size (default: ${DEFAULT-VALUE} mm).")
  double voxelMm;

  @Option(names = "--sensor-bits", defaultValue = "14", paramLabel = "N",
      description = "Bits of each DP half's raw values (default: ${DEFAULT-VALUE}); the summed halves use one more.")
  int sensorBits;

  @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Worker threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec.commandLine().getOut();
    LabTake t = LabTake.read(take, sequence);
    Path sessionDir = take.toAbsolutePath().normalize().getParent().getParent();
    Path lab = sessionDir.getParent().getParent();
    RigDescription r = rig != null ? RigCommand.load(rig) : LabRigs.load(lab, LabTake.sessionRigId(sessionDir));
    CalibrationFile cal = calibration == null ? null : CalibrationJson.read(calibration);
    ReconstructionConfig cfg = config(sensorBits, voxelMm, threads);
    long t0 = System.nanoTime();
    ReconstructionResult result = TakeReconstruction.reconstruct(t, r, cal, cfg, new ReconstructionListener() {
      @Override
      public void stageStarted(ReconstructionListener.Stage stage, int steps) {
        pw.printf("%s (%d)%n", stage.name().toLowerCase(Locale.ROOT), steps);
        pw.flush();
      }
    });
    double seconds = (System.nanoTime() - t0) / 1e9;
    ReconstructionOutputs.write(out, result, threads);
    pw.printf(Locale.ROOT, "take %s %s (%s): %d cameras, %s; mesh %d vertices, %d faces in %.1f s -> %s%n", t.takeId(),
        t.spec(), t.subjectId(), t.cameraIds().size(), cal == null ? "rig's nominal models" : "calibration " + calibration,
        result.fused().mesh().vertexCount(), result.fused().mesh().faceCount(), seconds, out);
    Path truthDir = truth != null ? truth : lab.resolveSibling("truth").resolve(t.sessionId()).resolve(t.takeId());
    if (Files.isRegularFile(truthDir.resolve(TruthWriter.META))) {
      TakeReconstruction.Scores s = TakeReconstruction.score(result, TruthReader.read(truthDir), cal != null);
      pw.printf(Locale.ROOT, "vs truth: fused mesh median %.3f mm, p95 %.3f mm, rms %.3f mm (%d vertices, %d beyond %.0f mm);"
              + " completeness %.2f; decoded (u,v) median %.3f px, p95 %.3f px%n", s.fused().median(), s.fused().p95(),
          s.fused().rms(), s.fused().count(), s.fused().missing(), TakeReconstruction.SEARCH_MM, s.completeness(),
          s.decodeMedianPx(), s.decodeP95Px());
      for (int c = 0; c < s.depthError().size(); c++) {
        Pictures.writePng(out.resolve(ReconstructionOutputs.PICTURES).resolve("depth-error-" + t.cameraIds().get(c) + ".png"),
            Pictures.signedError(s.depthError().get(c), null, DEPTH_ERROR_RANGE_MM, null));
      }
    } else if (truth != null) {
      pw.printf("no truth in %s%n", truthDir);
    }
    pw.flush();
    return Dpface.EXIT_OK;
  }

  /** Colour range (± mm) of the depth-error pictures. */
  public static final float DEPTH_ERROR_RANGE_MM = 0.5f;

  /** The reconstruction settings for summed DP halves of a {@code sensorBits} sensor. */
  public static ReconstructionConfig config(int sensorBits, double voxelMm, int threads) {
    return ReconstructionConfig.defaults()
        .withDecoder(ReconstructionConfig.decoderForBits(Math.min(16, sensorBits + 1)))
        .withFusion(TsdfConfig.defaults().withVoxelMm(voxelMm).withThreads(threads))
        .withThreads(threads);
  }

}
