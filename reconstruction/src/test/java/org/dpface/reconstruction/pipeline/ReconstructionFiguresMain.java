package org.dpface.reconstruction.pipeline;

import java.nio.file.Path;
import java.util.Locale;
import org.dpface.core.mesh.DistanceStats;
import org.dpface.reconstruction.fuse.TsdfConfig;

/**
 * Prints the accuracy figures of issue 10 (not a test, not a benchmark): a {@link VirtualTake} with all 8
 * cameras (or the cameras given) and both projectors, reconstructed with the true models, scored per
 * camera-projector decode (px), per pair depth (mm) and fused mesh (mm), with the time of each stage.
 * Args: [threads] [voxelMm] [outputDir or -] [camera indices...]. Run:
 * {@code java -cp <test classpath> org.dpface.reconstruction.pipeline.ReconstructionFiguresMain 2 0.5 -}.
 */
public final class ReconstructionFiguresMain {
  private ReconstructionFiguresMain() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    double voxel = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
    String outDir = args.length > 2 ? args[2] : "-";
    int[] cams = args.length > 3 ? new int[args.length - 3] : new int[] {0, 1, 2, 3, 4, 5, 6, 7};
    for (int i = 3; i < args.length; i++) {
      cams[i - 3] = Integer.parseInt(args[i]);
    }
    long t0 = System.nanoTime();
    try (VirtualTake take = new VirtualTake(cams, threads, 11)) {
      long t1 = System.nanoTime();
      ReconstructionConfig config = ReconstructionConfig.defaults()
          .withDecoder(ReconstructionConfig.decoderForBits(VirtualTake.SENSOR_BITS))
          .withFusion(TsdfConfig.defaults().withVoxelMm(voxel))
          .withThreads(threads)
          .withMinComponentFraction(Double.parseDouble(System.getProperty("dpface.figures.minComponent", "0.05")));
      ReconstructionResult r;
      try (Reconstructor rec = new Reconstructor(config)) {
        r = rec.reconstruct(take.take(), ReconstructionListener.NONE);
      }
      long t2 = System.nanoTime();
      TakeScores s = new TakeScores(take, r);
      System.out.printf(Locale.ROOT, "setup (subject, lookups, truth) %.0f ms; reconstruct incl. rendering %.0f ms; "
          + "rendering frames %.0f ms (inside the decode stage's time)%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
          take.renderNanos() / 1e6);
      for (TakeScores.Decode d : s.decode) {
        System.out.printf(Locale.ROOT, "decode %-12s %s | decoded %d of %d lit px, %d not lit%n", d.id(),
            fmt(d.errorPx(), "px"), d.decoded(), d.litPixels(), d.unlitDecoded());
      }
      for (TakeScores.Pair p : s.pairs) {
        System.out.printf(Locale.ROOT, "pair   %-12s |dZ| %s | valid %d, off the head %d%n", p.id(),
            fmt(p.depthErrorMm(), "mm"), p.valid(), p.offSurface());
      }
      System.out.printf(Locale.ROOT, "fused  %d vertices %d faces: vertex->truth %s; completeness %.4f of %d "
          + "visible true vertices within %.1f mm%n", r.fused().mesh().vertexCount(), r.fused().mesh().faceCount(),
          fmt(s.fused.accuracy(), "mm"), s.fused.completeness(), s.fused.visibleVertices(), TakeScores.COMPLETE_MM);
      System.out.println(QcReportFiles.toJson(r.qc()));
      if (!outDir.equals("-")) {
        ReconstructionOutputs.write(Path.of(outDir), r, threads);
      }
    }
  }

  private static String fmt(DistanceStats d, String unit) {
    return String.format(Locale.ROOT, "rms %.4f median %.4f p95 %.4f max %.3f %s (n %d, missing %d)", d.rms(),
        d.median(), d.p95(), d.max(), unit, d.count(), d.missing());
  }
}
