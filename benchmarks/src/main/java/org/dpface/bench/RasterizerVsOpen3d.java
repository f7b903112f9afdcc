package org.dpface.bench;

import java.util.Arrays;
import java.util.Locale;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.core.raster.RenderTarget;

/**
 * Quick side-by-side (no JMH): renders {@link BenchScene} with the dpface rasterizer on 1 thread and on
 * all processors, then casts the same rays with Open3D (1 thread and all), and prints a table of
 * Mpixel/s, Mtriangle/s and the ratio dpface / Open3D. Arguments: {@code [repeats] [--distorted]}.
 */
public final class RasterizerVsOpen3d {
  private RasterizerVsOpen3d() {}

  public static void main(String[] args) throws Exception {
    int repeats = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 20;
    boolean distorted = Arrays.asList(args).contains("--distorted");
    BenchScene scene = BenchScene.create(distorted);
    int all = Runtime.getRuntime().availableProcessors();
    int triangles = scene.mesh.faceCount();
    System.out.printf(Locale.ROOT, "scene: %d triangles, %dx%d px (%s), %d processors, %s%n", triangles,
        BenchScene.WIDTH, BenchScene.HEIGHT, distorted ? "distorted" : "pinhole", all, Runtime.version());

    double[] ours = new double[2];
    RenderTarget ref = null;
    int[] threadCounts = {1, all};
    for (int k = 0; k < 2; k++) {
      try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(threadCounts[k]))) {
        RenderTarget target = new RenderTarget(BenchScene.WIDTH, BenchScene.HEIGHT);
        ours[k] = bestSeconds(r, scene, target, repeats);
        ref = target;
      }
    }
    System.out.printf(Locale.ROOT, "coverage: %.1f%% of the pixels%n", 100.0 * ref.countValid() / scene.pixels());

    double[] peer = {Double.NaN, Double.NaN};
    String skip = null;
    String version = null;
    String agreement = null;
    try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(1))) {
      TriangleMesh cameraFrame = scene.mesh.transformed(scene.worldToCamera);
      int[] peerThreads = {1, 0};
      for (int k = 0; k < 2 && skip == null; k++) {
        Open3dPeer.Result res = Open3dPeer.run(cameraFrame, r.rayTable(scene.camera), Math.max(3, repeats / 4),
            peerThreads[k]);
        if (!res.ran()) {
          skip = res.skipReason();
          break;
        }
        peer[k] = res.bestSeconds();
        version = res.version();
        agreement = PeerComparison.compare(ref, res.depth());
      }
    }
    printTable(scene, ours, peer, all);
    if (skip != null) {
      System.out.println("peer skipped: " + skip);
    } else {
      System.out.println("peer: Open3D " + version + " RaycastingScene.cast_rays (best of repeats, cast only)");
      System.out.println("agreement: " + agreement);
    }
  }

  static double bestSeconds(Rasterizer r, BenchScene scene, RenderTarget target, int repeats) {
    for (int i = 0; i < 5; i++) {
      r.render(scene.mesh, scene.camera, scene.worldToCamera, target); // warm-up, builds the ray table
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      r.render(scene.mesh, scene.camera, scene.worldToCamera, target);
      best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
    }
    return best;
  }

  /** Table rows for 1 thread and all threads; seconds per render / cast. */
  static void printTable(BenchScene scene, double[] oursSeconds, double[] peerSeconds, int all) {
    int tri = scene.mesh.faceCount();
    System.out.println("| threads | dpface ms | dpface Mpx/s | dpface Mtri/s | Open3D ms | Open3D Mpx/s | ratio dpface/Open3D |");
    System.out.println("|---|---|---|---|---|---|---|");
    String[] names = {"1", "all (" + all + ")"};
    for (int k = 0; k < 2; k++) {
      double ours = oursSeconds[k];
      double peer = peerSeconds[k];
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %s | %s | %s |%n", names[k], ours * 1e3,
          scene.pixels() / ours / 1e6, tri / ours / 1e6,
          Double.isNaN(peer) ? "-" : String.format(Locale.ROOT, "%.1f", peer * 1e3),
          Double.isNaN(peer) ? "-" : String.format(Locale.ROOT, "%.1f", scene.pixels() / peer / 1e6),
          Double.isNaN(peer) ? "-" : String.format(Locale.ROOT, "%.2f", peer / ours));
    }
  }
}
