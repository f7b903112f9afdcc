package org.dpface.cli.reconstruct;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.calibration.io.ExternalCalibration;
import org.dpface.cli.Dpface;
import org.dpface.cli.capture.LabRigs;
import org.dpface.cli.rig.RigCommand;
import org.dpface.core.image.ImageBase;
import org.dpface.core.io.Pictures;
import org.dpface.reconstruction.fuse.TsdfConfig;
import org.dpface.reconstruction.pipeline.ReconstructionConfig;
import org.dpface.reconstruction.pipeline.ReconstructionListener;
import org.dpface.reconstruction.pipeline.ReconstructionOutputs;
import org.dpface.reconstruction.pipeline.ReconstructionResult;
import org.dpface.reconstruction.pipeline.Reconstructor;
import org.dpface.reconstruction.pipeline.TakeInput;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.TruthReader;
import org.dpface.rigs.virtual.take.TruthWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dpface reconstruct}: one stored take (a COMPLETE take folder of a lab) into a face mesh, a point
 * cloud, a QC report and pictures; scored against the virtual rig's truth when the take has one. The
 * external form ({@code --images DIR --sequence SEQ --calibration CALIB}) reconstructs a capture made by
 * another system ({@link ExternalCapture}) with a dpface or OpenCV calibration ({@link ExternalCalibration}).
 */
@Command(
    name = "reconstruct",
    mixinStandardHelpOptions = true,
    description = {"Reconstructs one stored take (--take) or an external capture (--images, --sequence, --calibration):",
        "decode -> triangulate -> fuse -> QC.",
        "Writes mesh.ply, points.ply, qc.json and pictures/ into --out; with a calibration the cameras use it and",
        "uncalibrated projectors are triangulated through camera pairs, else the rig's nominal models are used.",
        "A virtual take with ground truth (<lab>/../truth/<session>/<take>/ or --truth) is scored against it.",
        "External captures: --images holds a folder per camera (or files <camera>_<n>.png) with one frame per",
        "sequence entry; --calibration is calibration.json or an OpenCV FileStorage file (cam_K cam_kc proj_K",
        "proj_kc R T; M1 D1 M2 D2 R T; or camera_matrix_i distortion_coefficients_i R_i T_i, relative to camera 0)."})
public final class ReconstructCommand implements Callable<Integer> {
  @Option(names = "--take", paramLabel = "DIR", description = "The take folder (<lab>/sessions/<session>/takes/<take>).")
  Path take;

  @Option(names = "--images", paramLabel = "DIR",
      description = "An external capture: a folder per camera, or files <camera>_<n>.<ext>, frames in sequence order.")
  Path images;

