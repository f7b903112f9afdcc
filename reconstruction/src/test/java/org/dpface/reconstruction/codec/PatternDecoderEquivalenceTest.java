package org.dpface.reconstruction.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.FrameKind;
import org.dpface.reconstruction.struct.FrameRole;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.junit.jupiter.api.Test;

/**
 * The optimised {@link PatternDecoder} against the per-pixel {@link ReferenceDecoder}: identical maps (every
 * float compared bit for bit, reasons and mask byte for byte) on rendered scenes covering every sequence
 * shape the decoder branches on (phase with unwrapping, single-period phase, Gray only, OpenCV order, bits
 * without inverses, no white/black, mixed 8/16-bit frames), several threshold sets and 1 and 3 threads
 * (3 with the wide Gray-word layout of projectors wider than 32768 px).
 */
class PatternDecoderEquivalenceTest {
  static final int CAM_W = 173;
  static final int CAM_H = 61;
  static final int PROJ_W = 120;
  static final int PROJ_H = 90;

  static final List<DecoderConfig> CONFIGS = List.of(DecoderConfig.defaults(),
      new DecoderConfig(0, 2.0, 0, 0), new DecoderConfig(0.2, 0.5, 0.5, 0.4), new DecoderConfig(0.01, 0.9, 0.05, 0.05));

  private static SequenceDescription without(SequenceDescription seq, FrameKind... kinds) {
    List<FrameRole> frames = new ArrayList<>();
    for (FrameRole r : seq.frames()) {
      if (!List.of(kinds).contains(r.kind())) {
        frames.add(r);
      }
    }
    return new SequenceDescription(seq.projectorWidth(), seq.projectorHeight(), frames);
  }

  private static void assertSame(SequenceDescription seq, List<? extends ImageBase> frames, String what) {
    assertSame(seq, frames, 0, what);
  }

  private static void assertSame(SequenceDescription seq, List<? extends ImageBase> frames, int fullScale,
      String what) {
    for (DecoderConfig cfg : CONFIGS) {
      DecodedMaps ref = new DecodedMaps();
      new ReferenceDecoder(seq, cfg).decode(frames, fullScale, ref);
      for (int threads : new int[] {1, 3}) {
        // 3 threads with the wide layout: Gray and weak bits in separate words, as for projectors > 32768 px
        int maxPacked = threads == 1 ? RowDecoder.MAX_PACKED_BITS : 0;
        DecodedMaps out = new DecodedMaps();
        try (PatternDecoder dec = new PatternDecoder(seq, cfg, threads, maxPacked)) {
          dec.decode(frames, fullScale, out);
          dec.decode(frames, fullScale, out); // reused buffers give the same again
        }
        String at = what + ", " + cfg + ", " + threads + " threads" + (maxPacked == 0 ? ", wide Gray words" : "");
        assertArrayEquals(ref.reason.data, out.reason.data, at + ": reason");
        assertArrayEquals(ref.mask.data, out.mask.data, at + ": mask");
        assertArrayEquals(ref.projU.data, out.projU.data, at + ": u");
        assertArrayEquals(ref.projV.data, out.projV.data, at + ": v");
        assertArrayEquals(ref.confidence.data, out.confidence.data, at + ": confidence");
      }
      if (cfg.equals(DecoderConfig.defaults())) {
        assertTrue(ref.countValid() > 0, what + ": nothing decoded, the scene tests little");
      }
    }
  }

  private static List<ImageBase> render(SequenceDescription seq, int bits, long seed) {
    SyntheticCamera cam = new SyntheticCamera(CAM_W, CAM_H, PROJ_W, PROJ_H);
    return cam.render(new PatternGenerator(seq).renderAllU8(), bits, seed);
  }

  @Test
  void phaseSequencesMatchTheReference() {
    SequenceDescription seq = Sequences.dpface(PROJ_W, PROJ_H, SequenceConfig.defaults());
    assertSame(seq, render(seq, 8, 11), "dpface default 8-bit");
    SequenceDescription seq16 = Sequences.dpface(PROJ_W, PROJ_H, new SequenceConfig(5, 20, 2));
    assertSame(seq16, render(seq16, 16, 12), "dpface 5-step 16-bit");
    SequenceDescription single = Sequences.dpface(PROJ_W, PROJ_H, new SequenceConfig(4, 200, 0));
    assertSame(single, render(single, 8, 13), "single-period phase");
    SequenceDescription bare = without(single, FrameKind.WHITE, FrameKind.BLACK);
    assertSame(bare, render(bare, 8, 14), "single-period phase without white/black");
  }

