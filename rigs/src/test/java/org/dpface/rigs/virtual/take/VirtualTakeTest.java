package org.dpface.rigs.virtual.take;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.optics.DualPixelRenderer;
import org.dpface.rigs.virtual.render.SceneLookup;
import org.dpface.rigs.virtual.render.SensorModel;
import org.dpface.rigs.virtual.subject.PosedSubject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VirtualTakeTest {
  private static RigDescription rig;
  private static PosedSubject subject;
  private static VirtualTake take;

  @BeforeAll
  static void prepare() {
    rig = TakeFixtures.rig();
    subject = TakeFixtures.subject(rig);
    take = TakeFixtures.take(rig, subject, TakeFixtures.config());
  }

  @AfterAll
  static void close() {
    take.close();
  }

  @Test
  void stepsAreProjectorPatternsThenLampsThenAmbient() {
    assertEquals(2 * 4 + 6 + 1, take.stepCount());
    List<String> labels = take.stepLabels();
    assertEquals(List.of("sl-proj0-00", "sl-proj0-01", "sl-proj0-02", "sl-proj0-03", "sl-proj1-00",
        "sl-proj1-01", "sl-proj1-02", "sl-proj1-03", "light-light0", "light-light1", "light-light2",
        "light-light3", "light-light4", "light-light5", "ambient"), labels);
    for (int i = 0; i < take.stepCount(); i++) {
      assertEquals(i, take.steps().get(i).index());
    }
    try (VirtualTake noAmbient = TakeFixtures.take(rig, subject, TakeFixtures.config().withAmbientShot(false))) {
      assertEquals(14, noAmbient.stepCount());
    }
    GrayU16 l = new GrayU16(1, 1);
    assertThrows(IndexOutOfBoundsException.class, () -> take.renderStep("cam0", 15, l, l));
    assertThrows(IllegalArgumentException.class, () -> take.renderStep("nope", 0, l, l));
  }

  @Test
  void sameSeedGivesIdenticalBytesInAnyOrderAndFromTwoThreads() throws Exception {
    int[] steps = {2, 9, 14, 5};
    List<String> cams = List.of("cam0", "cam3", "cam6");
    Map<String, short[]> forward = new HashMap<>();
    for (String c : cams) {
      for (int s : steps) {
        forward.put(c + "/" + s, render(take, c, s));
      }
    }
    try (VirtualTake other = TakeFixtures.take(rig, subject, TakeFixtures.config().withThreads(1))) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> jobs = new ArrayList<>();
        Map<String, short[]> backward = new java.util.concurrent.ConcurrentHashMap<>();
        for (String c : cams.reversed()) {
          jobs.add(pool.submit(() -> {
            for (int k = steps.length - 1; k >= 0; k--) {
              backward.put(c + "/" + steps[k], render(other, c, steps[k]));
            }
          }));
        }
        for (Future<?> f : jobs) {
          f.get();
        }
        for (String key : forward.keySet()) {
          assertArrayEquals(forward.get(key), backward.get(key), key);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    try (VirtualTake reseeded = TakeFixtures.take(rig, subject, TakeFixtures.config().withSeed(8))) {
      assertFalse(Arrays.equals(forward.get("cam0/2"), render(reseeded, "cam0", 2)));
    }
    // Left and right halves and different cameras / steps carry different noise.
    assertFalse(Arrays.equals(forward.get("cam0/14"), forward.get("cam3/14")));
  }

  /** Left then right raw DN of one step, concatenated. */
  private static short[] render(VirtualTake t, String cam, int step) {
    GrayU16 l = new GrayU16(1, 1);
    GrayU16 r = new GrayU16(1, 1);
    t.renderStep(cam, step, l, r);
    int n = l.width() * l.height();
    short[] out = Arrays.copyOf(l.data, 2 * n);
    System.arraycopy(r.data, 0, out, n, n);
    return out;
  }

  @Test
  void leftPlusRightIsTheFullApertureImageAndNoiseFreeRawIsItsMeanResponse() {
    VirtualTakeConfig cfg = TakeFixtures.config().withNoise(false);
    try (VirtualTake quiet = TakeFixtures.take(rig, subject, cfg);
        DualPixelRenderer full = new DualPixelRenderer(cfg.dp())) {
      for (int step : new int[] {2, 10}) {
        String cam = "cam1";
        GrayF32 l = new GrayF32(1, 1);
        GrayF32 r = new GrayF32(1, 1);
        quiet.renderLinearPair(cam, step, l, r);
        GrayF32 sharp = new GrayF32(1, 1);
        quiet.renderSharpRadiance(cam, step, sharp);
        SceneLookup lookup = quiet.lookup(cam);
        GrayF32 sum = new GrayF32(1, 1);
        boolean sl = quiet.steps().get(step).kind() == TakeStep.Kind.STRUCTURED_LIGHT;
        full.renderFull(sharp, lookup.depth, lookup.mask, sl ? quiet.slOptics(cam) : quiet.dpOptics(cam), sum);
        double maxDiff = 0;
        double maxValue = 0;
        for (int i = 0; i < sum.width() * sum.height(); i++) {
          maxDiff = Math.max(maxDiff, Math.abs(l.data[i] + r.data[i] - sum.data[i]));
          maxValue = Math.max(maxValue, sum.data[i]);
        }
        assertTrue(maxValue > 0.1, "the subject is lit");
        assertTrue(maxDiff <= 1e-6 * maxValue, "left + right = full, max diff " + maxDiff);
        GrayU16 rl = new GrayU16(1, 1);
        GrayU16 rr = new GrayU16(1, 1);
        quiet.renderStep(cam, step, rl, rr);
        SensorModel s = sl ? cfg.slSensor() : cfg.lightSensor();
        for (int i = 0; i < l.width() * l.height(); i++) {
          double want = Math.min(s.maxDn(), Math.min(s.meanDn(l.data[i]),
              s.blackLevelDn() + s.gainDnPerElectron() * s.fullWellElectrons()));
          assertEquals(want, rl.data[i] & 0xffff, 0.5 + 1e-6, "pixel " + i);
        }
      }
    }
  }

  @Test
  void structuredLightFramesCarryThePattern() {
    GrayU16 wl = new GrayU16(1, 1);
    GrayU16 wr = new GrayU16(1, 1);
    GrayU16 bl = new GrayU16(1, 1);
    GrayU16 br = new GrayU16(1, 1);
    for (String cam : List.of("cam0", "cam5")) {
      for (int projector = 0; projector < 2; projector++) {
        int base = projector * 4;
        take.renderStep(cam, base + TakeFixtures.WHITE, wl, wr);
        take.renderStep(cam, base + TakeFixtures.BLACK, bl, br);
        SceneLookup lookup = take.lookup(cam);
        SceneLookup.ProjectorMaps m = lookup.projector(projector);
        int lit = 0;
        int brighter = 0;
        double sumWhite = 0;
        double sumBlack = 0;
        for (int i = 0; i < lookup.width() * lookup.height(); i++) {
          if (lookup.mask.data[i] == 0 || m.lit.data[i] == 0 || m.geometry.data[i] < 0.3f) {
            continue;
          }
          int w = (wl.data[i] & 0xffff) + (wr.data[i] & 0xffff);
          int b = (bl.data[i] & 0xffff) + (br.data[i] & 0xffff);
          lit++;
          brighter += w > b ? 1 : 0;
          sumWhite += w;
          sumBlack += b;
        }
        assertTrue(lit > 500, cam + " sees projector " + projector + " light the face: " + lit);
        assertTrue(brighter > 0.97 * lit, cam + "/" + projector + ": white brighter at " + brighter + "/" + lit);
        assertTrue(sumWhite > 2 * sumBlack, cam + "/" + projector + ": white " + sumWhite + " vs black " + sumBlack);
      }
    }
  }

  @Test
  void lampStepsUseTheLensApertureAndStructuredLightTheSlAperture() {
    assertEquals(rig.cameras().get(2).lens().fNumber(), take.dpOptics("cam2").lens().fNumber());
    assertEquals(VirtualTakeConfig.DEFAULT_SL_F_NUMBER, take.slOptics("cam2").lens().fNumber());
    assertEquals(rig.cameras().get(2).pixelPitchMm(), take.dpOptics("cam2").pixelPitchMm());
  }
}