  @Option(names = "--frame-bits", paramLabel = "N",
      description = "External capture, optional: bits the 16-bit frames' values use, e.g. 12, when the files do not fill"
          + " their 16 bits (default: the files' depth, 8 or 16); the decoder's thresholds are fractions of 2^N - 1.")
  Integer frameBits;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--calibration", paramLabel = "FILE",
      description = "calibration.json (dpface-calibration v1); with --images also an OpenCV FileStorage YAML/XML file.")
  Path calibration;

  @Option(names = "--rig", paramLabel = "ID|FILE", description = "The rig (default: the session's rig, <lab>/rig.json if it is that rig).")
  String rig;

  @Option(names = "--sequence", paramLabel = "FILE|opencv-graycode:WxH",
      description = "The SL sequence file (default for --take: <session>/sl-sequence.json), or OpenCV GrayCodePattern's order.")
  String sequence;

  @Option(names = "--truth", paramLabel = "DIR", description = "Truth folder of this take (default: <lab>/../truth/<session>/<take>, if present).")
  Path truth;

  @Option(names = "--voxel", defaultValue = "1.0", paramLabel = "MM", description = "Fusion voxel size (default: ${DEFAULT-VALUE} mm).")
  double voxelMm;

  @Option(names = "--sensor-bits", paramLabel = "N",
      description = "--take: bits of each DP half's raw values, overriding what the take recorded (take.json sensorBits);"
          + " required for takes stored before the depth was recorded. The summed halves use one more bit.")
  Integer sensorBits;

  @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Worker threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec.commandLine().getOut();
    if ((take == null) == (images == null)) {
      throw new ParameterException(spec.commandLine(), "give either --take DIR or --images DIR");
    }
    if (images != null) {
      return external(pw);
    }
    LabTake t = LabTake.read(take, sequence == null ? null : Path.of(sequence));
    Path sessionDir = take.toAbsolutePath().normalize().getParent().getParent();
    Path lab = sessionDir.getParent().getParent();
    RigDescription r = rig != null ? RigCommand.load(rig) : LabRigs.load(lab, LabTake.sessionRigId(sessionDir));
    CalibrationFile cal = calibration == null ? null : CalibrationJson.read(calibration);
    ReconstructionConfig cfg = config(voxelMm, threads);
    if (sensorBits != null) {
      for (String cam : t.cameraIds()) {
        Integer recorded = t.sensorBits().get(cam);
        if (recorded != null && recorded.intValue() != sensorBits) {
          spec.commandLine().getErr().printf("warning: --sensor-bits %d overrides the %d bits take.json records for %s%n",
              sensorBits, recorded, cam);
        }
      }
    }
    long t0 = System.nanoTime();
    ReconstructionResult result = TakeReconstruction.reconstruct(t, sensorBits, r, cal, cfg, progress(pw));
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

  private Integer external(PrintWriter pw) throws Exception {
    if (sequence == null || calibration == null) {
      throw new ParameterException(spec.commandLine(), "--images needs --sequence and --calibration");
    }
    ExternalCapture capture = ExternalCapture.read(images, ExternalCapture.sequence(sequence));
    TakeInput input;
    String calText;
    if (isDpfaceCalibration(calibration)) {
      input = capture.input(CalibrationJson.read(calibration));
      calText = "calibration.json " + calibration;
    } else {
      ExternalCalibration ext = ExternalCalibration.read(calibration, capture.cameraIds().size());
      input = capture.input(ext);
      calText = ext.toString();
    }
    int bits = frameBits != null ? frameBits : capture.bitDepth();
    if (bits < 1 || bits > capture.bitDepth()) {
      throw new ParameterException(spec.commandLine(), "--frame-bits " + bits + ": the frames are " + capture.bitDepth()
          + "-bit files");
    }
    if (capture.bitDepth() == 8 && bits != 8) {
      throw new ParameterException(spec.commandLine(), "--frame-bits: 8-bit frames use all 8 bits");
    }
    // the decoder's levels are fractions of the frames' full scale, declared by the frame source
    int fullScale = bits == capture.bitDepth() ? 0 : (1 << bits) - 1;
    TakeInput.FrameSource files = input.frames();
    input = new TakeInput(input.cameras(), input.projectors(), new TakeInput.FrameSource() {
      @Override
      public List<? extends ImageBase> frames(int camera, int projector) {
        return files.frames(camera, projector);
      }

      @Override
      public int fullScale(int camera, int projector) {
        return fullScale;
      }
    });
    ReconstructionConfig cfg = config(voxelMm, threads);
    long t0 = System.nanoTime();
    ReconstructionResult result;
    try (Reconstructor r = new Reconstructor(cfg)) {
      result = r.reconstruct(input, progress(pw));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    ReconstructionOutputs.write(out, result, threads);
    pw.printf(Locale.ROOT, "external capture %s: cameras %s, %d frames of %d bits, projector %s; %s; mesh %d vertices,"
            + " %d faces in %.1f s -> %s%n", images, String.join(",", capture.cameraIds()), capture.sequence().size(), bits,
        input.projectors().get(0).calibrated() ? "calibrated" : "uncalibrated (camera pairs)", calText,
        result.fused().mesh().vertexCount(), result.fused().mesh().faceCount(), seconds, out);
    pw.flush();
    return Dpface.EXIT_OK;
  }

  /** Whether {@code file} is dpface's calibration.json (else it is read as an OpenCV FileStorage file). */
  static boolean isDpfaceCalibration(Path file) throws java.io.IOException {
    if (!Files.isRegularFile(file)) {
      throw new java.io.IOException(file + ": no such calibration file");
    }
    String head = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
    return head.stripLeading().startsWith("{") && head.contains("\"" + CalibrationJson.FORMAT + "\"");
  }

  private static ReconstructionListener progress(PrintWriter pw) {
    return new ReconstructionListener() {
      @Override
      public void stageStarted(ReconstructionListener.Stage stage, int steps) {
        pw.printf("%s (%d)%n", stage.name().toLowerCase(Locale.ROOT), steps);
        pw.flush();
      }
    };
  }

  /** Colour range (± mm) of the depth-error pictures. */
  public static final float DEPTH_ERROR_RANGE_MM = 0.5f;

  /**
   * The reconstruction settings for frames that declare their full scale ({@link TakeReconstruction#reconstruct(LabTake,
   * Integer, RigDescription, CalibrationFile, ReconstructionConfig, ReconstructionListener)}): default decoder thresholds.
   */
  public static ReconstructionConfig config(double voxelMm, int threads) {
    return ReconstructionConfig.defaults()
        .withFusion(TsdfConfig.defaults().withVoxelMm(voxelMm).withThreads(threads))
        .withThreads(threads);
  }

}