  @Test
  void graySequencesMatchTheReference() {
    SequenceDescription gray = Sequences.dpface(PROJ_W, PROJ_H, SequenceConfig.grayOnly());
    assertSame(gray, render(gray, 8, 21), "Gray only");
    SequenceDescription cv = Sequences.openCvGrayCode(PROJ_W, PROJ_H);
    assertSame(cv, render(cv, 8, 22), "OpenCV order");
    assertSame(cv, render(cv, 16, 23), "OpenCV order 16-bit");
    SequenceDescription noInv = without(gray, FrameKind.GRAY_INVERSE);
    assertSame(noInv, render(noInv, 8, 24), "Gray without inverses");
    SequenceDescription noWb = without(cv, FrameKind.WHITE, FrameKind.BLACK);
    assertSame(noWb, render(noWb, 8, 25), "OpenCV order without white/black");
    SequenceDescription phaseNoWb = without(Sequences.dpface(PROJ_W, PROJ_H, SequenceConfig.defaults()),
        FrameKind.WHITE, FrameKind.BLACK);
    assertSame(phaseNoWb, render(phaseNoWb, 8, 26), "phase with Gray, without white/black");
  }

  /** 16-bit frames holding 12-bit values (a 12-bit sensor stored unshifted), decoded with full scale 4095. */
  private static List<ImageBase> twelveBit(List<ImageBase> frames16) {
    List<ImageBase> out = new ArrayList<>();
    for (ImageBase f : frames16) {
      GrayU16 g = (GrayU16) f;
      GrayU16 h = new GrayU16(g.width(), g.height());
      for (int i = 0; i < g.data.length; i++) {
        h.data[i] = (short) ((g.data[i] & 0xFFFF) >> 4);
      }
      out.add(h);
    }
    return out;
  }

  @Test
  void declaredFullScaleMatchesTheReference() {
    SequenceDescription cv = Sequences.openCvGrayCode(PROJ_W, PROJ_H);
    List<ImageBase> cv12 = twelveBit(render(cv, 16, 41));
    assertSame(cv, cv12, 4095, "OpenCV order, 12 bits in 16-bit frames");
    SequenceDescription seq = Sequences.dpface(PROJ_W, PROJ_H, SequenceConfig.defaults());
    assertSame(seq, twelveBit(render(seq, 16, 42)), 4095, "dpface default, 12 bits in 16-bit frames");
    // against the 16-bit nominal scale the same frames are mostly shadow: the declared scale matters
    DecodedMaps nominal = new DecodedMaps();
    DecodedMaps declared = new DecodedMaps();
    try (PatternDecoder dec = new PatternDecoder(cv, DecoderConfig.defaults(), 1)) {
      dec.decode(cv12, nominal);
      dec.decode(cv12, 4095, declared);
    }
    assertTrue(declared.countValid() > 2 * nominal.countValid(),
        "declared " + declared.countValid() + " vs nominal " + nominal.countValid());
  }

  @Test
  void fullScaleIsChecked() {
    SequenceDescription cv = Sequences.openCvGrayCode(PROJ_W, PROJ_H);
    List<ImageBase> frames8 = render(cv, 8, 43);
    try (PatternDecoder dec = new PatternDecoder(cv, DecoderConfig.defaults(), 1)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> dec.decode(frames8, 4095, new DecodedMaps()));
      assertTrue(e.getMessage().contains("8-bit"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> dec.decode(frames8, -1, new DecodedMaps()));
    }
  }

  @Test
  void mixedDepthsMatchTheReference() {
    SequenceDescription seq = Sequences.dpface(PROJ_W, PROJ_H, SequenceConfig.defaults());
    List<ImageBase> frames = render(seq, 8, 31);
    List<ImageBase> mixed = new ArrayList<>();
    for (int f = 0; f < frames.size(); f++) {
      GrayU8 g = (GrayU8) frames.get(f);
      if (f % 3 == 1) {
        GrayU16 h = new GrayU16(g.width(), g.height());
        for (int i = 0; i < g.data.length; i++) {
          h.data[i] = (short) Math.max(0, (g.data[i] & 0xFF) * 257 - (i % 7)); // not a whole multiple of 257
        }
        mixed.add(h);
      } else {
        mixed.add(g);
      }
    }
    assertSame(seq, mixed, "mixed 8/16-bit");
  }
}
