package org.dpface.reconstruction.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.ImageBase;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.Rejection;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.junit.jupiter.api.Test;

/**
 * Decodes sequences rendered by {@link SyntheticCamera} (320x240 camera, 200x160 projector, blur 1 px,
 * albedo 0.25..0.85, noise 0.004 of full scale) and scores them against the known warp.
 */
class PatternDecoderTest {
  static final int CAM_W = 320;
  static final int CAM_H = 240;
  static final int PROJ_W = 200;
  static final int PROJ_H = 160;

  /** Phase decoding, 8-bit camera: median / p95 of |decoded - true| per axis, projector px. */
  static final double PHASE_MEDIAN_8 = 0.04;
  static final double PHASE_P95_8 = 0.12;
  /** Phase decoding, 16-bit camera. */
  static final double PHASE_MEDIAN_16 = 0.04;
  static final double PHASE_P95_16 = 0.12;
  /** Share of ordinary pixels (lit, unsaturated, > 2 px inside the projector) that must decode. */
  static final double MIN_VALID_FRACTION = 0.97;
  /** Gray-only: share of valid pixels whose integer column and row equal the true pixel exactly. */
  static final double GRAY_EXACT_FRACTION = 0.9;

  private static List<ImageBase> render(SequenceDescription seq, SyntheticCamera cam, int bits, long seed) {
    return cam.render(new PatternGenerator(seq).renderAllU8(), bits, seed);
  }

  private static DecodedMaps decode(SequenceDescription seq, List<ImageBase> frames, int threads) {
    DecodedMaps out = new DecodedMaps();
    try (PatternDecoder dec = new PatternDecoder(seq, DecoderConfig.defaults(), threads)) {
      dec.decode(frames, out);
    }
    return out;
  }

  /** True when the pixel is lit, unsaturated and its true coordinate lies 2 px inside the projector. */
  private static boolean ordinary(SyntheticCamera cam, int x, int y) {
    int i = y * cam.camW + x;
    double u = cam.trueU[i];
    double v = cam.trueV[i];
    boolean nearRegion = false;
    for (int dy = -3; dy <= 3 && !nearRegion; dy++) {
      for (int dx = -3; dx <= 3 && !nearRegion; dx++) {
        int xx = Math.min(cam.camW - 1, Math.max(0, x + dx));
        int yy = Math.min(cam.camH - 1, Math.max(0, y + dy));
        nearRegion = cam.inShadow(xx, yy) || cam.inSaturated(xx, yy);
      }
    }
    return !nearRegion && u > 1.5 && v > 1.5 && u < cam.projW - 2.5 && v < cam.projH - 2.5;
  }

  /** [median u, p95 u, median v, p95 v, valid fraction of ordinary pixels]. */
  static double[] score(SyntheticCamera cam, DecodedMaps out) {
    double[] eu = new double[cam.camW * cam.camH];
    double[] ev = new double[eu.length];
    int n = 0;
    int ordinary = 0;
    for (int y = 0; y < cam.camH; y++) {
      for (int x = 0; x < cam.camW; x++) {
        if (!ordinary(cam, x, y)) {
          continue;
        }
        ordinary++;
        if (out.mask.get(x, y) == 1) {
          int i = y * cam.camW + x;
          eu[n] = Math.abs(out.projU.get(x, y) - cam.trueU[i]);
          ev[n] = Math.abs(out.projV.get(x, y) - cam.trueV[i]);
          n++;
        }
      }
    }
    eu = Arrays.copyOf(eu, n);
    ev = Arrays.copyOf(ev, n);
    Arrays.sort(eu);
    Arrays.sort(ev);
    return new double[] {eu[n / 2], eu[(int) (0.95 * n)], ev[n / 2], ev[(int) (0.95 * n)], n / (double) ordinary};
  }

