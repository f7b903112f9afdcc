package org.dpface.reconstruction.codec;

import java.util.List;
import org.dpface.core.image.ImageBase;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.SequenceDescription;

/**
 * Prints the codec's measured figures (not a test, not a benchmark): decode error on the synthetic scene
 * of {@link PatternDecoderTest} at 8 and 16 bits, and wall time of one dense decode of a 1280x1024 camera /
 * 1024x768 projector sequence (dpface default, 42 frames, 8-bit) with 1 and 2 threads, best of 10 after warm-up.
 * Run: {@code java -cp <test classpath> org.dpface.reconstruction.codec.CodecFiguresMain}.
 */
public final class CodecFiguresMain {
  private CodecFiguresMain() {}

  public static void main(String[] args) {
    int[][] scenes = {{320, 240, 200, 160}, {1280, 1024, 1024, 768}};
    for (int[] sc : scenes) {
      for (int bits : new int[] {8, 16}) {
        for (SequenceConfig cfg : List.of(SequenceConfig.defaults(), SequenceConfig.grayOnly())) {
          SequenceDescription seq = Sequences.dpface(sc[2], sc[3], cfg);
          SyntheticCamera cam = new SyntheticCamera(sc[0], sc[1], sc[2], sc[3]);
          List<ImageBase> frames = cam.render(new PatternGenerator(seq).renderAllU8(), bits, 7);
          DecodedMaps out = new DecodedMaps();
          try (PatternDecoder dec = new PatternDecoder(seq, DecoderConfig.defaults(), 2)) {
            dec.decode(frames, out);
          }
          double[] s = PatternDecoderTest.score(cam, out);
          System.out.printf("cam %dx%d proj %dx%d %2d-bit %s (%d frames): |du| median %.4f p95 %.4f, |dv| median %.4f"
              + " p95 %.4f, valid %.4f of ordinary pixels%n", sc[0], sc[1], sc[2], sc[3], bits,
              cfg.phaseSteps() > 0 ? "phase N=" + cfg.phaseSteps() + " P=" + cfg.periodPx() : "gray-only", seq.size(),
              s[0], s[1], s[2], s[3], s[4]);
        }
      }
    }
    SequenceDescription seq = Sequences.dpface(1024, 768, SequenceConfig.defaults());
    SyntheticCamera cam = new SyntheticCamera(1280, 1024, 1024, 768);
    List<ImageBase> frames = cam.render(new PatternGenerator(seq).renderAllU8(), 8, 7);
    for (int threads : new int[] {1, 2}) {
      DecodedMaps out = new DecodedMaps();
      try (PatternDecoder dec = new PatternDecoder(seq, DecoderConfig.defaults(), threads)) {
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 15; rep++) {
          long t0 = System.nanoTime();
          dec.decode(frames, out);
          long t = System.nanoTime() - t0;
          if (rep >= 5) {
            best = Math.min(best, t);
          }
        }
        System.out.printf("decode 1280x1024, %d frames, %d thread(s): best %.1f ms%n", frames.size(), threads,
            best / 1e6);
      }
    }
  }
}
