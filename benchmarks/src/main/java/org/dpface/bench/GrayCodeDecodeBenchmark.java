package org.dpface.bench;

import java.util.concurrent.TimeUnit;
import org.dpface.reconstruction.codec.DecoderConfig;
import org.dpface.reconstruction.codec.PatternDecoder;
import org.dpface.reconstruction.struct.DecodedMaps;
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

/**
 * JMH on {@link GrayCodeScene} (OpenCV GrayCodePattern's 42 frames for a 1024 x 768 projector seen by a
 * 1280 x 1024 8-bit camera), each on 1 and 2 threads in the same run: dpface's {@link PatternDecoder}
 * ({@code dpface}), OpenCV's {@code getProjPixel} for every camera pixel ({@code openCv}) and the read-once
 * bound ({@code readOnce}). {@code java -jar benchmarks.jar GrayCodeDecodeBenchmark}; the ratio table and
 * the agreement check come from {@link GrayCodeVsOpenCv}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--enable-native-access=ALL-UNNAMED"})
public class GrayCodeDecodeBenchmark {
  @Param({"1", "2"})
  public int threads;

  private GrayCodeScene scene;
  private PatternDecoder decoder;
  private final DecodedMaps out = new DecodedMaps();
  private int[] cvX;
  private int[] cvY;

  @Setup(Level.Trial)
  public void setUp() {
    scene = new GrayCodeScene(7, threads);
    decoder = new PatternDecoder(scene.sequence, DecoderConfig.defaults(), threads);
    cvX = new int[GrayCodeScene.CAM_W * GrayCodeScene.CAM_H];
    cvY = new int[cvX.length];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    decoder.close();
    scene.close();
  }

  @Benchmark
  public DecodedMaps dpface() {
    decoder.decode(scene.frames, out);
    return out;
  }

  @Benchmark
  public int[] openCv() {
    scene.decodeOpenCv(threads, cvX, cvY);
    return cvX;
  }

  @Benchmark
  public long readOnce() {
    return scene.readOnce(threads);
  }
}