  private static void assertRegionsRejected(SyntheticCamera cam, DecodedMaps out) {
    for (int y = 0; y < cam.camH; y++) {
      for (int x = 0; x < cam.camW; x++) {
        int r = out.reason.get(x, y);
        if (cam.inShadow(x, y)) {
          assertEquals(Rejection.SHADOW.code(), r, "shadowed pixel (" + x + ", " + y + ")");
        } else if (cam.inSaturated(x, y)) {
          assertEquals(Rejection.SATURATED.code(), r, "saturated pixel (" + x + ", " + y + ")");
        }
        int i = y * cam.camW + x;
        boolean outside = cam.trueU[i] < -1.5 || cam.trueV[i] < -1.5;
        if (outside) {
          assertEquals(0, out.mask.get(x, y), "pixel (" + x + ", " + y + ") sees no projector pixel");
        }
        if (out.mask.get(x, y) == 0) {
          assertTrue(Float.isNaN(out.projU.get(x, y)) && out.confidence.get(x, y) == 0f);
        } else {
          float c = out.confidence.get(x, y);
          assertTrue(c > 0 && c <= 1, "confidence " + c);
        }
      }
    }
  }

  @Test
  void phaseShift8BitIsSubPixelAccurate() {
    SequenceDescription seq = Sequences.dpface(PROJ_W, PROJ_H, SequenceConfig.defaults());
    SyntheticCamera cam = new SyntheticCamera(CAM_W, CAM_H, PROJ_W, PROJ_H);
    DecodedMaps out = decode(seq, render(seq, cam, 8, 1), 2);
    double[] s = score(cam, out);
    assertTrue(s[0] < PHASE_MEDIAN_8 && s[2] < PHASE_MEDIAN_8, "median u, v: " + s[0] + ", " + s[2]);
    assertTrue(s[1] < PHASE_P95_8 && s[3] < PHASE_P95_8, "p95 u, v: " + s[1] + ", " + s[3]);
    assertTrue(s[4] >= MIN_VALID_FRACTION, "valid fraction " + s[4]);
    assertRegionsRejected(cam, out);
  }

  @Test
  void phaseShift16BitIsSubPixelAccurate() {
    SequenceDescription seq = Sequences.dpface(PROJ_W, PROJ_H, new SequenceConfig(5, 20, 2));
    SyntheticCamera cam = new SyntheticCamera(CAM_W, CAM_H, PROJ_W, PROJ_H);
    DecodedMaps out = decode(seq, render(seq, cam, 16, 2), 2);
    double[] s = score(cam, out);
    assertTrue(s[0] < PHASE_MEDIAN_16 && s[2] < PHASE_MEDIAN_16, "median u, v: " + s[0] + ", " + s[2]);
    assertTrue(s[1] < PHASE_P95_16 && s[3] < PHASE_P95_16, "p95 u, v: " + s[1] + ", " + s[3]);
    assertTrue(s[4] >= MIN_VALID_FRACTION, "valid fraction " + s[4]);
    assertRegionsRejected(cam, out);
  }

  @Test
  void grayOnlyDecodesIntegerPixels() {
    SequenceDescription seq = Sequences.dpface(PROJ_W, PROJ_H, SequenceConfig.grayOnly());
    SyntheticCamera cam = new SyntheticCamera(CAM_W, CAM_H, PROJ_W, PROJ_H);
    DecodedMaps out = decode(seq, render(seq, cam, 8, 3), 1);
    int valid = 0;
    int exact = 0;
    int off = 0;
    int ordinary = 0;
    for (int y = 0; y < CAM_H; y++) {
      for (int x = 0; x < CAM_W; x++) {
        if (!ordinary(cam, x, y)) {
          continue;
        }
        ordinary++;
        if (out.mask.get(x, y) == 0) {
          continue;
        }
        valid++;
        int i = y * CAM_W + x;
        double du = out.projU.get(x, y) - Math.rint(cam.trueU[i]);
        double dv = out.projV.get(x, y) - Math.rint(cam.trueV[i]);
        assertEquals(Math.rint(out.projU.get(x, y)), out.projU.get(x, y), "integer output");
        if (du == 0 && dv == 0) {
          exact++;
        }
        if (Math.abs(du) > 1 || Math.abs(dv) > 1) {
          off++;
        }
      }
    }
    assertTrue(valid >= MIN_VALID_FRACTION * ordinary, "valid " + valid + " of " + ordinary);
    assertTrue(exact >= GRAY_EXACT_FRACTION * valid, "exact " + exact + " of " + valid);
    assertEquals(0, off, "valid pixels off by more than one projector pixel");
    assertRegionsRejected(cam, out);
  }

