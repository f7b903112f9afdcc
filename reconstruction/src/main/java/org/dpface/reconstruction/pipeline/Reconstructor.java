package org.dpface.reconstruction.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;
import org.dpface.core.image.InterleavedU8;
import org.dpface.reconstruction.codec.PatternDecoder;
import org.dpface.reconstruction.fuse.DepthView;
import org.dpface.reconstruction.fuse.FusedMesh;
import org.dpface.reconstruction.fuse.FusionQc;
import org.dpface.reconstruction.fuse.MeshIslands;
import org.dpface.reconstruction.fuse.TsdfFusion;
import org.dpface.reconstruction.pipeline.ReconstructionListener.Stage;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.FrameKind;
import org.dpface.reconstruction.struct.PointCloud;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.dpface.reconstruction.triangulate.CameraCameraTriangulator;
import org.dpface.reconstruction.triangulate.CameraProjectorTriangulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The structured-light pipeline from one take's frames to a scored face mesh. World frame, mm.
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>decode: every (camera, projector) with {@link PatternDecoder} (one decoder per distinct sequence,
 *       reused across cameras); each camera also keeps white minus black as a gray texture;
 *   <li>triangulate: every camera against every calibrated projector ({@link CameraProjectorTriangulator});
 *       for an uncalibrated projector, every camera against its {@code cameraPartners} nearest cameras
 *       through the shared codes ({@link CameraCameraTriangulator});
 *   <li>merge: per camera, the pairs into one depth map ({@link ViewMerge}: most confident view, averaged
 *       with the views that agree with it);
 *   <li>fuse: the merged depth maps with their confidences into a TSDF and a mesh ({@link TsdfFusion});
 *       islands below the configured size and components much smaller than the largest removed;
 *   <li>QC: each merged view against the mesh ({@link FusionQc}), mesh topology, timings ({@link QcReport}).
 * </ol>
 *
 * Deterministic: every stage runs in take order and each parallel stage gives identical output for any
 * thread count. Not thread-safe; one reconstruction at a time per instance. Close it to stop the worker
 * pools.
 */
