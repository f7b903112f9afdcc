package org.dpface.bench;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.core.raster.RenderTarget;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH: one render of {@link BenchScene} (~100k triangles, 1224 x 816 px), single-threaded
 * ({@code threads = 1}) and on all processors ({@code threads = 0}). Run through {@link #main} to also
 * run the Open3D peer on the same mesh and rays in the same run and print the dpface / Open3D ratio;
 * {@code java -jar benchmarks.jar RasterizerBenchmark} runs the JMH part alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RasterizerBenchmark {
  /** Worker threads; 0 = all available processors. */
  @Param({"1", "0"})
  public int threads;

  /** Lens distortion on (k1=-0.2, k2=0.05, p1=1e-3, p2=-5e-4) or a pinhole camera. */
  @Param({"false"})
  public boolean distorted;

  private BenchScene scene;
  private Rasterizer rasterizer;
  private RenderTarget target;

  @Setup(Level.Trial)
  public void setUp() {
    scene = BenchScene.create(distorted);
    int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    rasterizer = new Rasterizer(RasterConfig.defaults().withThreads(t));
    target = new RenderTarget(BenchScene.WIDTH, BenchScene.HEIGHT);
    rasterizer.render(scene.mesh, scene.camera, scene.worldToCamera, target); // builds the ray table
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    rasterizer.close();
  }

  @Benchmark
  public RenderTarget render() {
    rasterizer.render(scene.mesh, scene.camera, scene.worldToCamera, target);
    return target;
  }

  /** Runs the JMH benchmark, then the Open3D peer on the same input, and prints the comparison. */
  public static void main(String[] args) throws Exception {
    Options opts = new OptionsBuilder().include(RasterizerBenchmark.class.getName() + ".render").build();
    Collection<RunResult> results = new Runner(opts).run();
    double[] ours = {Double.NaN, Double.NaN};
    for (RunResult r : results) {
      int t = Integer.parseInt(r.getParams().getParam("threads"));
      double ms = r.getPrimaryResult().getScore();
      ours[t == 1 ? 0 : 1] = ms * 1e-3;
    }
    BenchScene scene = BenchScene.create(false);
    double[] peer = {Double.NaN, Double.NaN};
    String skip = null;
    String agreement = null;
    String version = null;
    try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(1))) {
      RenderTarget ref = r.render(scene.mesh, scene.camera, scene.worldToCamera);
      TriangleMesh cameraFrame = scene.mesh.transformed(scene.worldToCamera);
      int[] peerThreads = {1, 0};
      for (int k = 0; k < 2; k++) {
        Open3dPeer.Result res = Open3dPeer.run(cameraFrame, r.rayTable(scene.camera), 10, peerThreads[k]);
        if (!res.ran()) {
          skip = res.skipReason();
          break;
        }
        peer[k] = res.bestSeconds();
        version = res.version();
        agreement = PeerComparison.compare(ref, res.depth());
      }
    }
    System.out.println();
    System.out.println("dpface: JMH average time per render; Open3D: best cast_rays time of 10");
    RasterizerVsOpen3d.printTable(scene, ours, peer, Runtime.getRuntime().availableProcessors());
    System.out.println(skip != null ? "peer skipped: " + skip
        : "peer: Open3D " + version + " RaycastingScene.cast_rays; agreement: " + agreement);
  }
}