  @Test
  void multiThreadedEqualsSingleThreadedAndRepeats() {
    SequenceDescription seq = Sequences.dpface(PROJ_W, PROJ_H, SequenceConfig.defaults());
    SyntheticCamera cam = new SyntheticCamera(CAM_W, CAM_H, PROJ_W, PROJ_H);
    List<ImageBase> frames = render(seq, cam, 8, 4);
    DecodedMaps one = decode(seq, frames, 1);
    DecodedMaps again = new DecodedMaps();
    try (PatternDecoder dec = new PatternDecoder(seq, DecoderConfig.defaults(), 3)) {
      for (int rep = 0; rep < 2; rep++) { // second call reuses worker and output buffers
        dec.decode(frames, again);
        assertArrayEquals(one.projU.data, again.projU.data);
        assertArrayEquals(one.projV.data, again.projV.data);
        assertArrayEquals(one.confidence.data, again.confidence.data);
        assertArrayEquals(one.mask.data, again.mask.data);
        assertArrayEquals(one.reason.data, again.reason.data);
      }
    }
    List<ImageBase> rerendered = render(seq, cam, 8, 4);
    for (int f = 0; f < frames.size(); f++) {
      assertArrayEquals(((org.dpface.core.image.GrayU8) frames.get(f)).data,
          ((org.dpface.core.image.GrayU8) rerendered.get(f)).data, "seeded render differs");
    }
  }

  @Test
  void decodesProjectorFramesExactlyWithoutACamera() {
    // identity camera: frame pixel (u, v) is projector pixel (u, v); covers odd sizes and the no-inverse path
    for (int[] size : new int[][] {{2, 1}, {5, 3}, {64, 48}, {100, 37}}) {
      int w = size[0];
      int h = size[1];
      for (SequenceDescription seq : List.of(Sequences.dpface(w, h, SequenceConfig.grayOnly()),
          Sequences.dpface(w, h, new SequenceConfig(3, 8, 0)), Sequences.openCvGrayCode(w, h),
          SequenceFilesTest.withoutInverses(Sequences.dpface(w, h, SequenceConfig.grayOnly())))) {
        if (!seq.encodes(org.dpface.reconstruction.struct.Axis.X)) {
          continue;
        }
        PatternGenerator gen = new PatternGenerator(seq);
        List<GrayU16> frames = new java.util.ArrayList<>();
        for (int f = 0; f < seq.size(); f++) {
          GrayU16 img = new GrayU16(1, 1);
          gen.render(f, img);
          frames.add(img);
        }
        DecoderConfig cfg = new DecoderConfig(0.04, 2.0, 0.2, 0.15);
        DecodedMaps out = new DecodedMaps();
        try (PatternDecoder dec = new PatternDecoder(seq, cfg, 1)) {
          dec.decode(frames, out);
        }
        for (int v = 0; v < h; v++) {
          for (int u = 0; u < w; u++) {
            String at = w + "x" + h + " " + seq.size() + " frames, pixel (" + u + ", " + v + ")";
            assertEquals(1, out.mask.get(u, v), at + " reason " + out.reason.get(u, v));
            assertEquals(u, out.projU.get(u, v), 2e-3, at);
            if (seq.encodes(org.dpface.reconstruction.struct.Axis.Y)) {
              assertEquals(v, out.projV.get(u, v), 2e-3, at);
            }
          }
        }
      }
    }
  }

  @Test
  void rejectsWrongFrameCountAndType() {
    SequenceDescription seq = Sequences.openCvGrayCode(16, 8);
    try (PatternDecoder dec = new PatternDecoder(seq, DecoderConfig.defaults(), 1)) {
      var e = assertThrows(IllegalArgumentException.class,
          () -> dec.decode(List.of(new GrayU16(4, 4)), new DecodedMaps()));
      assertTrue(e.getMessage().contains("sequence describes " + seq.size()), e.getMessage());
    }
  }

  @Test
  void fastAtanIsAccurate() {
    double maxErr = 0;
    for (int i = 0; i < 100_000; i++) {
      double a = 2 * Math.PI * i / 100_000;
      float r = (float) (0.01 + (i % 7) * 3.0);
      float y = (float) (r * Math.sin(a));
      float x = (float) (r * Math.cos(a));
      double d = FastAtan.atan2(y, x) - Math.atan2(y, x);
      d -= 2 * Math.PI * Math.rint(d / (2 * Math.PI));
      maxErr = Math.max(maxErr, Math.abs(d));
    }
    assertTrue(maxErr < 5e-7, "max atan2 error " + maxErr);
  }
}