public final class Reconstructor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconstructor.class);

  private final ReconstructionConfig config;
  private final CameraProjectorTriangulator cameraProjector;
  private final CameraCameraTriangulator cameraCamera;

  public Reconstructor(ReconstructionConfig config) {
    this.config = Objects.requireNonNull(config, "config").check();
    this.cameraProjector = new CameraProjectorTriangulator(config.triangulation(), config.threads());
    this.cameraCamera = new CameraCameraTriangulator(config.triangulation(), config.threads());
  }

  public ReconstructionConfig config() {
    return config;
  }

  /** Reconstructs {@code take}, reporting progress to {@code listener}. Allocates the result's maps. */
  public ReconstructionResult reconstruct(TakeInput take, ReconstructionListener listener) {
    Objects.requireNonNull(take, "take");
    Objects.requireNonNull(listener, "listener");
    int nc = take.cameras().size();
    int np = take.projectors().size();

    long t0 = System.nanoTime();
    listener.stageStarted(Stage.DECODE, nc * np);
    List<List<DecodedMaps>> decoded = new ArrayList<>();
    float[][] brightness = new float[nc][];
    for (int c = 0; c < nc; c++) {
      List<DecodedMaps> row = new ArrayList<>();
      for (int p = 0; p < np; p++) {
        row.add(new DecodedMaps());
      }
      decoded.add(row);
    }
    PatternDecoder decoder = null;
    try {
      for (int p = 0; p < np; p++) {
        SequenceDescription seq = take.projectors().get(p).sequence();
        if (decoder == null || !decoder.sequence().equals(seq)) {
          if (decoder != null) {
            decoder.close();
          }
          decoder = new PatternDecoder(seq, config.decoder(), config.threads());
        }
        for (int c = 0; c < nc; c++) {
          TakeInput.Camera cam = take.cameras().get(c);
          List<? extends ImageBase> frames = take.frames().frames(c, p);
          decoder.decode(frames, take.frames().fullScale(c, p), decoded.get(c).get(p));
          if (decoded.get(c).get(p).width() != cam.model().width()
              || decoded.get(c).get(p).height() != cam.model().height()) {
            throw new IllegalArgumentException("camera " + cam.id() + ": frames are not "
                + cam.model().width() + "x" + cam.model().height());
          }
          brightness[c] = accumulateBrightness(frames, seq, brightness[c]);
          listener.stepDone(Stage.DECODE, p * nc + c + 1, nc * np, viewId(take, c, p, -1));
        }
      }
    } finally {
      if (decoder != null) {
        decoder.close();
      }
    }
    long t1 = System.nanoTime();
    listener.stageFinished(Stage.DECODE, t1 - t0);

    List<ReconstructionResult.PairView> pairs = triangulateAll(take, decoded, listener);
    long t2 = System.nanoTime();
    listener.stageFinished(Stage.TRIANGULATE, t2 - t1);

    listener.stageStarted(Stage.MERGE, nc);
    List<TriangulatedView> merged = new ArrayList<>();
    List<InterleavedU8> texture = new ArrayList<>();
    List<DepthView> depthViews = new ArrayList<>();
    List<PointCloud> clouds = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      TakeInput.Camera cam = take.cameras().get(c);
      List<TriangulatedView> own = new ArrayList<>();
      for (ReconstructionResult.PairView pv : pairs) {
        if (pv.camera() == c) {
          own.add(pv.view());
        }
      }
      TriangulatedView m = new TriangulatedView();
      if (own.isEmpty()) {
        m.reset(cam.model(), cam.worldToCamera()); // zero-filled: nothing seen
      } else {
        ViewMerge.merge(own, config.mergeToleranceMm(), m);
      }
      merged.add(m);
      InterleavedU8 tex = toTexture(brightness[c], cam.model().width(), cam.model().height());
      texture.add(tex);
      depthViews.add(new DepthView(cam.id(), cam.model(), cam.worldToCamera(), m.depth, m.confidence));
      clouds.add(PointCloud.of(m, tex));
      listener.stepDone(Stage.MERGE, c + 1, nc, cam.id());
    }
    PointCloud cloud = PointCloud.merge(clouds);
    long t3 = System.nanoTime();
    listener.stageFinished(Stage.MERGE, t3 - t2);

    listener.stageStarted(Stage.FUSE, 1);
    FusedMesh fused = TsdfFusion.fuse(config.fusion(), depthViews);
    if (config.minComponentFraction() > 0 && fused.mesh().faceCount() > 0) {
      int keep = (int) Math.ceil(config.minComponentFraction() * largestComponentFaces(fused));
      fused = MeshIslands.removeSmall(fused, Math.max(1, keep));
    }
    listener.stepDone(Stage.FUSE, 1, 1, "tsdf");
    long t4 = System.nanoTime();
    listener.stageFinished(Stage.FUSE, t4 - t3);

    listener.stageStarted(Stage.QC, 1);
    FusionQc.Report fq = FusionQc.evaluate(fused, depthViews, config.qcStep(), config.qcSearchMm());
    MeshTopology topo = MeshTopology.of(fused.mesh());
    List<QcReport.PairQc> pairQc = new ArrayList<>();
    for (ReconstructionResult.PairView pv : pairs) {
      DecodedMaps d = decoded.get(pv.camera()).get(pv.projector());
      double px = d.width() * (double) d.height();
      pairQc.add(new QcReport.PairQc(pv.id(), take.cameras().get(pv.camera()).id(),
          take.projectors().get(pv.projector()).id(),
          pv.partner() < 0 ? null : take.cameras().get(pv.partner()).id(), d.countValid() / px,
          pv.view().countValid() / px));
    }
    List<QcReport.CameraQc> cameraQc = new ArrayList<>();
    for (FusionQc.ViewConsistency v : fq.views()) {
      var s = v.distance();
      int all = s.count() + s.missing();
      cameraQc.add(new QcReport.CameraQc(v.viewId(), v.validFraction(), v.sampled(),
          s.count() > 0 ? s.median() : Double.NaN, s.count() > 0 ? s.p95() : Double.NaN,
          all > 0 ? s.count() / (double) all : Double.NaN));
    }
    QcReport.MeshQc meshQc = new QcReport.MeshQc(fused.mesh().vertexCount(), fused.mesh().faceCount(),
        fq.areaMm2(), topo.components(), fq.boundaryEdges(), fq.boundaryLengthMm(), topo.boundaryLoops(),
        topo.holes(), fq.medianDisagreementMm());
    long t5 = System.nanoTime();
    listener.stepDone(Stage.QC, 1, 1, "qc");
    listener.stageFinished(Stage.QC, t5 - t4);
    QcReport.StageTimes times = new QcReport.StageTimes(ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4),
        ms(t4, t5));
    QcReport qc = new QcReport(pairQc, cameraQc, meshQc, times);
    LOG.debug("reconstructed {} cameras x {} projectors: {} pairs, {} faces, median disagreement {} mm, "
        + "{} ms", nc, np, pairs.size(), meshQc.faces(), meshQc.medianDisagreementMm(), times.totalMs());
    return new ReconstructionResult(take, decoded, pairs, merged, texture, fused, cloud, qc);
  }

  private List<ReconstructionResult.PairView> triangulateAll(TakeInput take, List<List<DecodedMaps>> decoded,
      ReconstructionListener listener) {
    int nc = take.cameras().size();
    int np = take.projectors().size();
    List<int[]> jobs = new ArrayList<>(); // camera, projector, partner
    for (int c = 0; c < nc; c++) {
      for (int p = 0; p < np; p++) {
        if (take.projectors().get(p).calibrated()) {
          jobs.add(new int[] {c, p, -1});
        } else {
          for (int b : partners(take, c)) {
            jobs.add(new int[] {c, p, b});
          }
        }
      }
    }
    listener.stageStarted(Stage.TRIANGULATE, jobs.size());
    List<ReconstructionResult.PairView> out = new ArrayList<>();
    for (int[] j : jobs) {
      TakeInput.Camera cam = take.cameras().get(j[0]);
      TakeInput.Projector proj = take.projectors().get(j[1]);
      TriangulatedView view = new TriangulatedView();
      if (j[2] < 0) {
        cameraProjector.triangulate(decoded.get(j[0]).get(j[1]), cam.model(), cam.worldToCamera(),
            proj.model(), proj.worldToProjector(), view);
      } else {
        TakeInput.Camera other = take.cameras().get(j[2]);
        cameraCamera.triangulate(decoded.get(j[0]).get(j[1]), cam.model(), cam.worldToCamera(),
            decoded.get(j[2]).get(j[1]), other.model(), other.worldToCamera(), view);
      }
      String id = viewId(take, j[0], j[1], j[2]);
      out.add(new ReconstructionResult.PairView(id, j[0], j[1], j[2], view));
      listener.stepDone(Stage.TRIANGULATE, out.size(), jobs.size(), id);
    }
    return out;
  }

  /** The {@code cameraPartners} cameras nearest to camera {@code c} (optical centres), nearest first. */
  private int[] partners(TakeInput take, int c) {
    double[] o = take.cameras().get(c).worldToCamera().invert().translation();
    List<Integer> others = new ArrayList<>();
    double[] dist = new double[take.cameras().size()];
    for (int b = 0; b < take.cameras().size(); b++) {
      if (b != c) {
        double[] q = take.cameras().get(b).worldToCamera().invert().translation();
        dist[b] = Math.hypot(Math.hypot(q[0] - o[0], q[1] - o[1]), q[2] - o[2]);
        others.add(b);
      }
    }
    others.sort(Comparator.comparingDouble((Integer b) -> dist[b]).thenComparingInt(b -> b));
    int n = Math.min(config.cameraPartners(), others.size());
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = others.get(i);
    }
    return out;
  }

  private static String viewId(TakeInput take, int c, int p, int partner) {
    String cam = take.cameras().get(c).id();
    String proj = take.projectors().get(p).id();
    return partner < 0 ? cam + "-" + proj : cam + "-" + take.cameras().get(partner).id() + "@" + proj;
  }

  /** Per pixel, the larger of {@code acc} and this sequence's white minus black (relative to full scale). */
  private static float[] accumulateBrightness(List<? extends ImageBase> frames, SequenceDescription seq,
      float[] acc) {
    int wi = seq.indexOf(FrameKind.WHITE);
    int bi = seq.indexOf(FrameKind.BLACK);
    ImageBase first = frames.get(0);
    int w = first.width();
    int h = first.height();
    float[] out = acc == null || acc.length != w * h ? new float[w * h] : acc;
    if (wi < 0) {
      return out;
    }
    ImageBase white = frames.get(wi);
    ImageBase black = bi < 0 ? null : frames.get(bi);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float v = level(white, x, y) - (black == null ? 0f : level(black, x, y));
        int i = y * w + x;
        if (v > out[i]) {
          out[i] = v;
        }
      }
    }
    return out;
  }

  private static float level(ImageBase img, int x, int y) {
    if (img instanceof GrayU8 g) {
      return (g.data[g.indexOf(x, y)] & 0xFF) / 255f;
    }
    GrayU16 g = (GrayU16) img;
    return (g.data[g.indexOf(x, y)] & 0xFFFF) / 65535f;
  }

  private static InterleavedU8 toTexture(float[] v, int w, int h) {
    InterleavedU8 out = new InterleavedU8(w, h, 1);
    if (v == null) {
      return out;
    }
    float max = 0;
    for (float f : v) {
      max = Math.max(max, f);
    }
    if (max <= 0) {
      return out;
    }
    float s = 255f / max;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.data[out.indexOf(x, y)] = (byte) Math.round(Math.min(255f, Math.max(0f, v[y * w + x] * s)));
      }
    }
    return out;
  }

  private static int largestComponentFaces(FusedMesh fused) {
    int[] label = MeshIslands.components(fused.mesh());
    int[] count = new int[label.length];
    int[] f = fused.mesh().faces;
    int best = 0;
    for (int i = 0; i < f.length; i += 3) {
      best = Math.max(best, ++count[label[f[i]]]);
    }
    return best;
  }

  private static double ms(long a, long b) {
    return (b - a) / 1e6;
  }

  @Override
  public void close() {
    cameraProjector.close();
    cameraCamera.close();
  }
}
